import Foundation

/// CC2-FINALITY: settlement finality in primary and secondary markets.
struct FinalityRule: Rule {
    let id = RuleID.cc2Finality
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "The legal framework ensures settlement finality."
    }
    var reference: String {
        "SCO60 classification condition 2: settlement finality"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        guard let finality = c.attestation.legal?.settlementFinality else {
            return Finding(id, .insufficientData, "legal.settlementFinality is missing", basis: .declared)
        }
        let ev = FinalityEvidence(settlementFinality: finality)
        return finality
            ? Finding(id, .pass, "the legal framework ensures settlement finality", basis: .declared, evidence: ev)
            : Finding(id, .fail, "the issuer does not declare settlement finality", basis: .declared, evidence: ev)
    }
}
