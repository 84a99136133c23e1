import Foundation

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
