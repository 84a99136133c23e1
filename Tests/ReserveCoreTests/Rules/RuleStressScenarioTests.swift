import Foundation
import Testing

@testable import ReserveCore

/// The RRT-OC stress scenarios (ReserveFigures / StressResult, table `sco60-stress@1`), read
/// through the RRT-OC finding's evidence and the exact figures.
@Suite struct RuleStressScenarioTests {
    /// A JPY coin whose reserves are a central bank balance plus `lines`.
    private func jpy(_ lines: JSONValue...) -> RuleFixture {
        var f = RuleFixture.eligible()
        f.reserves = [RuleLine.centralBank("boj", "30150000000", issuer: "JP")] + lines
        return f
    }

    private func stress(_ f: RuleFixture) throws -> (finding: Finding, stress: StressResult) {
        let context = try f.context()
        let stress = try #require(context.figures.stress)
        return (OvercollateralisationRule().evaluate(context), stress)
    }

    // MARK: Other debt: the CRE22.49 haircut table by residual maturity band

    struct BandCase: Sendable, CustomTestStringConvertible {
        let maturity: String
        let rating: String
        let loss: String
        var testDescription: String { "\(rating) maturing \(maturity) loses \(loss)" }
    }

    /// asOf 2026-10-31; corporate debt of 1,000,000,000 in JPY (no currency add-on).
    /// AAA..AA- row: 1 / 3 / 4 / 6 / 12 %; A+..BBB- row: 2 / 4 / 6 / 12 / 20 %; below: 100 %.
    @Test(arguments: [
        BandCase(maturity: "2027-10-31", rating: "AA", loss: "10000000"),  // exactly 1 year: <= 1y, 1%
        BandCase(maturity: "2027-11-01", rating: "AA", loss: "30000000"),  // 1 year + 1 day: 3%
        BandCase(maturity: "2029-10-31", rating: "AA", loss: "30000000"),  // exactly 3 years: 3%
        BandCase(maturity: "2029-11-01", rating: "AA", loss: "40000000"),  // 3 years + 1 day: 4%
        BandCase(maturity: "2031-10-31", rating: "AA", loss: "40000000"),  // exactly 5 years: 4%
        BandCase(maturity: "2031-11-01", rating: "AA", loss: "60000000"),  // 5 years + 1 day: 6%
        BandCase(maturity: "2036-10-31", rating: "AA", loss: "60000000"),  // exactly 10 years: 6%
        BandCase(maturity: "2036-11-01", rating: "AA", loss: "120000000"),  // 10 years + 1 day: 12%
        BandCase(maturity: "2027-10-31", rating: "AA-", loss: "10000000"),  // AA- still in the top row
        BandCase(maturity: "2027-10-31", rating: "A+", loss: "20000000"),  // A+ second row, <= 1y: 2%
        BandCase(maturity: "2031-11-01", rating: "BBB-", loss: "120000000"),  // BBB-, 5-10y: 12%
        BandCase(maturity: "2036-11-01", rating: "BBB-", loss: "200000000"),  // BBB-, > 10y: 20%
        BandCase(maturity: "2027-01-01", rating: "BB+", loss: "1000000000"),  // below BBB-: 100%
        BandCase(maturity: "2027-01-01", rating: "unrated", loss: "1000000000"),
    ])
    func corporateDebtLosesTheHaircutOfItsMaturityBand(_ c: BandCase) throws {
        let (finding, stress) = try stress(
            jpy(
                RuleLine.debt(
                    "corp", "corporate-debt", "1000000000", issuer: "Example Corp", rating: c.rating,
                    maturity: c.maturity)))
        #expect(finding.ruleMarketLoss("corp") == c.loss)
        #expect(stress.marketLossByLine["corp"] == ruleMoney(c.loss))
        #expect(finding.ruleMarketLoss("boj") == "0")
    }

    @Test func bandEdgesAreTheSameDayInLaterYearsFromTheAsOfDate() {
        // The table above is written for asOf 2026-10-31; keep its dates tied to that.
        #expect(RuleFixture.year(1) == "2027-10-31")
        #expect(RuleFixture.year(3, plusDays: 1) == "2029-11-01")
        #expect(RuleFixture.year(10, plusDays: 1) == "2036-11-01")
    }

    @Test func commercialPaperAndCoveredBondsUseTheSameTable() throws {
        let (finding, _) = try stress(
            jpy(
                RuleLine.debt(
                    "cp", "commercial-paper", "1000000000", issuer: "Example Corp", rating: "A",
                    maturity: RuleFixture.day(90)),
                RuleLine.debt(
                    "cb", "covered-bond", "1000000000", issuer: "Example Bank", rating: "AAA",
                    maturity: RuleFixture.year(4))))
        #expect(finding.ruleMarketLoss("cp") == "20000000")  // A, <= 1y: 2%
        #expect(finding.ruleMarketLoss("cb") == "40000000")  // AAA, 3-5y: 4%
    }

    // MARK: Sovereign debt: value × days / 365 × the currency's rate shock

    @Test func jpySovereignLosesOneHundredBasisPointsPerYear() throws {
        // 2026-10-31 -> 2027-01-12 is 73 days = 0.2 years: 1,000,000,000 × 0.2 × 1% = 2,000,000.
        #expect(RuleFixture.day(73) == "2027-01-12")
        let (finding, _) = try stress(
            jpy(
                RuleLine.debt(
                    "jgb", "sovereign-bond", "1000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(73))))
        #expect(finding.ruleMarketLoss("jgb") == "2000000")
    }

    @Test func usdSovereignLosesTwoHundredBasisPointsPerYear() throws {
        let f = RuleFixture.usd(
            units: "30000000000",
            reserves: [
                RuleLine.centralBank("fed", "30150000000", issuer: "US", currency: "USD"),
                RuleLine.debt(
                    "ust", "sovereign-bill", "1000000000", issuer: "US", rating: "AA+", maturity: RuleFixture.day(73),
                    currency: "USD"),
            ])
        // 1,000,000,000 × 0.2 × 2% = 4,000,000.
        let (finding, _) = try stress(f)
        #expect(finding.ruleMarketLoss("ust") == "4000000")
    }

    @Test func currencyWithoutAListedShockLosesFourHundredBasisPointsPerYear() throws {
        var f = RuleFixture.eligible()
        f.pegCurrency = "AUD"
        f.reserves = [
            RuleLine.centralBank("rba", "30150000000", issuer: "AU", currency: "AUD"),
            RuleLine.debt(
                "acgb", "sovereign-bond", "1000000000", issuer: "AU", rating: "AAA", maturity: RuleFixture.day(73),
                currency: "AUD"),
        ]
        // AUD is not in the SRP31 list of the table: 1,000,000,000 × 0.2 × 4% = 8,000,000.
        let (finding, _) = try stress(f)
        #expect(finding.ruleMarketLoss("acgb") == "8000000")
    }

    @Test func sovereignLossIgnoresTheRatingAndUsesDaysOverThreeSixtyFive() throws {
        // 2026-10-31 -> 2027-10-31 is 365 days: exactly one year, 1,000,000,000 × 1% = 10,000,000,
        // whatever the rating (the rate shock, not the haircut table).
        let (finding, _) = try stress(
            jpy(
                RuleLine.debt(
                    "jgb", "sovereign-bond", "1000000000", issuer: "JP", rating: "BBB", maturity: RuleFixture.year(1))))
        #expect(finding.ruleMarketLoss("jgb") == "10000000")
    }

    @Test func goldBackingAGoldPeggedCoinIsTheReferenceAssetNotAMarketRisk() throws {
        // docs/READINGS.md: overcollateralisation covers risks "beyond the reference asset"; the format
        // allows commodity pegs (`XAU`, `commodity-reserve`). A coin of 1,000 ounces backed by
        // 1,100 ounces of allocated gold carries no price risk against its own peg.
        var f = RuleFixture.eligible()
        f.pegCurrency = "XAU"
        f["token", "stabilisation"] = "commodity-reserve"
        f.issuedUnits = "1000"
        f.reserves = [RuleLine.named("gold", "gold", "1100", currency: "XAU")]
        let (finding, _) = try stress(f)
        #expect(finding.ruleMarketLoss("gold") == "0")
        #expect(finding.status == .pass)

    }

    // MARK: Currency mismatch: a further 8 points

    @Test func depositInAnotherCurrencyLosesEightPercent() throws {
        let f = RuleFixture.usd(
            units: "1000000",
            reserves: [
                RuleLine.deposit("dep-eur", "1000000", bank: "Example Euro Bank", rating: "AA", currency: "EUR"),
                RuleLine.debt(
                    "corp-eur", "corporate-debt", "1000000", issuer: "Example Corp", rating: "AA",
                    maturity: RuleFixture.year(1),
                    currency: "EUR"),
                RuleLine.debt(
                    "jgb", "sovereign-bond", "1000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(73),
                    currency: "JPY"),
            ])
        let (finding, _) = try stress(f)
        // Deposit: 0 + 8% of 1,000,000 = 80,000.
        #expect(finding.ruleMarketLoss("dep-eur") == "80000")
        // AA corporate <= 1y: 1% + 8% = 9% of 1,000,000 = 90,000.
        #expect(finding.ruleMarketLoss("corp-eur") == "90000")
        // JPY sovereign in a USD coin: 0.2 × 1% (the bond's currency) + 8% = 8.2% = 82,000.
        #expect(finding.ruleMarketLoss("jgb") == "82000")
    }

    @Test func currencyAddOnNeverTakesMoreThanTheValue() throws {
        let (finding, _) = try stress(jpy(RuleLine.named("btc", "cryptoasset", "1000", currency: "USD")))
        // 100% + 8% is capped at the line's value.
        #expect(finding.ruleMarketLoss("btc") == "1000")
    }

    // MARK: Other asset classes

    @Test func fundsGoldEquitiesAndOtherAssetsLoseTheirTableRates() throws {
        let (finding, stress) = try stress(
            jpy(
                RuleLine.fund("mmf", "1000000000", holdsOnlyEligible: true, wamDays: 73),
                RuleLine.fund("mmf-any", "1000", holdsOnlyEligible: false, wamDays: 10),
                RuleLine.named("gold", "gold", "1000", currency: "JPY"),
                RuleLine.named("eq-main", "equity", "1000", mainIndex: true),
                RuleLine.named("eq-other", "equity", "1000", mainIndex: false),
                RuleLine.named("eq-unstated", "equity", "1000"),
                RuleLine.named("btc", "cryptoasset", "1000"),
                RuleLine.named("loan", "secured-loan", "1000"),
                RuleLine.named("misc", "other", "1000")))
        #expect(finding.ruleMarketLoss("mmf") == "2000000")  // 1e9 × 73/365 × 1%
        #expect(finding.ruleMarketLoss("mmf-any") == "1000")  // any other fund: 100%
        #expect(finding.ruleMarketLoss("gold") == "200")  // 20%
        #expect(finding.ruleMarketLoss("eq-main") == "200")  // main index 20%
        #expect(finding.ruleMarketLoss("eq-other") == "300")  // other equity 30%
        #expect(finding.ruleMarketLoss("eq-unstated") == "300")
        #expect(stress.assumptions == ["eq-unstated: mainIndex not stated, other-equity haircut used"])
        #expect(finding.ruleMarketLoss("btc") == "1000")
        #expect(finding.ruleMarketLoss("loan") == "1000")
        #expect(finding.ruleMarketLoss("misc") == "1000")
    }

    @Test func cashLikeAssetsInThePegCurrencyLoseNothing() throws {
        let (finding, _) = try stress(
            jpy(
                RuleLine.deposit("dep", "1000", bank: "Example Bank", rating: "AA"),
                RuleLine.reverseRepo(
                    "rrp", "1000", tenorDays: 1,
                    collateral: RuleLine.collateral(
                        issuer: "JP", rating: "A+", value: "1100",
                        maturity: RuleFixture.day(73)))))
        #expect(finding.ruleMarketLoss("dep") == "0")
        #expect(finding.ruleMarketLoss("rrp") == "0")
        #expect(finding.ruleScenario("market")?.$loss == "0")
    }

    // MARK: Counterparty default: the largest unsecured exposure below A-

    private func usdDeposits(_ lines: JSONValue...) -> RuleFixture {
        RuleFixture.usd(
            units: "1000000000",
            reserves: [RuleLine.centralBank("fed", "1000000000", issuer: "US", currency: "USD")] + lines)
    }

    @Test func bbbPlusBankDefaultsWhileALargerAMinusBankDoesNot() throws {
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-weak", "100000000", bank: "BBB+ Bank", rating: "BBB+", currency: "USD"),
                RuleLine.deposit("dep-ok", "300000000", bank: "A- Bank", rating: "A-", currency: "USD")))
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "BBB+ Bank")
        #expect(scenario.$loss == "100000000")
        // Net 1,400,000,000 − 100,000,000 = 1,300,000,000.
        #expect(scenario.$stressedNetReserves == "1300000000")
    }

    @Test func noCounterpartyDefaultsWhenAllAreRatedAMinusOrBetter() throws {
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-ok", "300000000", bank: "A- Bank", rating: "A-", currency: "USD")))
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.$loss == "0")
        #expect(scenario.defaultedCounterparty == nil)
    }

    @Test func unratedBankDefaults() throws {
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-unrated", "50000000", bank: "Unrated Bank", rating: "unrated", currency: "USD"),
                RuleLine.deposit("dep-ok", "300000000", bank: "A- Bank", rating: "A-", currency: "USD")))
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "Unrated Bank")
        #expect(scenario.$loss == "50000000")
    }

    @Test func bankWithoutAStatedRatingIsTreatedAsUnratedAndSaysSo() throws {
        let (finding, stress) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-x", "50000000", bank: "Quiet Bank", rating: nil, currency: "USD")))
        #expect(
            finding.ruleScenario("counterparty-default")?.defaultedCounterparty == "Quiet Bank")
        #expect(stress.assumptions == ["dep-x: counterparty rating not stated, treated as unrated"])
    }

    @Test func twoDepositsAtTheSameBankAreSummed() throws {
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-x1", "60000000", bank: "Bank X", rating: "BBB", currency: "USD"),
                RuleLine.deposit("dep-x2", "60000000", bank: "Bank X", rating: "BBB", currency: "USD"),
                RuleLine.deposit("dep-y", "100000000", bank: "Bank Y", rating: "BBB", currency: "USD")))
        // Bank X: 60,000,000 + 60,000,000 = 120,000,000 > Bank Y's 100,000,000.
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "Bank X")
        #expect(scenario.$loss == "120000000")
    }

    @Test func sameBankWithDifferentStatedRatingsIsJudgedOnTheWorse() throws {
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-x1", "60000000", bank: "Bank X", rating: "A", currency: "USD"),
                RuleLine.deposit("dep-x2", "10000000", bank: "Bank X", rating: "BBB+", currency: "USD")))
        // Bank X is taken as BBB+ (the worse): 60,000,000 + 10,000,000 = 70,000,000 defaults.
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "Bank X")
        #expect(scenario.$loss == "70000000")
    }

    @Test func reverseRepoCounterpartyWithoutRatingIsTreatedAsUnratedAndSaysSo() throws {
        let collateral = RuleLine.collateral(
            issuer: "US", rating: "AA+", currency: "USD", value: "1010000000",
            maturity: RuleFixture.year(1))
        let (finding, stress) = try stress(
            usdDeposits(
                RuleLine.reverseRepo(
                    "rrp", "1000000000", tenorDays: 1, counterparty: "Quiet Dealer", rating: nil, currency: "USD",
                    collateral: collateral)))
        // Unsecured 10,200,000 as above; an unstated rating defaults like `unrated`.
        #expect(finding.ruleScenario("counterparty-default")?.$loss == "10200000")
        // Like deposits, the conservative assumption is recorded.
        #expect(stress.assumptions == ["rrp: counterparty rating not stated, treated as unrated"])

    }

    @Test func reverseRepoExposureIsTheCashBeyondTheStressedCollateral() throws {
        let collateral = RuleLine.collateral(
            issuer: "US", rating: "AA+", currency: "USD", value: "1010000000",
            maturity: RuleFixture.year(1))
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.reverseRepo(
                    "rrp", "1000000000", tenorDays: 1, counterparty: "BBB Dealer", rating: "BBB", currency: "USD",
                    collateral: collateral)))
        // Collateral: 1,010,000,000 × 365/365 × 2% = 20,200,000 lost -> 989,800,000 stressed.
        // Unsecured: 1,000,000,000 − 989,800,000 = 10,200,000, lost when the BBB dealer defaults.
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "BBB Dealer")
        #expect(scenario.$loss == "10200000")
        #expect(finding.ruleMarketLoss("rrp") == "0")
    }

    @Test func aDepositAndAReverseRepoWithTheSameBankAreOneCounterparty() throws {
        let collateral = RuleLine.collateral(
            issuer: "US", rating: "AA+", currency: "USD", value: "1010000000",
            maturity: RuleFixture.year(1))
        let (finding, stress) = try stress(
            usdDeposits(
                RuleLine.deposit("dep-x", "5000000", bank: "Bank X", rating: "BBB", currency: "USD"),
                RuleLine.reverseRepo(
                    "rrp-x", "1000000000", tenorDays: 1, counterparty: "Bank X", rating: "BBB", currency: "USD",
                    collateral: collateral),
                RuleLine.deposit("dep-y", "12000000", bank: "Bank Y", rating: "BBB", currency: "USD")))
        // Bank X: the deposit's 5,000,000 + the repo's unsecured 10,200,000 = 15,200,000 > Bank Y's 12,000,000.
        #expect(stress.unsecuredByCounterparty == ["Bank X": Money(15_200_000), "Bank Y": Money(12_000_000)])
        let scenario = try #require(finding.ruleScenario("counterparty-default"))
        #expect(scenario.defaultedCounterparty == "Bank X")
        #expect(scenario.$loss == "15200000")
        #expect(stress.assumptions.isEmpty)
    }

    @Test func reverseRepoFullyCoveredByStressedCollateralHasNoExposure() throws {
        let collateral = RuleLine.collateral(
            issuer: "US", rating: "AA+", currency: "USD", value: "1030000000",
            maturity: RuleFixture.year(1))
        let (finding, _) = try stress(
            usdDeposits(
                RuleLine.reverseRepo(
                    "rrp", "1000000000", tenorDays: 1, counterparty: "BBB Dealer", rating: "BBB", currency: "USD",
                    collateral: collateral)))
        // 1,030,000,000 − 2% = 1,009,400,000 >= 1,000,000,000: nothing unsecured.
        #expect(finding.ruleScenario("counterparty-default")?.$loss == "0")
    }

    @Test func combinedScenarioAppliesTheDefaultToWhatTheMarketStressLeft() throws {
        let f = RuleFixture.usd(
            units: "900000000",
            reserves: [
                RuleLine.deposit("dep-eur", "100000000", bank: "BBB+ Bank", rating: "BBB+", currency: "EUR"),
                RuleLine.debt(
                    "ust", "sovereign-bill", "900000000", issuer: "US", rating: "AA+", maturity: RuleFixture.day(73),
                    currency: "USD"),
            ])
        let (finding, _) = try stress(f)
        // Market: deposit 8% of 100,000,000 = 8,000,000; bill 900,000,000 × 0.2 × 2% = 3,600,000;
        //   total 11,600,000; stressed 1,000,000,000 − 11,600,000 = 988,400,000.
        // Default: the BBB+ bank's 100,000,000; stressed 900,000,000.
        // Combined: 11,600,000 + (100,000,000 − 8,000,000) = 103,600,000; stressed 896,400,000.
        #expect(finding.ruleScenario("market")?.$loss == "11600000")
        #expect(finding.ruleScenario("market")?.$stressedNetReserves == "988400000")
        #expect(finding.ruleScenario("counterparty-default")?.$loss == "100000000")
        #expect(finding.ruleScenario("combined")?.$loss == "103600000")
        #expect(finding.ruleScenario("combined")?.$stressedNetReserves == "896400000")
        #expect(finding.ruleScenario("combined")?.defaultedCounterparty == "BBB+ Bank")
        // 896,400,000 / 900,000,000 = 0.996.
        #expect(finding.ruleScenario("combined")?.$coverage == "0.996000")
    }

    @Test func stressTableVersionIsReported() throws {
        let (finding, _) = try stress(jpy())
        #expect((finding.evidence as? OvercollateralisationEvidence)?.stressTable == "sco60-stress@1")
    }
}
