import Foundation
import Testing

@testable import ReserveCore

/// RRT-OC: net reserves still cover the peg value after the market, counterparty-default and
/// combined scenarios.
@Suite struct OvercollateralisationRuleTests {
    @Test func eligibleFixturePassesWithNoStressLoss() throws {
        let finding = try RuleFixture.eligible().finding(OvercollateralisationRule())
        // Deposit (A+) and central bank reserves in JPY: no loss in any scenario. All three leave
        // 30,150,000,000; the first of the equal scenarios, "market", is reported as the worst.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? OvercollateralisationEvidence)?.netReserves == ruleMoney("30150000000"))
        #expect((finding.evidence as? OvercollateralisationEvidence)?.worstScenario == "market")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$worstStressedNetReserves == "30150000000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$margin == "150000000")
        // Held (30.15 − 30) / 30 = 0.005; needed 0 / 30 = 0.
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.005000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$overcollateralisationNeeded == "0.000000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.stressTable == "sco60-stress@1")
    }

    @Test func lossBeyondTheOvercollateralisationFailsOnTheCombinedScenario() throws {
        let f = RuleFixture.usd(
            units: "900000000",
            reserves: [
                RuleLine.deposit("dep-eur", "100000000", bank: "BBB+ Bank", rating: "BBB+", currency: "EUR"),
                RuleLine.debt(
                    "ust", "sovereign-bill", "900000000", issuer: "US", rating: "AA+", maturity: RuleFixture.day(73),
                    currency: "USD"),
            ])
        let finding = try f.finding(OvercollateralisationRule())
        // See RuleStressScenarioTests: combined loss 103,600,000, stressed 896,400,000 < 900,000,000.
        #expect(finding.status == .fail)
        #expect((finding.evidence as? OvercollateralisationEvidence)?.worstScenario == "combined")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$worstStressedNetReserves == "896400000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$margin == "-3600000")
        // Held 100,000,000 / 900,000,000 = 0.1111…; needed 103,600,000 / 900,000,000 = 0.11511…
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.111111")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$overcollateralisationNeeded == "0.115111")
        #expect(
            finding.message
                == "worst scenario (combined) leaves 99.60% of peg value, short 3,600,000; "
                + "overcollateralisation held 11.11%, needed 11.51%")
    }

    /// Reserves of 29,000,000,000 at the Bank of Japan and a JGB of 1,002,000,000 maturing in 73 days
    /// (0.2 years): market loss 1,002,000,000 × 0.2 × 1% = 2,004,000, so the market scenario leaves
    /// 30,002,000,000 − 2,004,000 = 29,999,996,000.
    private func stressedTo29999996000(units: String) -> RuleFixture {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "29000000000", issuer: "JP"),
            RuleLine.debt(
                "jgb", "sovereign-bond", "1002000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(73)),
        ]
        f.issuedUnits = units
        return f
    }

    @Test func stressedNetReservesEqualToThePegValuePass() throws {
        let finding = try stressedTo29999996000(units: "29999996000").finding(OvercollateralisationRule())
        #expect(finding.status == .pass)
        #expect(finding.ruleMarketLoss("jgb") == "2004000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.worstScenario == "market")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$worstStressedNetReserves == "29999996000")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$margin == "0")
    }

    @Test func stressedNetReservesOneUnitShortFail() throws {
        let finding = try stressedTo29999996000(units: "29999996001").finding(OvercollateralisationRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? OvercollateralisationEvidence)?.$margin == "-1")
    }

    @Test func missingOtherClaimsGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["otherClaims"] = nil
        let finding = try f.finding(OvercollateralisationRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "otherClaims is missing: stressed net reserves cannot be computed")
        #expect((finding.evidence as? OvercollateralisationEvidence)?.scenarios == nil)
    }

    @Test func debtWithoutMaturityGivesInsufficientDataNamingTheLine() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.debt("corp", "corporate-debt", "1000", issuer: "Example Corp", rating: "AA", maturity: nil))
        let finding = try f.finding(OvercollateralisationRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? OvercollateralisationEvidence)?.missingData == ["corp: maturity"])
        #expect(finding.message == "stress loss cannot be computed: missing corp: maturity")
    }

    @Test func corporateDebtWithoutRatingGivesInsufficientData() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.debt(
                "corp", "corporate-debt", "1000", issuer: "Example Corp", rating: nil,
                maturity: RuleFixture.year(1)))
        let finding = try f.finding(OvercollateralisationRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? OvercollateralisationEvidence)?.missingData == ["corp: rating"])
        #expect(finding.message == "stress loss cannot be computed: missing corp: rating")
    }

    @Test func reverseRepoWithoutCollateralOrFundWithoutMaturityGiveInsufficientData() throws {
        var f = RuleFixture.eligible()
        f.reserves += [
            RuleLine.reverseRepo("rrp", "1000", tenorDays: 1, collateral: nil),
            RuleLine.fund("mmf", "1000", holdsOnlyEligible: true, wamDays: nil),
        ]
        let finding = try f.finding(OvercollateralisationRule())
        #expect(finding.status == .insufficientData)
        #expect(
            (finding.evidence as? OvercollateralisationEvidence)?.missingData == [
                "rrp: collateral", "mmf: weightedAverageMaturityDays",
            ])
    }
}
