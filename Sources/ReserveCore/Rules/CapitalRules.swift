import Foundation

/// The bank's own figures, for the capital findings that follow the verdict.
public struct BankPosition: Sendable, Hashable {
    /// The bank's exposure to this coin: the larger of its absolute long and short positions
    /// (nil: not given; the capital findings then say what they need).
    public var exposure: Amount?
    /// The bank's other Group 2 cryptoasset exposures.
    public var otherGroup2Exposure: Amount
    public var tier1Capital: Amount?
    /// How the bank itself can redeem the coin at par (CC2-REDEEM), when known.
    public var redemptionRoute: RedemptionRoute?

    public init(exposure: Amount?, otherGroup2Exposure: Amount = .zero, tier1Capital: Amount? = nil,
                redemptionRoute: RedemptionRoute? = nil) {
        self.exposure = exposure
        self.otherGroup2Exposure = otherGroup2Exposure
        self.tier1Capital = tier1Capital
        self.redemptionRoute = redemptionRoute
    }

    /// Total Group 2 exposure above 2% of Tier 1 (compared exactly: 100 × total > 2 × Tier 1).
    var group2AboveTwoPercent: Bool {
        guard let tier1 = tier1Capital?.value, tier1 > 0, let exposure,
              let total = try? Exact.add(exposure.value, otherGroup2Exposure.value),
              let lhs = try? Exact.multiply(total, 100), let rhs = try? Exact.multiply(tier1, 2) else { return false }
        return lhs > rhs
    }
}

/// The bank's own route to redeem at par (CC2-REDEEM, issue 12 correction 10).
public enum RedemptionRoute: Sendable, Hashable, CustomStringConvertible {
    /// The bank redeems with the issuer itself.
    case direct
    /// Through a named intermediary that redeems for it.
    case intermediary(String)
    /// The bank has no route.
    case none

    public var description: String {
        switch self {
        case .direct: "directly"
        case .intermediary(let name): "through \(name)"
        case .none: "none"
        }
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
        guard let position, let exposure = position.exposure, let tier1 = position.tier1Capital, tier1.value > 0 else {
            return Finding(id, .notApplicable, "needs the bank's figures: --exposure and --tier1-capital (and --other-group2-exposure)", basis: .computed)
        }
        guard let total = try? Exact.add(exposure.value, position.otherGroup2Exposure.value),
              let hundredfold = try? Exact.multiply(total, 100) else {
            return Finding(id, .fail, Exact.Inexact("the total Group 2 exposure").message + ": failing closed",
                           basis: .computed)
        }
        let share = total / tier1.value
        let ev: JSONObject = ["exposure": .amount(exposure.value), "otherGroup2Exposure": .amount(position.otherGroup2Exposure.value),
                              "totalGroup2Exposure": .amount(total), "tier1Capital": .amount(tier1.value), "share": .ratio(share)]
        // Decided on amounts (100 × total against 1 or 2 × Tier 1); the share is display only.
        if hundredfold <= tier1.value {
            return Finding(id, .pass, "Group 2 exposure \(percent(share)) of Tier 1, within 1%", basis: .computed, evidence: ev)
        }
        if !position.group2AboveTwoPercent {
            return Finding(id, .warn, "Group 2 exposure \(percent(share)) of Tier 1: above 1%, the excess takes Group 2b treatment", basis: .computed, evidence: ev)
        }
        return Finding(id, .fail, "Group 2 exposure \(percent(share)) of Tier 1: above the 2% limit, all Group 2 exposure takes Group 2b treatment",
                       basis: .computed, evidence: ev)
    }

    static func riskWeight(_ verdict: Verdict, _ position: BankPosition?) -> Finding {
        let id = RuleID.g2bRiskWeight
        // Above 2% of Tier 1, all Group 2 exposure takes Group 2b treatment: a 2a coin too.
        let knockOn = !verdict.eligible && verdict.group != "2b" && position?.group2AboveTwoPercent == true
        guard verdict.group == "2b" || knockOn else {
            return Finding(id, .notApplicable, "Group \(verdict.group): the 1,250% risk weight does not apply", basis: .computed)
        }
        guard let exposure = position?.exposure else {
            return Finding(id, .notApplicable, "Group 2b at a 1,250% risk weight; give --exposure for the figures", basis: .computed)
        }
        guard let rwa = try? Exact.multiply(exposure.value, Decimal(125) / 10),
              let capital = try? Exact.multiply(rwa, Decimal(8) / 100) else {
            return Finding(id, .fail, Exact.Inexact("the risk-weighted assets").message + ": failing closed",
                           basis: .computed)
        }
        var ev: JSONObject = ["exposure": .amount(exposure.value), "riskWeight": .string("12.5"),
                              "riskWeightedAssets": .amount(rwa), "capitalAt8Percent": .amount(capital)]
        let why: String
        if knockOn {
            ev["group2AboveTwoPercentOfTier1"] = .bool(true)
            why = "Group \(verdict.group) coin, but Group 2 exposure exceeds 2% of Tier 1 so all of it takes Group 2b "
                + "treatment: "
        } else {
            why = "Group 2b: "
        }
        return Finding(id, .warn, why
                       + "risk-weighted assets \(money(rwa)) (1,250%), capital \(money(capital)), equal to the "
            + "exposure",
                       basis: .computed, evidence: ev)
    }
}
