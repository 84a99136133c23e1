import Testing

@testable import ReserveCore

/// Profiles: versioned names, notes, gating and tentative rules, per-profile treatments.
@Suite struct RuleProfileTests {
    @Test(arguments: [(Profile.bcbs, "bcbs@2026-01-01"), (.hkma, "hkma@2026-01-01"), (.mas, "mas@2025-03")])
    func verdictRecordsTheVersionedProfileName(_ profile: Profile, _ name: String) throws {
        #expect(profile.versionedName == name)
        #expect(try RuleFixture.eligible().evaluation(profile).verdict.profile == name)
        #expect(Profile.named(profile.name) == profile)
    }

    @Test func hkmaVerdictCarriesTheProvisionalGroupTwoBNote() throws {
        let notes = try RuleFixture.eligible().evaluation(.hkma).verdict.notes
        #expect(notes.first == "draft: unsigned; the verdict assumes valid signatures")
        #expect(
            notes.dropFirst().first?.hasPrefix(
                "HKMA: a coin the bank has not held before is classified provisionally as Group 2b") == true)
        #expect(notes.count == 2)
    }

    @Test func masVerdictCarriesThePriorNotificationNote() throws {
        let notes = try RuleFixture.eligible().evaluation(.mas).verdict.notes
        #expect(
            notes.dropFirst().first?.hasPrefix("MAS: tell MAS the proposed classification at least one month before")
                == true)
        #expect(notes.count == 2)
    }

    @Test func bcbsVerdictCarriesNoProfileNote() throws {
        #expect(try RuleFixture.eligible().evaluation(.bcbs).verdict.notes.count == 1)
    }

    @Test(arguments: Profile.all)
    func tentativeRulesAreNeverGating(_ profile: Profile) {
        #expect(profile.tentative == [.rrtLiquidity, .g2aHedging])
        #expect(profile.tentative.isDisjoint(with: profile.gating))
    }

    @Test func maturityGatesOnlyUnderMas() {
        #expect(Profile.mas.isGating(.rrtMaturity))
        #expect(Profile.mas.thresholds.maxWeightedAverageMaturityDays == 90)
        #expect(!Profile.bcbs.isGating(.rrtMaturity))
        #expect(!Profile.hkma.isGating(.rrtMaturity))
    }

    @Test func permissionlessCoinIsBlockedUnderBcbsEligibleUnderHkmaWithEvidenceAndWarnedUnderMas() throws {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "permissionless"] = true
        f["token", "networks", 0, "mitigation"] = [
            "governance": "https://fixture.example/risk/governance",
            "technology": "https://fixture.example/risk/technology",
            "settlementFinality": "https://fixture.example/risk/finality", "amlCft": "https://fixture.example/risk/aml",
        ]
        let bcbs = try f.evaluation(.bcbs)
        #expect(bcbs.verdict.blocking == [.cc3Permissionless])
        let hkma = try f.evaluation(.hkma)
        #expect(hkma.verdict.eligible)
        let mas = try f.evaluation(.mas)
        #expect(mas.ruleFinding(.cc3Permissionless)?.status == .warn)
        #expect(mas.verdict.eligible)

        f["token", "networks", 0, "mitigation"] = nil
        #expect(try f.evaluation(.hkma).verdict.blocking == [.cc3Permissionless])
    }

    @Test func defaultThresholdsAreTheBaselFigures() {
        let t = Profile.bcbs.thresholds
        #expect(t.redemptionDays == 5)
        #expect(t.auditMonths == 12)
        #expect(t.valueDisclosureDays == 1)
        #expect(t.compositionDisclosureDays == 7)
        #expect(t.sovereignMinimumRating == .aaMinus)
        #expect(t.bankMinimumRating == .aMinus)
        #expect(t.reverseRepoMaxTenorDays == 7)
        #expect(t.sameDayLiquidityShare == ruleMoney("0.2"))
        #expect(t.hedgingMarketCapUSD == ruleMoney("10000000000"))
        #expect(t.hedgingDailyVolumeUSD == ruleMoney("50000000"))
        #expect(t.hedgingPriceObservations == 100)
        let s = Profile.bcbs.stress
        #expect(
            s.rateShockBasisPoints == [
                "USD": 200, "EUR": 200, "JPY": 100, "GBP": 250, "CHF": 100, "HKD": 200, "SGD": 150, "CNY": 250,
            ])
        #expect(s.defaultRateShockBasisPoints == 400)
        #expect(s.highGradeHaircuts == [1, 3, 4, 6, 12])
        #expect(s.investmentGradeHaircuts == [2, 4, 6, 12, 20])
        #expect(s.currencyMismatchPercent == 8)
        #expect(s.counterpartyDefaultBelow == .aMinus)
    }
}
