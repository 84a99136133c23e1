import Testing

@testable import ReserveCore

/// RRT-GOV: an operational risk and resilience framework, and a published reserve mandate.
@Suite struct ReserveGovernanceRuleTests {
    @Test func frameworkAndMandatePass() throws {
        let finding = try RuleFixture.eligible().finding(ReserveGovernanceRule())
        #expect(finding.status == .pass)
        #expect(finding.basis == .declared)
        #expect((finding.evidence as? ReserveGovernanceEvidence)?.operationalResilienceFramework == true)
        #expect(
            (finding.evidence as? ReserveGovernanceEvidence)?.reserveMandateUrl
                == "https://fixture.example/reserve-mandate")
    }

    @Test func noFrameworkFails() throws {
        var f = RuleFixture.eligible()
        f["governance", "operationalResilienceFramework"] = false
        let finding = try f.finding(ReserveGovernanceRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? ReserveGovernanceEvidence)?.operationalResilienceFramework == false)
    }

    @Test func missingGovernanceGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["governance"] = nil
        let finding = try f.finding(ReserveGovernanceRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "governance.operationalResilienceFramework is missing")
    }

    @Test func missingMandateGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["governance", "reserveMandateUrl"] = nil
        let finding = try f.finding(ReserveGovernanceRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "governance.reserveMandateUrl is missing: the reserve mandate is not disclosed")
    }
}
