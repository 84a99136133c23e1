import Foundation

/// The bank's own figures, for the capital findings that follow the verdict.
public struct BankPosition: Sendable, Hashable {
    /// The bank's exposure to this coin: the larger of its absolute long and short positions.
    public var exposure: Amount
    /// The bank's other Group 2 cryptoasset exposures.
    public var otherGroup2Exposure: Amount
    public var tier1Capital: Amount?

    public init(exposure: Amount, otherGroup2Exposure: Amount = .zero, tier1Capital: Amount? = nil) {
        self.exposure = exposure
        self.otherGroup2Exposure = otherGroup2Exposure
        self.tier1Capital = tier1Capital
    }
}

/// G2-LIMIT and G2B-RW: what the verdict means for the bank's capital. Never gating (they judge
/// the bank's book, not the coin); computed after the verdict, from the bank's own figures.
enum CapitalRules {
    static let ids: Set<RuleID> = [.g2Limit, .g2bRiskWeight]

    static func findings(_ verdict: Verdict, position: BankPosition?) -> [Finding] {
        [limit(verdict, position), riskWeight(verdict, position)].map {
            var f = $0
            f.gating = false
            return f
        }
    }

    static func limit(_ verdict: Verdict, _ position: BankPosition?) -> Finding {
        let id = RuleID.g2Limit
        if verdict.eligible {
            return Finding(id, .notApplicable, "Group 1b: the Group 2 exposure limit does not apply", basis: .computed)
        }
        guard let position, let tier1 = position.tier1Capital, tier1.value > 0 else {
            return Finding(id, .notApplicable, "needs the bank's figures: --exposure and --tier1-capital (and --other-group2-exposure)", basis: .computed)
        }
        let total = position.exposure.value + position.otherGroup2Exposure.value
        let share = total / tier1.value
        let ev: JSONObject = ["exposure": .amount(position.exposure.value), "otherGroup2Exposure": .amount(position.otherGroup2Exposure.value),
                              "totalGroup2Exposure": .amount(total), "tier1Capital": .amount(tier1.value), "share": .ratio(share)]
        if share <= Decimal(1) / 100 {
            return Finding(id, .pass, "Group 2 exposure \(percent(share)) of Tier 1, within 1%", basis: .computed, evidence: ev)
        }
        if share <= Decimal(2) / 100 {
            return Finding(id, .warn, "Group 2 exposure \(percent(share)) of Tier 1: above 1%, the excess takes Group 2b treatment", basis: .computed, evidence: ev)
        }
        return Finding(id, .fail, "Group 2 exposure \(percent(share)) of Tier 1: above the 2% limit, all Group 2 exposure takes Group 2b treatment",
                       basis: .computed, evidence: ev)
    }

    static func riskWeight(_ verdict: Verdict, _ position: BankPosition?) -> Finding {
        let id = RuleID.g2bRiskWeight
        guard verdict.group == "2b" else {
            return Finding(id, .notApplicable, "Group \(verdict.group): the 1,250% risk weight does not apply", basis: .computed)
        }
        guard let position else {
            return Finding(id, .notApplicable, "Group 2b at a 1,250% risk weight; give --exposure for the figures", basis: .computed)
        }
        let rwa = position.exposure.value * Decimal(125) / 10
        let ev: JSONObject = ["exposure": .amount(position.exposure.value), "riskWeight": .string("12.5"),
                              "riskWeightedAssets": .amount(rwa), "capitalAt8Percent": .amount(rwa * Decimal(8) / 100)]
        return Finding(id, .warn, "Group 2b: risk-weighted assets \(money(rwa)) (1,250%), capital \(money(rwa * Decimal(8) / 100)), equal to the exposure",
                       basis: .computed, evidence: ev)
    }
}
