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

    /// The issuer's own jurisdiction is always one where the coin is issued. Before 2026-12-02 a
    /// declared `legal.jurisdictions` replaced it: `[]` (with no opinions at all) or another
    /// country alone passed, so no opinion covered the issuer's home.
    @Test(arguments: [[String](), ["LI"]])
    func theIssuersJurisdictionAlwaysNeedsAnOpinion(declared: [String]) throws {
        var f = RuleFixture.eligible()
        f["legal", "jurisdictions"] = .array(declared.map(JSONValue.string))
        f["legal", "opinions"] = .array(
            declared.map { ["jurisdiction": .string($0), "firm": "Example Partners", "date": "2026-02-10"] })
        let finding = try f.finding(LegalRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? LegalEvidence)?.missing == ["JP"])
    }

    /// A legal opinion dated after the attestation was issued (later than `issuedAt`'s date at
    /// UTC+14:00) is not one the issuer had: it does not count.
    @Test func anOpinionDatedAfterTheAttestationDoesNotCount() throws {
        var f = RuleFixture.eligible()
        f["legal", "opinions", 0, "date"] = "2030-01-01"
        let finding = try f.finding(LegalRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? LegalEvidence)?.missing == ["JP"])
        #expect(finding.message.contains("2030-01-01"))
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

    /// A fee is what holders lose against the peg. Before 2026-12-02 any fee only warned, so a coin
    /// whose redemption fee was 100% (holders receive nothing) was ELIGIBLE. An ordinary fee (up to
    /// the 1% calibration) still warns; a larger one means no redemption at the peg value and fails.
    @Test(arguments: [
        ("1", FindingStatus.warn), ("1.01", FindingStatus.fail), ("50", FindingStatus.fail),
        ("100", FindingStatus.fail),
    ])
    func aFeeAboveAnOrdinaryOneIsNoRedemptionAtThePeg(fee: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "feePercent"] = .string(fee)
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == status)
        if status == .fail { #expect(finding.message.contains("more than the 1% an ordinary fee may take")) }
    }

    /// A minimum redemption larger than every redeemable unit together is one no holder can ever
    /// meet: redemption is closed, whatever `holders` says. Before 2026-12-02 `minimumUnits` was not
    /// read at all. (30,000,000,000 units are issued, none non-redeemable.)
    @Test(arguments: [("30000000000", FindingStatus.pass), ("30000000001", FindingStatus.fail)])
    func aMinimumRedemptionNoHolderCanMeetFails(minimum: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "minimumUnits"] = .string(minimum)
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == status, "\(finding.message)")
    }

    @Test func missingRedemptionGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption"] = nil
        let finding = try f.finding(RedemptionRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "token.redemption is missing")
    }
}
