import Foundation
import Testing

@testable import ReserveCore

/// Issue 10 classes 8 (exact arithmetic) and 9 (nothing redeemable, nothing held).
@Suite struct ExactArithmeticTests {
    @Test func sumsProductsAndQuotientsThatFitAreExact() throws {
        // 38 nines + 1 = 10^38: one significant digit, exact.
        #expect(
            try Exact.add(ruleDecimal(String(repeating: "9", count: 38)), 1)
                == Decimal(
                    sign: .plus,
                    exponent: 38,
                    significand: 1))
        // 38 significant digits times 10: still 38 significant digits.
        let big = ruleDecimal("12345678901234567890123456789012345678")
        #expect(try Exact.multiply(big, 10) == ruleDecimal("12345678901234567890123456789012345678") * 10)
        #expect(try Exact.divide(3, 4) == ruleDecimal("0.75"))
    }

    @Test func sumsProductsAndQuotientsBeyond38DigitsThrow() {
        // 38 nines + 0.1 needs 39 significant digits; Decimal's `+` would silently drop the 0.1.
        #expect(throws: Exact.Inexact.self) {
            try Exact.add(
                ruleDecimal(String(repeating: "9", count: 38)),
                ruleDecimal("0.1"))
        }
        // 1234567890123456789012345678901234567.8 × 1.11 has 40 digits; NSDecimalMultiply reports no error.
        #expect(throws: Exact.Inexact.self) {
            try Exact.multiply(ruleDecimal("1234567890123456789012345678901234567.8"), ruleDecimal("1.11"))
        }
        #expect(throws: Exact.Inexact.self) { try Exact.divide(1, 3) }
    }

    @Test func divisionRoundingUpIsAnUpperBound() throws {
        // 1/3 rounded up in its 35th decimal (36 digits × 3 stays within 38): never below 1/3.
        let third = try Exact.divideRoundingUp(Decimal(1), 3)
        #expect(third == ruleDecimal("0." + String(repeating: "3", count: 34) + "4"))
        #expect(try Exact.multiply(third, 3) >= 1)
        #expect(try Exact.divideRoundingUp(3, 4) == ruleDecimal("0.75"))  // terminates: exact
    }

    @Test func reservesWhoseSumNeedsMoreThan38DigitsFailClosed() throws {
        // 10^37 + 0.25 needs 40 significant digits: Decimal would report net reserves of 10^37.
        var f = RuleFixture.eligible()
        f.issuedUnits = "10000000000000000000000000000000000000"
        f.reserves = [
            RuleLine.centralBank("boj", "10000000000000000000000000000000000000", issuer: "JP"),
            RuleLine.deposit("dep", "0.25", bank: "Example Trust Bank", rating: "A+"),
        ]
        let e = try f.evaluation()
        let net = try #require(e.ruleFinding(.rrtNet))
        #expect(net.status == .fail)
        #expect(
            net.message
                == "the sum of reserves[].value needs more than 38 significant digits and cannot be computed exactly: "
                + "the evaluation fails closed")
        #expect(try #require(e.ruleFinding(.rrtOC)).status == .fail)
        #expect(!e.verdict.eligible)
        #expect(e.coverage == nil)
        // Every rule that adds reserve values stops too, rather than judge a rounded figure.
        for rule in [RuleID.rrtQuality, .rrtCcy, .rrtConcentration] {
            #expect(e.ruleFinding(rule)?.status == .fail, "\(rule.rawValue)")
        }
        #expect(try f.finding(LiquidityRule()).status == .fail)  // tentative: the evaluator shows it as a warning
        let mas = try f.evaluation(.mas).ruleFinding(.rrtMaturity)
        #expect(mas?.status == .fail)
        #expect(
            mas?.message
                == "the reserves with a maturity needs more than 38 significant digits and cannot be computed exactly: "
                + "the evaluation fails closed")
    }

    @Test func aProductBeyond38DigitsFailsClosed() throws {
        // 38-digit units × a 3-digit peg value: the aggregate peg value has 40 digits.
        var f = RuleFixture.eligible()
        f.issuedUnits = "1234567890123456789012345678901234567.8"
        f["token", "peg", "valuePerUnit"] = "1.11"
        let finding = try f.finding(NetReservesRule())
        #expect(finding.status == .fail)
        #expect(
            finding.message
                == "the aggregate peg value (issued units × token.peg.valuePerUnit) needs more than 38 significant "
                + "digits and cannot be computed exactly: the evaluation fails closed")
    }

    @Test func sumsAtTheLimitStillPass() throws {
        // 38-digit reserves adding to exactly the 38-digit peg value.
        var f = RuleFixture.eligible()
        f.issuedUnits = "9999999999999999999999999999999999999.9"
        f.reserves = [
            RuleLine.centralBank("boj", "9999999999999999999999999999999999999", issuer: "JP"),
            RuleLine.deposit("dep", "0.9", bank: "Example Trust Bank", rating: "A+"),
        ]
        let finding = try f.finding(NetReservesRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("0"))
    }
}

@Suite struct NothingRedeemableTests {
    /// Every unit non-redeemable and no reserves: the case that was reported ELIGIBLE.
    func allNonRedeemable() -> RuleFixture {
        var f = RuleFixture.eligible()
        f["token", "outstanding", 0, "nonRedeemable"] = "30000000000"
        f.reserves = [RuleLine.centralBank("boj", "0", issuer: "JP")]
        return f
    }

    @Test func allNonRedeemableWithZeroReservesIsNotEligible() throws {
        let e = try allNonRedeemable().evaluation()
        #expect(try #require(e.ruleFinding(.rrtNet)).status == .fail)
        #expect(try #require(e.ruleFinding(.rrtOC)).status == .fail)
        let redeem = try #require(e.ruleFinding(.cc2Redeem))
        #expect(redeem.status == .fail)
        #expect(redeem.message.hasPrefix("contradiction"))
        #expect(!e.verdict.eligible)
    }

    @Test func nonRedeemableUnitsStillCountAndTheirShareIsEvidence() throws {
        var f = RuleFixture.eligible()
        f["token", "outstanding", 0, "nonRedeemable"] = "7500000000"
        let finding = try f.finding(NetReservesRule())
        // All 30,000,000,000 units count; 7.5bn of them (25%) are non-redeemable.
        #expect((finding.evidence as? NetReservesEvidence)?.aggregatePegValue == ruleMoney("30000000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.$nonRedeemableShare == "0.250000")
        #expect(finding.status == .pass)
        #expect(try f.finding(RedemptionRule()).status == .pass)
    }

    @Test func issuedUnitsAtAZeroPegValueFail() throws {
        var f = RuleFixture.eligible()
        f["token", "peg", "valuePerUnit"] = "0"
        #expect(try f.finding(NetReservesRule()).status == .fail)
        #expect(try f.finding(OvercollateralisationRule()).status == .fail)
        #expect(try f.finding(ConcentrationRule()).status == .fail)
    }

    @Test func noUnitsIssuedIsInsufficientData() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = "0"
        #expect(try f.finding(NetReservesRule()).status == .insufficientData)
        #expect(try !f.evaluation().verdict.eligible)
    }
}

/// Issue 12, section 2: each correction with a passing and a failing case.
@Suite struct CreditCommitteeCorrectionTests {
    // 1. CC1-CUSTODY
    @Test func depositAtAnIndependentCustodianBankPasses() throws {
        #expect(try RuleFixture.eligible().finding(CustodyRule()).status == .pass)
    }

    @Test func depositOnTheIssuersOwnBalanceSheetAsCustodianFails() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit(
                "dep", "30150000000", bank: "Rule Fixture Bank (fictional)", rating: "A+",
                custody: "custodian-balance-sheet")
        ]
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect(finding.message == "1 reserve line (30,150,000,000) not bankruptcy remote from the issuer")
    }

    @Test func custodianOfTheIssuersGroupOrWithAnotherRoleFails() throws {
        var f = RuleFixture.eligible()
        f["issuer", "group"] = "Example Financial Group"
        f["reserves", 0, "counterparty", "group"] = "Example Financial Group"
        #expect(try f.finding(CustodyRule()).status == .fail)
        var g = RuleFixture.eligible()
        g["entities"] = [
            RuleFixture.entity("issuer", "Rule Fixture Bank"),
            RuleFixture.entity(
                "reserve-custodian",
                "Example Trust Bank"),
            RuleFixture.entity("redemption-agent", "Example Trust Bank"),
        ]
        let finding = try g.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.contains {
                $0.reason.contains("also acts as redemption-agent")
            } == true)
    }

    @Test func balanceSheetDepositWithoutACustodianNameIsInsufficientData() throws {
        var f = RuleFixture.eligible()
        f["reserves", 0, "counterparty"] = nil
        #expect(try f.finding(CustodyRule()).status == .insufficientData)
    }

    // 2. RRT-CONCENTRATION
    @Test func largestCounterpartyDefaultWarnsUnderBcbsAndFailsWhenPolicyGates() throws {
        // Fixture: 20.1bn at one A+ bank; 45% of it lost: 30.15bn − 9.045bn = 21.105bn against 30bn (70.35%).
        let f = RuleFixture.eligible()
        let finding = try f.finding(ConcentrationRule())
        #expect(finding.status == .warn)
        #expect((finding.evidence as? ConcentrationEvidence)?.loss == ruleMoney("9045000000"))
        #expect((finding.evidence as? ConcentrationEvidence)?.$coverageIfLargestCounterpartyFails == "0.703500")
        #expect(finding.source.kind == .toolCalibration)
        var gating = Profile.bcbs
        gating.thresholds.concentrationGates = true
        #expect(try f.finding(ConcentrationRule(), gating).status == .fail)
    }

    @Test func smallUnsecuredExposurePassesWithHeadroom() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit("dep", "100000000", bank: "Example Trust Bank", rating: "A+"),
            RuleLine.centralBank("boj", "30100000000", issuer: "JP"),
        ]
        let pass = try f.finding(ConcentrationRule())
        // 45% of 100m = 45m; 30.2bn − 45m = 30.155bn: headroom 155m.
        #expect(pass.status == .pass)
        #expect((pass.evidence as? ConcentrationEvidence)?.margin == ruleMoney("155000000"))
    }

    // 3. Own-currency sovereign rating floor
    @Test(arguments: [("BBB-", true), ("BB+", false), ("B", false)])
    func ownCurrencySovereignDebtNeedsInvestmentGrade(rating: String, eligible: Bool) throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "20150000000", issuer: "JP"),
            RuleLine.debt(
                "jgb", "sovereign-bill", "10000000000", issuer: "JP", rating: rating,
                maturity: RuleFixture.day(30)),
        ]
        #expect(try f.finding(ReserveQualityRule()).status == (eligible ? .pass : .fail))
    }

    // 4. RRT-TENOR
    @Test func tenYearBondWarnsUnderBcbsAndFailsUnderHkma() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "20150000000", issuer: "JP"),
            RuleLine.debt(
                "jgb10", "sovereign-bond", "10000000000", issuer: "JP", rating: "A+",
                maturity: RuleFixture.year(10)),
        ]
        #expect(try f.finding(TenorRule(), .bcbs).status == .warn)
        let hkma = try f.finding(TenorRule(), .hkma)
        #expect(hkma.status == .fail)
        #expect(hkma.source.kind == .jurisdictionRule)
    }

    /// A term deposit cannot be withdrawn before its maturity: beyond the one-year calibration it
    /// fails under every profile (basel-text "liquidated rapidly"), where a marketable bond of the
    /// same term only warns under `bcbs` (above). Before 2026-12-02 a 30-year deposit at an A+ bank
    /// only warned, and the coin was ELIGIBLE under `bcbs`.
    @Test func aThirtyYearTermDepositFailsUnderEveryProfile() throws {
        var f = RuleFixture.eligible()
        func deposit(callable: Bool?, maturity: String?) -> [JSONValue] {
            [
                RuleLine.deposit(
                    "deposit", "30150000000", bank: "Example Trust Bank", rating: "A+", callable: callable,
                    maturity: maturity)
            ]
        }
        f.reserves = deposit(callable: false, maturity: RuleFixture.year(30))
        for profile in [Profile.bcbs, .mas, .hkma] {
            #expect(try f.finding(TenorRule(), profile).status == .fail, "\(profile.name)")
            let evaluation = try f.evaluation(profile)
            #expect(evaluation.findings(for: .rrtTenor).first?.blocks == true, "\(profile.name)")
            #expect(!evaluation.verdict.eligible, "\(profile.name)")
        }
        let bcbs = try f.finding(TenorRule(), .bcbs)
        #expect(bcbs.source == TenorRule.lockedDepositSource)
        #expect(bcbs.source.kind == .baselText)
        #expect(bcbs.message.hasPrefix("1 term deposit beyond the term limit"))
        // The same deposit callable at any time is liquid, whatever its maturity.
        f.reserves = deposit(callable: true, maturity: RuleFixture.year(30))
        #expect(try f.finding(TenorRule(), .bcbs).status == .pass)
        // Neither callable nor dated: it may be locked for any term.
        f.reserves = deposit(callable: nil, maturity: nil)
        let undated = try f.finding(TenorRule(), .bcbs)
        #expect(undated.status == .insufficientData)
        #expect(undated.source == TenorRule.lockedDepositSource)
        // A deposit within the year still passes under `bcbs`.
        f.reserves = deposit(callable: false, maturity: RuleFixture.day(300))
        #expect(try f.finding(TenorRule(), .bcbs).status == .pass)
    }

    @Test func twoYearTermDepositFailsUnderHkmaAndShortPaperPasses() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit(
                "term", "30150000000", bank: "Example Trust Bank", rating: "A+", callable: false,
                maturity: RuleFixture.year(2))
        ]
        #expect(try f.finding(TenorRule(), .hkma).status == .fail)
        f.reserves = [
            RuleLine.deposit(
                "term", "30150000000", bank: "Example Trust Bank", rating: "A+", callable: false,
                maturity: RuleFixture.day(60))
        ]
        let pass = try f.finding(TenorRule(), .hkma)
        #expect(pass.status == .pass)
        #expect((pass.evidence as? TenorEvidence)?.marginDays == 32)
        #expect(pass.margin?.text == "32 days inside a 92-day term limit")
    }

    @Test func hkmaAllowsOnlyOvernightReverseRepos() throws {
        var f = RuleFixture.eligible()
        let collateral = RuleLine.collateral(
            issuer: "JP", rating: "A+", value: "20000000000",
            maturity: RuleFixture.day(200))
        f.reserves = [
            RuleLine.centralBank("boj", "10150000000", issuer: "JP"),
            RuleLine.reverseRepo("repo", "20000000000", tenorDays: 3, collateral: collateral),
        ]
        #expect(try f.finding(TenorRule(), .hkma).status == .fail)
        #expect(try f.finding(TenorRule(), .bcbs).status == .pass)  // bcbs leaves repos to RRT-QUALITY's 7 days
        f["reserves", 1, "tenorDays"] = 1
        #expect(try f.finding(TenorRule(), .hkma).status == .pass)
    }

    // 6. CC4-ENTITIES derives the roles
    @Test func unregulatedValidatorsWithoutARegulatedOperatorFail() throws {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "validatorsRegulated"] = false
        f["entities"] = [
            RuleFixture.entity("issuer", "Rule Fixture Bank"),
            RuleFixture.entity(
                "reserve-custodian",
                "Example Trust Bank"),
        ]
        let finding = try f.finding(EntitiesRule())
        #expect(finding.status == .fail)
        #expect(
            finding.message
                == "not regulated nor under risk-management standards: validators or operator of fixture-net")
        #expect(try RuleFixture.eligible().finding(EntitiesRule()).status == .pass)
    }

    @Test func anUnlistedCounterpartyOfUnknownRegulationIsInsufficientData() throws {
        var f = RuleFixture.eligible()
        f.reserves = [RuleLine.deposit("dep", "30150000000", bank: "Unlisted Bank", rating: "A+")]
        f["reserves", 0, "counterparty", "regulated"] = nil
        #expect(try f.finding(EntitiesRule()).status == .insufficientData)
        f["reserves", 0, "counterparty", "regulated"] = false
        #expect(try f.finding(EntitiesRule()).status == .fail)
    }

    // 7. CC3-PERMISSIONLESS
    @Test func permissionlessIsAnInterpretationUnderBcbsAndNeedsStructuredEvidenceUnderHkma() throws {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "permissionless"] = true
        f["token", "networks", 0, "mitigationEvidence"] = "https://fixture.example/mitigation"
        let bcbs = try f.finding(PermissionlessRule(), .bcbs)
        #expect(bcbs.status == .fail)
        #expect(bcbs.basis == .interpretation)
        #expect(try f.finding(PermissionlessRule(), .hkma).status == .fail)  // a URL is not enough
        #expect(try f.finding(PermissionlessRule(), .mas).status == .fail)
        f["token", "networks", 0, "mitigation"] = [
            "governance": "https://fixture.example/g", "technology": "https://fixture.example/t",
            "settlementFinality": "https://fixture.example/s", "amlCft": "https://fixture.example/a",
        ]
        #expect(try f.finding(PermissionlessRule(), .hkma).status == .pass)
        #expect(try f.finding(PermissionlessRule(), .mas).status == .warn)
    }

    // 8. RRT-DISCLOSE
    @Test func disclosureLastPublishedFiveMonthsBeforeAsOfFails() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "lastPublished"] = "2026-05-31T00:00:00Z"
        #expect(try f.finding(DisclosureRule()).status == .fail)
        f["disclosure", "lastPublished"] = nil
        #expect(try f.finding(DisclosureRule()).status == .insufficientData)
        f["disclosure", "lastPublished"] = "2026-10-28T00:00:00Z"  // 3 days before asOf: 1 day + 3 days' lag
        let pass = try f.finding(DisclosureRule())
        #expect(pass.status == .pass)
        #expect((pass.evidence as? DisclosureEvidence)?.marginDays == 1)
    }

    // 9. RRT-AUDIT
    @Test func decemberYearEndAuditWithAMarchOpinionStaysValidInTheFirstQuarter() throws {
        var f = RuleFixture.eligible()
        f["assurance"] = [RuleFixture.audit(periodEnd: "2025-12-31", opinionDate: "2026-03-20")]
        f["asOf"] = "2027-02-27T15:00:00Z"
        f["issuedAt"] = "2027-03-01T01:00:00Z"
        let late = Timestamp.parse("2027-03-02T00:00:00Z")!
        #expect(try f.finding(AuditRule(), at: late).status == .pass)
        f["asOf"] = "2027-05-15T15:00:00Z"
        f["issuedAt"] = "2027-05-16T01:00:00Z"
        #expect(try f.finding(AuditRule(), at: Timestamp.parse("2027-05-17T00:00:00Z")!).status == .fail)
    }

    // 10. CC2-REDEEM
    @Test func restrictedRedemptionDependsOnTheBanksRoute() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "holders"] = "restricted"
        #expect(try f.finding(RedemptionRule()).status == .insufficientData)
        let attestation = try f.attestation()
        func status(_ route: RedemptionRoute) -> FindingStatus? {
            let position = BankPosition(exposure: ruleAmount("1000"), redemptionRoute: route)
            return Evaluator(profile: .bcbs, position: position).evaluateDraft(attestation, at: RuleFixture.evaluatedAt)
                .ruleFinding(.cc2Redeem)?.status
        }
        #expect(status(.direct) == .pass)
        #expect(status(.intermediary("Example Dealer")) == .pass)
        #expect(status(.none) == .fail)
    }

    // 11. Money-market funds
    @Test func fundWithoutLookThroughIsInsufficientDataAndWithItIsJudgedLikeTheRest() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "20150000000", issuer: "JP"),
            RuleLine.fund("mmf", "10000000000", holdsOnlyEligible: true, wamDays: 30),
        ]
        #expect(try f.finding(ReserveQualityRule()).status == .insufficientData)
        f["reserves", 1, "holdings"] = [
            RuleLine.centralBank("h-boj", "6000000000", issuer: "JP"),
            RuleLine.debt(
                "h-bill", "sovereign-bill", "4000000000", issuer: "JP", rating: "A+",
                maturity: RuleFixture.day(73)),
        ]
        #expect(try f.finding(ReserveQualityRule()).status == .pass)
        // The look-through stress: 4bn × 73/365 × 1% = 8,000,000.
        #expect(try f.context().figures.stress?.marketLossByLine["mmf"] == ruleMoney("8000000"))
        f["reserves", 1, "holdings", 1] = RuleLine.debt(
            "h-corp", "corporate-debt", "4000000000",
            issuer: "Example Corp", rating: "A",
            maturity: RuleFixture.day(73))
        #expect(try f.finding(ReserveQualityRule()).status == .fail)
        f["reserves", 1, "holdings", 1] = RuleLine.centralBank("h-boj2", "3000000000", issuer: "JP")
        #expect(try f.finding(ReserveQualityRule()).status == .insufficientData)  // 9bn listed against 10bn
    }

    // 12. Capital knock-on
    @Test func aboveTwoPercentOfTierOneEvenA2aCoinTakes1250Percent() throws {
        var f = RuleFixture.eligible()
        f["legal", "settlementFinality"] = false
        f["marketData"] = RuleFixture.marketData()
        let attestation = try f.attestation()
        func riskWeight(_ exposure: String) -> Finding? {
            let position = BankPosition(exposure: ruleAmount(exposure), tier1Capital: ruleAmount("100000"))
            return Evaluator(profile: .bcbs, position: position).evaluateDraft(attestation, at: RuleFixture.evaluatedAt)
                .ruleFinding(.g2bRiskWeight)
        }
        let above = try #require(riskWeight("2001"))
        #expect(above.status == .warn)
        #expect((above.evidence as? Group2bRiskWeightEvidence)?.group2AboveTwoPercentOfTier1 == true)
        #expect(riskWeight("2000")?.status == .notApplicable)
    }

    // 13. CNY pegs
    @Test(arguments: ["CNY", "CNH"])
    func cnyPegsGetThePBoCFindingUnderEveryProfile(currency: String) throws {
        var f = RuleFixture.eligible()
        f.pegCurrency = currency
        for profile in Profile.all {
            let finding = try f.finding(CNYPegRule(), profile)
            #expect(finding.status == .fail)
            #expect(
                finding.message
                    == "pegged to \(currency): the People's Bank of China's notice Yinfa [2026] No. 42 bans "
                    + "CNY-pegged stablecoins without its approval")
            #expect(finding.source.kind == .jurisdictionRule)
        }
        #expect(try RuleFixture.eligible().finding(CNYPegRule()).status == .notApplicable)
    }
}

/// Issue 12, section 1: every finding and threshold carries its source.
@Suite struct RuleSourceTests {
    @Test func everyFindingCarriesASourceAndTheProfileLabelsItsOwn() throws {
        let e = try RuleFixture.eligible().evaluation(.hkma)
        #expect(e.findings.allSatisfy { !$0.source.citation.isEmpty })
        #expect(e.ruleFinding(.rrtTenor)?.source == Profile.hkma.source(of: .rrtTenor))
        #expect(e.ruleFinding(.rrtAudit)?.source.kind == .toolCalibration)
        #expect(e.ruleFinding(.cc1Peg)?.source.kind == .baselText)
    }

    @Test func catalogueAndReportJSONShowTheSource() throws {
        #expect(RuleCatalogue.json(.bcbs).contains("\"kind\": \"tool-calibration\""))
        let finding = Finding(.rrtConcentration, .warn, "x", basis: .computed)
        #expect(JSONWriter.write(ReportRenderer.json(finding)).contains("\"kind\": \"tool-calibration\""))
    }
}

/// Issue 12, correction 1 on the shipped Kizuna Yen shape, and section 4 (margins).
@Suite struct CustodyConsortiumAndMarginTests {
    @Test func custodianNamedInTheConsortiumIssuersLegalNameFails() throws {
        var f = RuleFixture.eligible()
        f["issuer", "legalName"] = "Fixture Consortium of Example Bank and Example Trust Bank (fictional)"
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.contains {
                $0.reason.contains("shares the issuer's legal name")
            } == true)
        // A short common word never matches: "Bank" alone is not a shared name.
        #expect(CustodyRule.notOnlyCustodian(name: "Bank", group: nil, try f.attestation()) == nil)
    }

    @Test func gatingPassesReportTheirMarginAndTheClosestIsNamed() throws {
        let e = try RuleFixture.eligible().evaluation()
        let net = try #require(e.ruleFinding(.rrtNet))
        #expect(net.margin?.text == "coverage margin 150,000,000 (0.50% of the peg value)")
        #expect(e.ruleFinding(.rrtAudit)?.margin != nil)
        #expect(e.ruleFinding(.rrtDisclose)?.margin != nil)
        #expect(ReportRenderer.closestToFailing(e.findings)?.rule == .rrtNet)
        // Under mas the reserve pool's weighted-average maturity reports its days to spare.
        var mas = RuleFixture.eligible()
        mas.reserves = [
            RuleLine.centralBank("boj", "10150000000", issuer: "JP"),
            RuleLine.debt(
                "bill", "sovereign-bill", "20000000000", issuer: "JP", rating: "A+",
                maturity: RuleFixture.day(90)),
        ]
        // WAM = 20,000,000,000 × 90 / 30,150,000,000 = 59.70… days: 30.3 days inside the 90-day limit.
        #expect(try mas.finding(MaturityRule(), .mas).margin?.text == "30.3 days inside the 90-day WAM limit")
        // A failing finding has no margin.
        var short = RuleFixture.eligible()
        short.claims("150000001")
        #expect(try short.finding(NetReservesRule()).margin == nil)
    }
}
