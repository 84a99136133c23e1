import Testing

@testable import ReserveCore

/// CC2-LEGAL: legal opinions cover every jurisdiction of issue and redemption.
@Suite struct LegalRuleTests {
    @Test func opinionForEveryJurisdictionPasses() throws {
        let finding = try RuleFixture.eligible().finding(LegalRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? LegalEvidence)?.jurisdictions == ["JP"])
        #expect((finding.evidence as? LegalEvidence)?.opinionJurisdictions == ["JP"])
    }

    @Test func jurisdictionWithoutAnOpinionFails() throws {
        var f = RuleFixture.eligible()
        f["legal", "jurisdictions"] = ["JP", "SG"]
        let finding = try f.finding(LegalRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? LegalEvidence)?.missing == ["SG"])
    }

    @Test func jurisdictionsDefaultToTheIssuers() throws {
        var f = RuleFixture.eligible()
        f["legal", "jurisdictions"] = nil
        f["issuer", "jurisdiction"] = "SG"
        let finding = try f.finding(LegalRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? LegalEvidence)?.jurisdictions == ["SG"])
    }

    @Test func missingOpinionsGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["legal", "opinions"] = nil
        let finding = try f.finding(LegalRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "legal.opinions is missing")
    }
}

/// CC2-FINALITY: settlement finality.
@Suite struct FinalityRuleTests {
    @Test func declaredFinalityPasses() throws {
        let finding = try RuleFixture.eligible().finding(FinalityRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? FinalityEvidence)?.settlementFinality == true)
    }

    @Test func noFinalityFails() throws {
        var f = RuleFixture.eligible()
        f["legal", "settlementFinality"] = false
        let finding = try f.finding(FinalityRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? FinalityEvidence)?.settlementFinality == false)
    }

    @Test func missingFinalityGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["legal"] = nil
        let finding = try f.finding(FinalityRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "legal.settlementFinality is missing")
    }
}

/// CC2-REDEEM: every holder redeems at peg within 5 calendar days.
@Suite struct RedemptionRuleTests {
    @Test func settlementWithinFiveDaysPasses() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "settlementDays"] = 5
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? RedemptionEvidence)?.settlementDays == 5)
        #expect((finding.evidence as? RedemptionEvidence)?.maxSettlementDays == 5)
        #expect((finding.evidence as? RedemptionEvidence)?.holders == "all")
    }

    @Test func settlementInSixDaysFails() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "settlementDays"] = 6
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? RedemptionEvidence)?.settlementDays == 6)
    }

    @Test func redemptionOpenToNoHoldersFails() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "holders"] = "none"
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? RedemptionEvidence)?.holders == "none")
    }

    @Test func restrictedRedemptionWithoutTheBanksRouteIsInsufficientData() throws {
        // Issue 12 correction 10: what matters is the bank's own route (see CreditCommitteeCorrectionTests).
        var f = RuleFixture.eligible()
        f["token", "redemption", "holders"] = "restricted"
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .insufficientData)
        #expect(
            finding.message
                == "redemption is restricted to some holders and the bank's own route is not given (its "
                + "position's redemption route: direct, through a named intermediary, or none)")
    }

    @Test func redemptionFeeWarns() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "feePercent"] = "0.1"
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .warn)
        #expect((finding.evidence as? RedemptionEvidence)?.feePercent == ruleMoney("0.1"))
    }

    @Test func missingRedemptionGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption"] = nil
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "token.redemption is missing")
    }
}
