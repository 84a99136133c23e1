import Testing

@testable import ReserveCore

/// RRT-MATURITY: weighted-average residual maturity of the reserve pool, limit 90 days under `mas`.
@Suite struct MaturityRuleTests {
    /// 1,000,000,000 at the central bank (0 days) and a bill of 1,000,000,000 maturing `billDays`
    /// after asOf: WAM = billDays / 2.
    private func pool(billDays: Int) -> RuleFixture {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "1000000000", issuer: "JP"),
            RuleLine.debt(
                "bill", "sovereign-bill", "1000000000", issuer: "JP", rating: "A+",
                maturity: RuleFixture.day(billDays)),
        ]
        return f
    }

    @Test(arguments: [Profile.bcbs, .hkma])
    func profilesWithoutALimitReportNotApplicable(_ profile: Profile) throws {
        // Under bcbs and hkma the rule can only be not-applicable: no pass, fail or insufficient-data.
        let finding = try pool(billDays: 3650).finding(MaturityRule(), profile)
        #expect(finding.status == .notApplicable)
        #expect((finding.evidence as? MaturityEvidence)?.limitDays == nil)
    }

    @Test func wamOfNinetyDaysPassesUnderMas() throws {
        let finding = try pool(billDays: 180).finding(MaturityRule(), .mas)
        // (1e9 × 0 + 1e9 × 180) / 2e9 = 90.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? MaturityEvidence)?.weightedAverageMaturityDays == "90.0")
        #expect((finding.evidence as? MaturityEvidence)?.limitDays == 90)
    }

    @Test func wamOfNinetyOneDaysFailsUnderMas() throws {
        let finding = try pool(billDays: 182).finding(MaturityRule(), .mas)
        // (1e9 × 182) / 2e9 = 91.
        #expect(finding.status == .fail)
        #expect((finding.evidence as? MaturityEvidence)?.weightedAverageMaturityDays == "91.0")
    }

    @Test func depositsAtCallReposFundsAndTermDepositsUseTheirOwnDays() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit("dep-call", "1000", bank: "Bank", rating: "A+"),  // 0
            RuleLine.deposit(
                "dep-term", "1000", bank: "Bank", rating: "A+", callable: false, maturity: RuleFixture.day(60)),  // 60
            RuleLine.reverseRepo(
                "rrp", "1000", tenorDays: 7,
                collateral: RuleLine.collateral(issuer: "JP", rating: "A+", value: "1100", maturity: nil)),  // 7
            RuleLine.fund("mmf", "1000", holdsOnlyEligible: true, wamDays: 53),  // 53
        ]
        // (0 + 60 + 7 + 53) × 1000 / 4000 = 30.
        let finding = try f.finding(MaturityRule(), .mas)
        #expect(finding.status == .pass)
        #expect((finding.evidence as? MaturityEvidence)?.weightedAverageMaturityDays == "30.0")
    }

    @Test func termDepositWithoutMaturityGivesInsufficientDataNamingTheLine() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.deposit("dep-term", "1000", bank: "Bank", rating: "A+", callable: false, maturity: nil))
        let finding = try f.finding(MaturityRule(), .mas)
        // The message names the line whose maturity is missing (a per-line field), not a single field.
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? MaturityEvidence)?.missingData == ["dep-term"])
        #expect(finding.message == "maturity (or tenorDays, weightedAverageMaturityDays) missing for 1 line: dep-term")
    }

    @Test func wamOverTheLimitBlocksUnderMasButNotUnderBcbs() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "10000000000", issuer: "JP"),
            RuleLine.debt(
                "bill", "sovereign-bill", "10000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(182)),
        ]
        f.issuedUnits = "19900000000"
        // WAM 91 days. Stress: 10,000,000,000 × 182/365 × 1% = 49,863,013.69… ; 20,000,000,000 − that
        // = 19,950,136,986.30… >= 19,900,000,000, so RRT-OC passes and only RRT-MATURITY decides.
        let mas = try f.evaluation(.mas)
        #expect(mas.verdict.eligible == false)
        #expect(mas.verdict.blocking == [.rrtMaturity])
        let bcbs = try f.evaluation(.bcbs)
        #expect(bcbs.verdict.eligible)
        #expect(bcbs.ruleFinding(.rrtMaturity)?.status == .notApplicable)
    }
}
