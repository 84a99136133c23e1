import Foundation
import Testing

@testable import ReserveCore

/// RRT-QUALITY: reserves are of the kinds the July 2024 amendments list (the default reading in docs/READINGS.md).
@Suite struct ReserveQualityRuleTests {
    struct QualityCase: Sendable, CustomTestStringConvertible {
        let name: String
        let peg: String
        let line: JSONValue
        let status: FindingStatus
        var testDescription: String { name }
    }

    private static func jgb(_ rating: String, _ currency: String) -> JSONValue {
        RuleLine.debt(
            "line", "sovereign-bond", "1000", issuer: "JP", rating: rating, maturity: RuleFixture.year(2),
            currency: currency)
    }
    private static func repo(
        tenor: Int, collateralClass: String = "sovereign-bond", issuer: String = "JP", value: String = "1001"
    )
        -> JSONValue
    {
        RuleLine.reverseRepo(
            "line", "1000", tenorDays: tenor,
            collateral: RuleLine.collateral(
                collateralClass, issuer: issuer, rating: "A+", value: value,
                maturity: RuleFixture.year(2)))
    }

    @Test(arguments: [
        QualityCase(
            name: "central bank reserve", peg: "JPY", line: RuleLine.centralBank("line", "1000", issuer: "JP"),
            status: .pass),
        QualityCase(
            name: "own-currency sovereign: JP bond rated A+ in JPY, JPY coin", peg: "JPY", line: jgb("A+", "JPY"),
            status: .pass),
        QualityCase(name: "same JP bond rated A+ in a USD coin", peg: "USD", line: jgb("A+", "JPY"), status: .fail),
        QualityCase(
            name: "foreign sovereign rated AA-", peg: "JPY",
            line: RuleLine.debt(
                "line", "sovereign-bond", "1000", issuer: "GB", rating: "AA-", maturity: RuleFixture.year(2),
                currency: "GBP"), status: .pass),
        QualityCase(
            name: "foreign sovereign rated A+", peg: "JPY",
            line: RuleLine.debt(
                "line", "sovereign-bill", "1000", issuer: "GB", rating: "A+", maturity: RuleFixture.day(30),
                currency: "GBP"), status: .fail),
        QualityCase(
            name: "bank rated A-", peg: "JPY", line: RuleLine.deposit("line", "1000", bank: "Bank", rating: "A-"),
            status: .pass),
        QualityCase(
            name: "bank rated BBB+", peg: "JPY", line: RuleLine.deposit("line", "1000", bank: "Bank", rating: "BBB+"),
            status: .fail),
        QualityCase(
            name: "unrated bank", peg: "JPY", line: RuleLine.deposit("line", "1000", bank: "Bank", rating: "unrated"),
            status: .fail),
        QualityCase(
            name: "reverse repo 7 days, own-currency sovereign collateral over the cash", peg: "JPY",
            line: repo(tenor: 7),
            status: .pass),
        QualityCase(name: "reverse repo 8 days", peg: "JPY", line: repo(tenor: 8), status: .fail),
        QualityCase(
            name: "reverse repo collateral equal to the cash", peg: "JPY", line: repo(tenor: 1, value: "1000"),
            status: .fail),
        QualityCase(
            name: "reverse repo with corporate collateral", peg: "JPY",
            line: repo(tenor: 1, collateralClass: "corporate-debt", issuer: "Example Corp", value: "2000"),
            status: .fail),
        QualityCase(
            name: "reverse repo with A+ foreign sovereign collateral", peg: "JPY",
            line: RuleLine.reverseRepo(
                "line", "1000", tenorDays: 1,
                collateral: RuleLine.collateral(
                    issuer: "GB", rating: "A+", currency: "GBP", value: "2000",
                    maturity: RuleFixture.year(2))), status: .fail),
        QualityCase(
            name: "money-market fund declaring only eligible assets, no look-through", peg: "JPY",
            line: RuleLine.fund("line", "1000", holdsOnlyEligible: true, wamDays: 30),
            status: .insufficientData),
        QualityCase(
            name: "money-market fund that may hold anything", peg: "JPY",
            line: RuleLine.fund("line", "1000", holdsOnlyEligible: false, wamDays: 30), status: .fail),
        QualityCase(
            name: "corporate debt rated AAA", peg: "JPY",
            line: RuleLine.debt(
                "line", "corporate-debt", "1000", issuer: "Example Corp", rating: "AAA", maturity: RuleFixture.day(30)),
            status: .fail),
        QualityCase(
            name: "equity", peg: "JPY", line: RuleLine.named("line", "equity", "1000", mainIndex: true), status: .fail),
        QualityCase(
            name: "gold", peg: "JPY", line: RuleLine.named("line", "gold", "1000", currency: "XAU"), status: .fail),
        QualityCase(
            name: "cryptoasset", peg: "JPY", line: RuleLine.named("line", "cryptoasset", "1000"), status: .fail),
        QualityCase(
            name: "secured loan", peg: "JPY", line: RuleLine.named("line", "secured-loan", "1000"), status: .fail),
        QualityCase(name: "other", peg: "JPY", line: RuleLine.named("line", "other", "1000"), status: .fail),
    ])
    func reserveLineEligibility(_ c: QualityCase) throws {
        var f = RuleFixture.eligible()
        f.pegCurrency = c.peg
        f.reserves = [c.line]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == c.status, "\(c.name)")
        switch c.status {
        case .fail:
            // The only line, 1,000, is ineligible: share 1.
            #expect((finding.evidence as? ReserveQualityEvidence)?.ineligibleValue == ruleMoney("1000"))
            #expect((finding.evidence as? ReserveQualityEvidence)?.$ineligibleShare == "1.000000")
            #expect((finding.evidence as? ReserveQualityEvidence)?.ineligibleLines?.first?.id == "line")
        case .insufficientData:
            // A declaration is not a look-through (issue 12 correction 11).
            #expect((finding.evidence as? ReserveQualityEvidence)?.unknownValue == ruleMoney("1000"))
            #expect(
                (finding.evidence as? ReserveQualityEvidence)?.missingData?.first?.missing
                    == "no look-through: the fund's holdings are not listed")
        default:
            #expect((finding.evidence as? ReserveQualityEvidence)?.eligibleValue == ruleMoney("1000"))
            #expect((finding.evidence as? ReserveQualityEvidence)?.$ineligibleShare == "0.000000")
        }
    }

    /// A central bank's reserves are in its own currency. Before 2026-12-02 any `central-bank-reserve`
    /// line was eligible whatever its issuer and currency: a JPY "reserve" at the central bank of
    /// Zimbabwe or of the United States counted as risk-free for a JPY coin (no rating, no FX
    /// add-on, no default). Another currency is a foreign-currency claim on that central bank, not
    /// a central bank reserve: ineligible; a central bank whose own currency the verifier does not
    /// know cannot be decided.
    @Test(arguments: [
        ("US", "JPY", FindingStatus.fail), ("ZW", "JPY", FindingStatus.insufficientData),
        ("US", "USD", FindingStatus.pass), ("DE", "EUR", FindingStatus.pass), ("JP", "JPY", FindingStatus.pass),
    ])
    func aCentralBankReserveIsInTheCentralBanksOwnCurrency(issuer: String, currency: String, status: FindingStatus)
        throws
    {
        var f = RuleFixture.eligible()
        f.reserves = [RuleLine.centralBank("cb", "1000", issuer: issuer, currency: currency)]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == status)
    }

    /// A government bond that matured before asOf is either repaid (then the reserve is cash) or
    /// in default. Before 2026-12-02 its residual maturity was clamped to 0 and it counted as an
    /// eligible, risk-free bill: a JGB "matured" in 2020 kept a coin ELIGIBLE.
    @Test(arguments: [
        ("2020-01-01", FindingStatus.fail), ("2026-10-30", FindingStatus.fail),
        ("2026-10-31", FindingStatus.pass),
    ])
    func aSecurityThatMaturedBeforeAsOfIsNotEligible(maturity: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.debt("old", "sovereign-bond", "1000", issuer: "JP", rating: "A+", maturity: maturity)
        ]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == status, "\(finding.message)")
    }

    /// The same inside a fund's look-through and as a reverse repo's collateral: a matured bond
    /// in a fund, or pledged against the cash, is no eligible reserve (2026-12-02).
    @Test func aMaturedHoldingOrCollateralIsNotEligible() throws {
        let matured = RuleLine.debt("h1", "sovereign-bill", "1000", issuer: "JP", rating: "A+", maturity: "2020-01-01")
        let fund = RuleLine.fund("mmf", "1000", holdsOnlyEligible: true, wamDays: 1)
        let repo = RuleLine.reverseRepo(
            "rr", "1000", tenorDays: 1,
            collateral: RuleLine.collateral(issuer: "JP", rating: "A+", value: "1001", maturity: "2020-12-01"))
        for line in [fund, repo] {
            var f = RuleFixture.eligible()
            f.reserves = [line]
            if line == fund { f["reserves", 0, "holdings"] = [matured] }
            let finding = try f.finding(ReserveQualityRule())
            #expect(finding.status == .fail, "\(finding.message)")
        }
    }

    /// A "deposit" in a code that is no ISO 4217 currency (BTC) is a cryptoasset exposure, not a
    /// deposit of money: ineligible (2026-12-02; before, an A+ bank's "BTC deposit" was eligible).
    @Test func aLineInACodeThatIsNoCurrencyIsNotEligible() throws {
        var f = RuleFixture.eligible()
        f.reserves = [RuleLine.deposit("dep-btc", "1000", bank: "Bank", rating: "A+", currency: "BTC")]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == .fail, "\(finding.message)")
    }

    @Test func ineligibleShareIsTheIneligibleValueOverCountedReserves() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "3000", issuer: "JP"), RuleLine.named("eq", "equity", "1000", mainIndex: true),
        ]
        let finding = try f.finding(ReserveQualityRule())
        // 1,000 / (3,000 + 1,000) = 0.25.
        #expect(finding.status == .fail)
        #expect((finding.evidence as? ReserveQualityEvidence)?.eligibleValue == ruleMoney("3000"))
        #expect((finding.evidence as? ReserveQualityEvidence)?.ineligibleValue == ruleMoney("1000"))
        #expect((finding.evidence as? ReserveQualityEvidence)?.$ineligibleShare == "0.250000")
    }

    @Test func eligibleFixturePasses() throws {
        let finding = try RuleFixture.eligible().finding(ReserveQualityRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? ReserveQualityEvidence)?.eligibleValue == ruleMoney("30150000000"))
        #expect((finding.evidence as? ReserveQualityEvidence)?.bankMinimumRating == "A-")
        #expect((finding.evidence as? ReserveQualityEvidence)?.sovereignMinimumRating == "AA-")
    }

    @Test func linesObtainedByRepoBorrowingOrCollateralSwapAreExcludedNotJudged() throws {
        var f = RuleFixture.eligible()
        f.reserves += [
            RuleLine.acquired("repo-borrowing", RuleLine.named("borrowed", "equity", "1000", mainIndex: true)),
            RuleLine.acquired(
                "collateral-swap",
                RuleLine.debt(
                    "swapped", "corporate-debt", "1000", issuer: "Example Corp",
                    rating: "BB", maturity: RuleFixture.year(1))),
        ]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? ReserveQualityEvidence)?.excludedLines == ["borrowed", "swapped"])
        #expect((finding.evidence as? ReserveQualityEvidence)?.countedReserves == ruleMoney("30150000000"))
    }

    struct MissingCase: Sendable, CustomTestStringConvertible {
        let line: JSONValue
        let missing: String
        var testDescription: String { missing }
    }

    @Test(arguments: [
        MissingCase(
            line: RuleLine.deposit("line", "1000", bank: "Bank", rating: nil), missing: "counterparty rating missing"),
        MissingCase(
            line: RuleLine.debt(
                "line", "sovereign-bond", "1000", issuer: "GB", rating: nil, maturity: RuleFixture.year(1),
                currency: "GBP"),
            missing: "rating missing and not own-currency sovereign debt in JPY"),
        MissingCase(
            line: RuleLine.reverseRepo(
                "line", "1000", tenorDays: nil,
                collateral: RuleLine.collateral(issuer: "JP", rating: "A+", value: "2000", maturity: nil)),
            missing: "tenorDays missing"),
        MissingCase(
            line: RuleLine.reverseRepo("line", "1000", tenorDays: 1, collateral: nil), missing: "collateral missing"),
        MissingCase(
            line: RuleLine.fund("line", "1000", holdsOnlyEligible: nil, wamDays: 30),
            missing: "no look-through: the fund's holdings are not listed"),
    ])
    func missingDataGivesInsufficientDataNamingTheField(_ c: MissingCase) throws {
        var f = RuleFixture.eligible()
        f.reserves.append(c.line)
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? ReserveQualityEvidence)?.missingData == [.init(id: "line", missing: c.missing)])
        #expect((finding.evidence as? ReserveQualityEvidence)?.unknownValue == ruleMoney("1000"))
    }

    @Test func anIneligibleLineOutweighsMissingData() throws {
        var f = RuleFixture.eligible()
        f.reserves += [
            RuleLine.deposit("unknown", "1000", bank: "Bank", rating: nil), RuleLine.named("gold", "gold", "1000"),
        ]
        let finding = try f.finding(ReserveQualityRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? ReserveQualityEvidence)?.missingData != nil)
    }
}
