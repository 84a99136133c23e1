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
        // The issuer's own jurisdiction is always one where the coin is issued: a declared list
        // adds to it, never replaces it (before 2026-12-02 `jurisdictions: []` needed no opinion at all).
        let needed = Array(Set((a.legal?.jurisdictions ?? []) + [a.issuer.jurisdiction])).sorted()
        var ev = LegalEvidence()
        ev.jurisdictions = needed
        guard let opinions = a.legal?.opinions else {
            return Finding(id, .insufficientData, "legal.opinions is missing", basis: .declared, evidence: ev)
        }
        // An opinion dated after the attestation was issued is not one the issuer had when it
        // signed: it does not count (our integrity policy, `tool-calibration`).
        let latestDate = a.latestReportableDate
        let future = opinions.filter { latestDate < $0.date }
        let covered = Set(opinions.filter { !(latestDate < $0.date) }.map(\.jurisdiction))
        ev.opinionJurisdictions = covered.sorted()
        let missing = needed.filter { !covered.contains($0) }
        if !missing.isEmpty {
            ev.missing = missing
            return Finding(
                id, .fail,
                "no legal opinion for \(missing.joined(separator: ", "))"
                    + future.map {
                        "; the opinion for \($0.jurisdiction) dated \($0.date) is after the attestation "
                            + "was issued and does not count"
                    }.joined(),
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "legal opinions cover \(needed.joined(separator: ", "))", basis: .declared, evidence: ev)
    }
}
