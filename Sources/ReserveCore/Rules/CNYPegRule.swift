import Foundation

/// PBOC-CNY: the People's Bank of China's notice Yinfa [2026] No. 42 bans CNY-pegged stablecoins
/// and RWA tokens issued without approval; reported under every profile (not gating: the bank
/// decides whether its exposure is affected, and records the approval if one exists).
struct CNYPegRule: Rule {
    let id = RuleID.cnyPeg
    let condition = RuleCondition.jurisdiction
    let gatesInEveryProfile = false
    var checks: String {
        "A coin pegged to CNY (onshore or offshore CNH) falls under the PBoC ban on CNY-pegged "
            + "stablecoins and RWA tokens without approval."
    }
    var reference: String {
        "People's Bank of China, Yinfa [2026] No. 42: CNY-pegged stablecoins and RWA tokens"
    }
    var defaultSource: Source {
        .pbocYinfa42
    }
    func thresholds(in profile: Profile) -> String? { nil }
    static let currencies: Set<String> = ["CNY", "CNH"]

    func evaluate(_ c: RuleContext) -> Finding {
        let peg = c.attestation.token.peg.currency
        let ev = CNYPegEvidence(pegCurrency: peg)
        if Self.currencies.contains(peg) {
            return Finding(
                id, .fail,
                "pegged to \(peg): the People's Bank of China's notice Yinfa [2026] No. 42 bans CNY-pegged "
                    + "stablecoins without its approval", basis: .declared, evidence: ev, source: .pbocYinfa42)
        }
        return Finding(
            id, .notApplicable, "not pegged to CNY or CNH", basis: .declared, evidence: ev,
            source: .pbocYinfa42)
    }
}
