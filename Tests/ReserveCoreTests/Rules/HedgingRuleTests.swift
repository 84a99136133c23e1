import Testing

@testable import ReserveCore

/// G2A-HEDGING (tentative): Group 2a hedging recognition; decides 2a against 2b for a coin that is not 1b.
@Suite struct HedgingRuleTests {
    @Test func marketDataMeetingEveryThresholdPasses() throws {
        var f = RuleFixture.eligible()
        f["marketData"] = RuleFixture.marketData()  // exactly 10bn, 50m, 100
        let finding = try f.finding(HedgingRule())
        #expect(finding.status == .pass)
        #expect(
            (finding.evidence as? HedgingEvidence)?.averageMarketCapitalisationUSD == ruleMoney("10000000000"))
        #expect((finding.evidence as? HedgingEvidence)?.trimmedMeanDailyVolumeUSD == ruleMoney("50000000"))
        #expect((finding.evidence as? HedgingEvidence)?.priceObservations == 100)
        #expect((finding.evidence as? HedgingEvidence)?.minMarketCapitalisationUSD == ruleMoney("10000000000"))
    }

    @Test(arguments: [
        RuleFixture.marketData(referenced: false),
        RuleFixture.marketData(cap: "9999999999.99"),
        RuleFixture.marketData(volume: "49999999.99"),
        RuleFixture.marketData(observations: 99),
    ])
    func marketDataMissingOneThresholdFailsBeforeTheTentativeWarn(_ data: JSONValue) throws {
        var f = RuleFixture.eligible()
        f["marketData"] = data
        let finding = try f.finding(HedgingRule())
        #expect(finding.status == .fail)
    }

    @Test func missingMarketDataGivesInsufficientData() throws {
        let finding = try RuleFixture.eligible().finding(HedgingRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b")
    }

    @Test func failureIsReportedAsWarnAndDoesNotGate() throws {
        var f = RuleFixture.eligible()
        f["marketData"] = RuleFixture.marketData(observations: 99)
        let evaluation = try f.evaluation()
        let finding = try #require(evaluation.ruleFinding(.g2aHedging))
        #expect(finding.status == .warn)
        #expect(finding.gating == false)
        #expect(evaluation.verdict.eligible)
        #expect(evaluation.verdict.group == .group1b)
    }

    /// Not 1b because CC2-FINALITY fails.
    private func notOneB(marketData: JSONValue?) -> RuleFixture {
        var f = RuleFixture.eligible()
        f["legal", "settlementFinality"] = false
        f["marketData"] = marketData
        return f
    }

    @Test func coinThatIsNotOneBButMeetsHedgingCriteriaIsGroupTwoA() throws {
        let verdict = try notOneB(marketData: RuleFixture.marketData()).evaluation().verdict
        #expect(verdict.eligible == false)
        #expect(verdict.group == .group2a)
    }

    @Test func coinThatIsNotOneBAndMissesAHedgingCriterionIsGroupTwoB() throws {
        let verdict = try notOneB(marketData: RuleFixture.marketData(volume: "1")).evaluation().verdict
        #expect(verdict.group == .group2b)
    }

    @Test func coinThatIsNotOneBWithoutMarketDataIsGroupTwoB() throws {
        let verdict = try notOneB(marketData: nil).evaluation().verdict
        #expect(verdict.group == .group2b)
    }

    @Test func eligibleCoinStaysOneBWhateverItsMarketData() throws {
        var f = RuleFixture.eligible()
        f["marketData"] = RuleFixture.marketData()
        let verdict = try f.evaluation().verdict
        #expect(verdict.eligible)
        #expect(verdict.group == .group1b)
    }
}
