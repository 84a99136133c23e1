import ReserveCore

/// One stored attestation, verified again, whose re-evaluation
/// ``Ledger/reevaluate(batch:evaluatedAt:toolVersion:decide:)`` appends.
public struct ReevaluationItem: Sendable {
    public var attestationRef: Int64
    public var verified: VerifiedAttestation
    /// An operator's signed correction to append with it (`ledger withdraw`), if any.
    public var correction: Withdrawal?

    public init(attestationRef: Int64, verified: VerifiedAttestation, correction: Withdrawal? = nil) {
        self.attestationRef = attestationRef
        self.verified = verified
        self.correction = correction
    }
}
