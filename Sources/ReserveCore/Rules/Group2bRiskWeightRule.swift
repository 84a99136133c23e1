import Foundation

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
