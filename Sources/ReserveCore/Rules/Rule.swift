import Foundation

/// A rule of the attestation stage: a small pure value that reads a verified attestation through a ``RuleContext`` and
/// returns one finding. A failed rule is a returned value, never a throw.
public protocol Rule: RuleDescription {
    func evaluate(_ context: RuleContext) -> Finding
}

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

/// `ATT-TIME`: the attestation is not dated in the future (beyond a small clock skew) relative to
/// the evaluation time; a future-dated attestation would dodge staleness and key expiry.
struct AttestationTimeRule: Rule {
    let id = RuleID.attTime
    let condition = RuleCondition.integrity
    let gatesInEveryProfile = true
    var checks: String {
        "issuedAt is not after the evaluation time (beyond the clock skew)."
    }
    var reference: String {
        "Verifier policy: attestation not dated after the evaluation"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "clock skew \(t.clockSkewSeconds) s"
    }

    func evaluate(_ context: RuleContext) -> Finding {
        let a = context.attestation
        let skew = Int64(context.profile.thresholds.clockSkewSeconds)
        var evidence = AttestationTimeEvidence()
        evidence.issuedAt = a.issuedAt
        evidence.asOf = a.asOf
        evidence.evaluatedAt = context.evaluatedAt
        evidence.clockSkewSeconds = skew
        if context.evaluatedAt.adding(seconds: skew) < a.issuedAt {
            return Finding(
                id, .fail, "issued at \(a.issuedAt), after the evaluation time \(context.evaluatedAt)",
                basis: .computed, evidence: evidence)
        }
        return Finding(id, .pass, "issued at \(a.issuedAt), as of \(a.asOf)", basis: .computed, evidence: evidence)
    }
}
