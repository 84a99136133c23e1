import ReserveCore

/// One stored attestation, verified again, whose re-evaluation
/// ``Ledger/reevaluate(batch:evaluatedAt:toolVersion:decide:)`` appends.
public struct ReevaluationItem: Sendable {
    public var attestationRef: Int64
    public var verified: VerifiedAttestation
    /// An operator's signed correction to append with it (`ledger withdraw`), if any.
    public var correction: Withdrawal?
    /// The record prepared where it was re-checked (a worker), if it was. Only its evaluation part
    /// (the coverage texts and the encoding of the assessment's findings' evidence, each only when
    /// the evaluation decided matches it: ``RecordDraft``) and the SHA-256 of the envelope it
    /// hashed are used: the attestation row and signature checks a re-evaluation's record copies
    /// are the stored ones, read back and proven in the writer's transaction, never the re-check's.
    public var draft: RecordDraft?
    /// The stored envelope whose bytes were re-checked (a page of
    /// ``Ledger/acceptedEnvelopes(after:limit:)``, or ``Ledger/trustedEnvelope(digest:)``), if the
    /// caller says: the writer then requires them (envelope, detached signature, timestamp token,
    /// first sight) to be what the proven attestation row records.
    public var stored: StoredEnvelope?

    public init(
        attestationRef: Int64, verified: VerifiedAttestation, correction: Withdrawal? = nil, draft: RecordDraft? = nil,
        stored: StoredEnvelope? = nil
    ) {
        self.attestationRef = attestationRef
        self.verified = verified
        self.correction = correction
        self.draft = draft
        self.stored = stored
    }
}
