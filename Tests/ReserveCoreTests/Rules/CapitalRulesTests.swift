import Foundation
import Testing

@testable import ReserveCore

/// G2-LIMIT and G2B-RW: the bank's capital consequences, after the verdict, never gating.
@Suite struct CapitalRulesTests {
    /// The eligible fixture made ineligible (settlement finality withdrawn): Group 2b.
    func notEligible(_ position: BankPosition?) throws -> Evaluation {
        var f = RuleFixture.eligible()
        f["legal", "settlementFinality"] = false
        let attestation = try f.attestation()
        return Evaluator(profile: .bcbs, position: position).evaluateDraft(attestation, at: RuleFixture.evaluatedAt)
    }

    @Test(arguments: [("1000", FindingStatus.pass), ("1500", .warn), ("2001", .fail)])
    func group2ExposureAgainstTierOne(exposure: String, expected: FindingStatus) throws {
        // Tier 1 = 100,000: 1,000 is 1% (within), 1,500 is 1.5% (excess over 1% takes 2b), 2,001 > 2%.
        let e = try notEligible(BankPosition(exposure: ruleAmount(exposure), tier1Capital: ruleAmount("100000")))
        let f = try #require(e.ruleFinding(.g2Limit))
        #expect(f.status == expected)
        #expect(!f.gating)
        #expect(e.verdict.blocking == [.cc2Finality])
    }

    @Test func otherGroup2ExposuresCountTowardsTheLimit() throws {
        let e = try notEligible(
            BankPosition(
                exposure: ruleAmount("500"), otherGroup2Exposure: ruleAmount("1600"), tier1Capital: ruleAmount("100000")
            ))
        let f = try #require(e.ruleFinding(.g2Limit))
        #expect(f.status == .fail)
        #expect((f.evidence as? Group2LimitEvidence)?.totalGroup2Exposure == ruleMoney("2100"))
        #expect((f.evidence as? Group2LimitEvidence)?.$share == "0.021000")
    }

    @Test func group2bTakesA1250PercentRiskWeight() throws {
        let e = try notEligible(BankPosition(exposure: ruleAmount("2000000.50")))
        let f = try #require(e.ruleFinding(.g2bRiskWeight))
        #expect(f.status == .warn)
        // RWA = 2,000,000.50 x 12.5 = 25,000,006.25; capital at 8% = 2,000,000.50 (the exposure).
        #expect((f.evidence as? Group2bRiskWeightEvidence)?.riskWeightedAssets == ruleMoney("25000006.25"))
        #expect((f.evidence as? Group2bRiskWeightEvidence)?.capitalAt8Percent == ruleMoney("2000000.5"))
    }

    @Test func anEligibleCoinHasNoGroup2Consequences() throws {
        let attestation = try RuleFixture.eligible().attestation()
        let e = Evaluator(
            profile: .bcbs, position: BankPosition(exposure: ruleAmount("1000"), tier1Capital: ruleAmount("10"))
        ).evaluateDraft(attestation, at: RuleFixture.evaluatedAt)
        #expect(try #require(e.ruleFinding(.g2Limit)).status == .notApplicable)
        #expect(try #require(e.ruleFinding(.g2bRiskWeight)).status == .notApplicable)
        #expect(e.verdict.eligible)
    }

    @Test func withoutTheBanksFiguresTheCapitalFindingsSaySoAndDoNotBlock() throws {
        let e = try notEligible(nil)
        #expect(try #require(e.ruleFinding(.g2Limit)).status == .notApplicable)
        let limit = try #require(e.ruleFinding(.g2Limit))
        #expect(
            limit.message == "needs the bank's figures: --exposure and --tier1-capital (and --other-group2-exposure)")
        #expect(try #require(e.ruleFinding(.g2bRiskWeight)).status == .notApplicable)
        #expect(e.verdict.group == .group2b)
    }
}
