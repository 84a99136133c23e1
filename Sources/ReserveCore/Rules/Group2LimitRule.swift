import Foundation

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
