import Testing

@testable import ReserveCore

/// RRT-LIQUIDITY (tentative): same-day assets cover at least 20% of the peg value (30,000,000,000
/// in the fixture, so 6,000,000,000).
@Suite struct LiquidityRuleTests {
    /// Central bank reserves of `sameDay` and a term deposit (not callable) making up 30,150,000,000.
    private func sameDay(_ sameDay: String, term: String) -> RuleFixture {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", sameDay, issuer: "JP"),
            RuleLine.deposit(
                "dep-term", term, bank: "Example Trust Bank", rating: "A+", callable: false,
                maturity: RuleFixture.day(90)),
        ]
        return f
    }

    @Test func eligibleFixturePasses() throws {
        let finding = try RuleFixture.eligible().finding(LiquidityRule())
        // Callable deposit 20,100,000,000 + central bank 10,050,000,000 = 30,150,000,000; / 30e9 = 1.005.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? LiquidityEvidence)?.$sameDayAssets == "30150000000")
        #expect((finding.evidence as? LiquidityEvidence)?.$share == "1.005000")
        #expect((finding.evidence as? LiquidityEvidence)?.$requiredShare == "0.200000")
    }

    @Test func exactlyTwentyPercentPasses() throws {
        let finding = try sameDay("6000000000", term: "24150000000").finding(LiquidityRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? LiquidityEvidence)?.sameDayLines == ["boj"])
        #expect((finding.evidence as? LiquidityEvidence)?.$share == "0.200000")
    }

    @Test func belowTwentyPercentFailsBeforeTheTentativeWarn() throws {
        let finding = try sameDay("5000000000", term: "25150000000").finding(LiquidityRule())
        // 5,000,000,000 / 30,000,000,000 = 0.1666…
        #expect(finding.status == .fail)
        #expect((finding.evidence as? LiquidityEvidence)?.$share == "0.166667")
    }

    @Test func belowTwentyPercentOnlyWarnsAndDoesNotBlockTheVerdict() throws {
        let evaluation = try sameDay("5000000000", term: "25150000000").evaluation()
        let finding = try #require(evaluation.ruleFinding(.rrtLiquidity))
        #expect(finding.status == .warn)
        #expect(finding.message.hasSuffix("(tentative rule: warn only)"))
        #expect(finding.gating == false)
        #expect(evaluation.verdict.eligible)
        #expect(evaluation.verdict.blocking == [])
    }

    @Test func shortBillsCountAtTheirStressedValueAndOvernightReposCount() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "5000000000", issuer: "JP"),
            RuleLine.debt(
                "bill-73", "sovereign-bill", "10000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(73)),
            RuleLine.debt(
                "bill-92", "sovereign-bill", "1000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(92)),
            RuleLine.debt(
                "bill-93", "sovereign-bill", "1000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(93)),
            RuleLine.reverseRepo(
                "rrp-1", "1000000000", tenorDays: 1,
                collateral: RuleLine.collateral(
                    issuer: "JP", rating: "A+", value: "1100000000", maturity: RuleFixture.year(1))),
            RuleLine.reverseRepo(
                "rrp-2", "1000000000", tenorDays: 2,
                collateral: RuleLine.collateral(
                    issuer: "JP", rating: "A+", value: "1100000000", maturity: RuleFixture.year(1))),
            RuleLine.deposit("dep-unstated", "1000000000", bank: "Example Trust Bank", rating: "A+", callable: nil),
        ]
        let finding = try f.finding(LiquidityRule())
        // bill-73: 10,000,000,000 − 10,000,000,000 × 73/365 × 1% = 10,000,000,000 − 20,000,000 = 9,980,000,000.
        // bill-92: 1,000,000,000 − 1,000,000,000 × 92/365 × 1% = 1,000,000,000 − 2,520,547.945205479452…
        // rrp-1: 1,000,000,000. Sum with boj's 5,000,000,000: 16,977,479,452.054794520547… (92/365 does not
        // terminate, so compare at six places). bill-93, the two-day repo and the deposit without
        // `callable` do not count.
        #expect((finding.evidence as? LiquidityEvidence)?.sameDayLines == ["boj", "bill-73", "bill-92", "rrp-1"])
        let sameDay = try #require((finding.evidence as? LiquidityEvidence)?.sameDayAssets)
        #expect(sameDay.rounded(scale: 6) == ruleMoney("16977479452.054795"))
    }

    @Test func noUnitsIssuedIsInsufficientData() throws {
        // A deposit without `callable` simply does not count as same-day (see above); with no
        // units issued there is nothing to cover, which never passes (issue 10, class 9).
        var f = RuleFixture.eligible()
        f.issuedUnits = "0"
        let finding = try f.finding(LiquidityRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? LiquidityEvidence)?.aggregatePegValue == ruleMoney("0"))
    }
}
