import Testing

@testable import ReserveCore

/// Readings settled after review: a commodity peg's own commodity, crypto proven without a
/// stabilisation declaration, assets with no maturity under a WAM limit.
@Suite struct RuleReadingTests {
    @Test func goldBackingAGoldPeggedCoinIsAnEligibleReserve() throws {
        var f = RuleFixture.eligible()
        f.pegCurrency = "XAU"
        f.issuedUnits = "1000"
        f.reserves = [RuleLine.named("gold", "gold", "1100", currency: "XAU")]
        #expect(try f.finding(ReserveQualityRule()).status == .pass)
    }

    @Test func goldBackingACurrencyPeggedCoinStaysIneligible() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(RuleLine.named("gold", "gold", "1000", currency: "XAU"))
        #expect(try f.finding(ReserveQualityRule()).status == .fail)
    }

    @Test func cryptoInTheReservesFailsEvenWithoutAStabilisationDeclaration() throws {
        var f = RuleFixture.eligible()
        f["token", "stabilisation"] = nil
        f.reserves.append(RuleLine.named("btc", "cryptoasset", "1000", currency: "JPY"))
        let finding = try f.finding(NoCryptoReferenceRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.cryptoassetLines == ["btc"])
    }

    @Test func cryptoReceivedInACollateralSwapIsNotAReserveAndDoesNotCount() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.acquired("collateral-swap", RuleLine.named("btc", "cryptoasset", "1000", currency: "JPY")))
        #expect(try f.finding(NoCryptoReferenceRule()).status == .pass)
    }

    @Test func assetsWithoutAMaturityAreLeftOutOfTheWeightedAverageAndListed() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "1000000000", issuer: "JP"),
            RuleLine.named("gold", "gold", "10", currency: "XAU"),
        ]
        let finding = try f.finding(MaturityRule(), .mas)
        #expect(finding.status == .pass)
        #expect((finding.evidence as? MaturityEvidence)?.excludedWithoutMaturity == ["gold"])
        #expect((finding.evidence as? MaturityEvidence)?.weightedAverageMaturityDays == "0.0")
    }
}
