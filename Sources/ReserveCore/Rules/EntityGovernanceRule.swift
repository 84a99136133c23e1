import Foundation

/// CC4-GOVERNANCE: those entities disclose a governance framework.
struct EntityGovernanceRule: Rule {
    let id = RuleID.cc4Governance
    let condition = RuleCondition.entities
    let gatesInEveryProfile = true
    var checks: String {
        "Those entities disclose a governance framework."
    }
    var reference: String {
        "SCO60 classification condition 4: disclosed governance framework"
    }
    var defaultSource: Source {
        .sco60("classification condition 4 (regulated and supervised entities)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = EntityGovernanceEvidence()
        guard let entities = c.attestation.entities, !entities.isEmpty else {
            return Finding(id, .insufficientData, "entities is missing", basis: .declared, evidence: ev)
        }
        let lacking = entities.filter { $0.governanceDisclosure == nil }.map { "\($0.role.rawValue) \($0.name)" }
        ev.withoutDisclosure = lacking
        if !lacking.isEmpty {
            return Finding(
                id, .insufficientData, "no governance disclosure for: \(lacking.joined(separator: "; "))",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "all \(entities.count) entities disclose a governance framework", basis: .declared, evidence: ev)
    }
}
