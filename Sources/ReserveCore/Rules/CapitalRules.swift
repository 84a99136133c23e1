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

    public init(
        exposure: Amount?, otherGroup2Exposure: Amount = .zero, tier1Capital: Amount? = nil,
        redemptionRoute: RedemptionRoute? = nil
    ) {
        self.exposure = exposure
        self.otherGroup2Exposure = otherGroup2Exposure
        self.tier1Capital = tier1Capital
        self.redemptionRoute = redemptionRoute
    }

    /// Total Group 2 exposure above 2% of Tier 1 (compared exactly: 100 × total > 2 × Tier 1).
    var group2AboveTwoPercent: Bool {
        guard let tier1 = tier1Capital?.value, tier1 > 0, let exposure,
            let total = try? Exact.add(exposure.value, otherGroup2Exposure.value),
            let lhs = try? Exact.multiply(total, 100), let rhs = try? Exact.multiply(tier1, 2)
        else { return false }
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

/// What the capital rules read: the verdict just decided and the bank's own figures.
public struct CapitalContext: Sendable {
    public let verdict: Verdict
    public let position: BankPosition?
}

/// A rule of the capital stage (G2-LIMIT, G2B-RW): what the verdict means for the bank's capital.
/// Never gating (they judge the bank's book, not the coin); computed after the verdict, from the
/// bank's own figures.
protocol CapitalRule: RuleDescription {
    func evaluate(_ context: CapitalContext) -> Finding
}

/// The capital stage of the evaluation, after the verdict.
enum CapitalStage {
    /// The capital stage: every capital rule in catalogue order, never gating.
    static func findings(_ verdict: Verdict, position: BankPosition?) -> [Finding] {
        let context = CapitalContext(verdict: verdict, position: position)
        return Rules.capital.map {
            var f = $0.evaluate(context)
            f.gating = false
            return f
        }
    }
}

/// G2-LIMIT: the bank's total Group 2 exposure against 1% and 2% of its Tier 1 capital.
struct Group2LimitRule: CapitalRule {
    let id = RuleID.g2Limit
    let condition = RuleCondition.bankCapital
    let gatesInEveryProfile = false
    var checks: String {
        "For a coin that is not Group 1b: the bank's total Group 2 exposure against its Tier 1 capital "
            + "(needs --exposure and --tier1-capital); above 2% all of it takes 2b treatment."
    }
    var reference: String {
        "SCO60 Group 2 exposure limit (1% / 2% of Tier 1 capital)"
    }
    var defaultSource: Source {
        .sco60("Group 2 exposure limit and Group 2b capital requirement")
    }
    func thresholds(in p: Profile) -> String? {
        "should stay <= 1%, must not exceed 2% of Tier 1"
    }

    func evaluate(_ context: CapitalContext) -> Finding {
        let verdict = context.verdict
        let position = context.position
        if verdict.eligible {
            return Finding(id, .notApplicable, "Group 1b: the Group 2 exposure limit does not apply", basis: .computed)
        }
        guard let position, let exposure = position.exposure, let tier1 = position.tier1Capital, tier1.value > 0 else {
            return Finding(
                id, .notApplicable,
                "needs the bank's figures: --exposure and --tier1-capital (and --other-group2-exposure)",
                basis: .computed)
        }
        guard let total = try? Exact.add(exposure.value, position.otherGroup2Exposure.value),
            let hundredfold = try? Exact.multiply(total, 100)
        else {
            return Finding(
                id, .fail, Exact.Inexact("the total Group 2 exposure").message + ": failing closed",
                basis: .computed)
        }
        let share = total / tier1.value
        let ev = Group2LimitEvidence(
            exposure: exposure.value, otherGroup2Exposure: position.otherGroup2Exposure.value,
            totalGroup2Exposure: total, tier1Capital: tier1.value, share: share)
        // Decided on amounts (100 × total against 1 or 2 × Tier 1); the share is display only.
        if hundredfold <= tier1.value {
            return Finding(
                id, .pass, "Group 2 exposure \(percent(share)) of Tier 1, within 1%", basis: .computed, evidence: ev)
        }
        if !position.group2AboveTwoPercent {
            return Finding(
                id, .warn,
                "Group 2 exposure \(percent(share)) of Tier 1: above 1%, the excess takes Group 2b treatment",
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .fail,
            """
            Group 2 exposure \(percent(share)) of Tier 1: above the 2% limit, all Group 2 exposure takes Group 2b \
            treatment
            """,
            basis: .computed, evidence: ev)
    }
}

/// G2B-RW: the 1,250% risk weight of a Group 2b exposure (or of all Group 2 exposure above 2% of Tier 1).
struct Group2bRiskWeightRule: CapitalRule {
    let id = RuleID.g2bRiskWeight
    let condition = RuleCondition.bankCapital
    let gatesInEveryProfile = false
    var checks: String {
        """
        For a Group 2b coin: the 1,250% risk weight on the exposure, i.e. capital equal to the exposure (needs \
        --exposure).
        """
    }
    var reference: String {
        "SCO60 Group 2b capital requirement (1,250% risk weight)"
    }
    var defaultSource: Source {
        .sco60("Group 2 exposure limit and Group 2b capital requirement")
    }
    func thresholds(in p: Profile) -> String? {
        "risk weight 1,250%"
    }

    func evaluate(_ context: CapitalContext) -> Finding {
        let verdict = context.verdict
        let position = context.position
        // Above 2% of Tier 1, all Group 2 exposure takes Group 2b treatment: a 2a coin too.
        let knockOn = !verdict.eligible && verdict.group != .group2b && position?.group2AboveTwoPercent == true
        guard verdict.group == .group2b || knockOn else {
            return Finding(
                id, .notApplicable, "Group \(verdict.group): the 1,250% risk weight does not apply", basis: .computed)
        }
        guard let exposure = position?.exposure else {
            return Finding(
                id, .notApplicable, "Group 2b at a 1,250% risk weight; give --exposure for the figures",
                basis: .computed)
        }
        guard let rwa = try? Exact.multiply(exposure.value, Money(125, exponent: -1)),
            let capital = try? Exact.multiply(rwa, Money(8, exponent: -2))
        else {
            return Finding(
                id, .fail, Exact.Inexact("the risk-weighted assets").message + ": failing closed",
                basis: .computed)
        }
        var ev = Group2bRiskWeightEvidence(
            exposure: exposure.value, riskWeight: "12.5", riskWeightedAssets: rwa, capitalAt8Percent: capital)
        let why: String
        if knockOn {
            ev.group2AboveTwoPercentOfTier1 = true
            why =
                "Group \(verdict.group) coin, but Group 2 exposure exceeds 2% of Tier 1 so all of it takes Group 2b "
                + "treatment: "
        } else {
            why = "Group 2b: "
        }
        return Finding(
            id, .warn,
            why
                + "risk-weighted assets \(money(rwa)) (1,250%), capital \(money(capital)), equal to the "
                + "exposure",
            basis: .computed, evidence: ev)
    }
}
