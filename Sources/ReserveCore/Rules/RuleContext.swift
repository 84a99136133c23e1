import Foundation

/// What every rule may read: the attestation, the active profile, the evaluation time, and
/// figures computed once for all rules.
public struct RuleContext: Sendable {
    public let verified: VerifiedAttestation
    public let profile: Profile
    public let evaluatedAt: Timestamp
    public let figures: ReserveFigures
    /// The bank's own position (its redemption route for CC2-REDEEM), when given.
    public let position: BankPosition?

    public var attestation: Attestation { verified.attestation }

    public init(
        verified: VerifiedAttestation, profile: Profile, evaluatedAt: Timestamp,
        position: BankPosition? = nil
    ) {
        self.verified = verified
        self.profile = profile
        self.evaluatedAt = evaluatedAt
        self.figures = ReserveFigures(verified.attestation, profile: profile)
        self.position = position
    }
}
