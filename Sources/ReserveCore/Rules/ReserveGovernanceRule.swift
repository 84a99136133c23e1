import Foundation

/// RRT-GOV: reserve governance and an operational resilience framework (declared).
struct ReserveGovernanceRule: Rule {
    let id = RuleID.rrtGov
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "An operational risk and resilience framework for the reserves, and a published reserve mandate."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (c): reserve governance, operational risk and resilience"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve management, disclosure and audit")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = ReserveGovernanceEvidence()
        guard let g = c.attestation.governance, let framework = g.operationalResilienceFramework else {
            return Finding(
                id, .insufficientData, "governance.operationalResilienceFramework is missing", basis: .declared,
                evidence: ev)
        }
        ev.operationalResilienceFramework = framework
        if let url = g.reserveMandateUrl { ev.reserveMandateUrl = url }
        guard framework else {
            return Finding(
                id, .fail, "the issuer declares no operational risk and resilience framework for the reserves",
                basis: .declared, evidence: ev)
        }
        guard g.reserveMandateUrl != nil else {
            return Finding(
                id, .insufficientData, "governance.reserveMandateUrl is missing: the reserve mandate is not disclosed",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "operational resilience framework declared; reserve mandate published", basis: .declared,
            evidence: ev)
    }
}
