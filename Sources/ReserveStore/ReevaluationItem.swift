import ReserveCore

/// One stored attestation, verified again, whose re-evaluation
/// ``Ledger/reevaluate(batch:evaluatedAt:toolVersion:decide:)`` appends.
public struct ReevaluationItem: Sendable {
    public var attestationRef: Int64
    public var verified: VerifiedAttestation
    /// An operator's signed correction to append with it (`ledger withdraw`), if any.
    public var correction: Withdrawal?
    /// The record prepared where it was re-checked (a worker), if it was. Only its evaluation part
    /// is used (the coverage texts and the encoding of the assessment's findings' evidence, each
    /// only when the evaluation decided matches it: ``RecordDraft``): the attestation row and
    /// signature checks a re-evaluation's record copies are the stored ones (the row as ``stored``
    /// read it, or read back in the transaction), never the re-check's.
    public var draft: RecordDraft?
    /// The stored envelope as the page listing it read it (``Ledger/acceptedEnvelopes(after:limit:)``), if it
    /// was: its attestation row's columns are then not read again (the row is never updated); whether it is
    /// withdrawn still is.
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
