import Foundation

/// The networks the coin is issued on, with their descriptions when given.
func describedNetworks(_ a: Attestation) -> (issued: [String], described: [String: Attestation.Network]) {
    let issued = Array(Set(a.token.outstanding.map(\.network))).sorted()
    var described: [String: Attestation.Network] = [:]
    for n in a.token.networks ?? [] { described[n.name] = n }
    return (issued, described)
}

/// CC3-NETWORK: the network's risks are assessed and mitigated (declared).
struct NetworkRule: Rule {
    let id = RuleID.cc3Network
    let condition = RuleCondition.network
    let gatesInEveryProfile = true
    var checks: String {
        "Every network the coin is issued on is described, with a published risk assessment."
    }
    var reference: String {
        "SCO60 classification condition 3: network risks sufficiently mitigated"
    }
    var defaultSource: Source {
        .sco60("classification condition 3 (network risks sufficiently mitigated)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let (issued, described) = describedNetworks(c.attestation)
        var ev = NetworkEvidence()
        ev.networks = issued
        let undescribed = issued.filter { described[$0] == nil }
        if c.attestation.token.networks == nil || !undescribed.isEmpty {
            ev.undescribed = undescribed
            return Finding(
                id, .insufficientData, "token.networks does not describe \(undescribed.joined(separator: ", "))",
                basis: .declared, evidence: ev)
        }
        let unassessed = issued.filter { described[$0]?.riskAssessment == nil }
        if !unassessed.isEmpty {
            ev.withoutRiskAssessment = unassessed
            return Finding(
                id, .insufficientData, "no published risk assessment for \(unassessed.joined(separator: ", "))",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "risk assessments published for \(issued.joined(separator: ", "))", basis: .declared,
            evidence: ev)
    }
}
