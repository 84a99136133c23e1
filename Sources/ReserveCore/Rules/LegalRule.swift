import Foundation

/// CC2-LEGAL: enforceable rights in every jurisdiction of issue and redemption (legal opinions).
struct LegalRule: Rule {
    let id = RuleID.cc2Legal
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "Legal opinions cover every jurisdiction where the coin is issued and redeemed."
    }
    var reference: String {
        "SCO60 classification condition 2: legally enforceable rights in every jurisdiction"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let needed = Array(Set(a.legal?.jurisdictions ?? [a.issuer.jurisdiction])).sorted()
        var ev = LegalEvidence()
        ev.jurisdictions = needed
        guard let opinions = a.legal?.opinions else {
            return Finding(id, .insufficientData, "legal.opinions is missing", basis: .declared, evidence: ev)
        }
        let covered = Set(opinions.map(\.jurisdiction))
        ev.opinionJurisdictions = covered.sorted()
        let missing = needed.filter { !covered.contains($0) }
        if !missing.isEmpty {
            ev.missing = missing
            return Finding(
                id, .fail, "no legal opinion for \(missing.joined(separator: ", "))", basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "legal opinions cover \(needed.joined(separator: ", "))", basis: .declared, evidence: ev)
    }
}
