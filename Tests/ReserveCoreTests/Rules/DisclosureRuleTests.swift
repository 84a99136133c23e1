import Testing

@testable import ReserveCore

/// RRT-DISCLOSE: value published at least daily, composition at least weekly (defaults).
@Suite struct DisclosureRuleTests {
    @Test func dailyValueAndWeeklyCompositionPass() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "compositionFrequencyDays"] = 7
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? DisclosureEvidence)?.valueFrequencyDays == 1)
        #expect((finding.evidence as? DisclosureEvidence)?.compositionFrequencyDays == 7)
        #expect((finding.evidence as? DisclosureEvidence)?.maxValueDays == 1)
        #expect((finding.evidence as? DisclosureEvidence)?.maxCompositionDays == 7)
    }

    /// A last publication after `issuedAt` is one the issuer could not have made when it signed.
    /// Before 2026-12-02 its age before asOf was clamped to 0, so `lastPublished: 2199-01-01` passed
    /// for ever; now it is a contradiction that fails. Equal to `issuedAt` still passes (the default).
    @Test(arguments: [
        ("2026-11-02T01:00:00Z", FindingStatus.pass), ("2026-11-02T01:00:01Z", FindingStatus.fail),
        ("2199-01-01T00:00:00Z", FindingStatus.fail),
    ])
    func aPublicationAfterTheAttestationWasIssuedFails(lastPublished: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f["disclosure", "lastPublished"] = .string(lastPublished)
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == status)
        if status == .fail { #expect(finding.message.contains("after the attestation was issued")) }
    }

    @Test func compositionEveryEightDaysFails() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "compositionFrequencyDays"] = 8
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == .fail)
        #expect(finding.message == "disclosure too infrequent: composition every 8 days (at most 7)")
    }

    @Test func valueEveryTwoDaysFails() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "valueFrequencyDays"] = 2
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == .fail)
        #expect(finding.message == "disclosure too infrequent: value every 2 days (at most 1)")
    }

    @Test func missingFrequencyGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "compositionFrequencyDays"] = nil
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "disclosure.valueFrequencyDays and compositionFrequencyDays are needed")
    }

    @Test func missingUrlGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["disclosure", "url"] = nil
        let finding = try f.finding(DisclosureRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "disclosure.url is missing: where the reserves are published is not stated")
    }
}
