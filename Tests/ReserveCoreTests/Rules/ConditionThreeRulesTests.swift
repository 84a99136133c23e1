import Testing

@testable import ReserveCore

/// CC3-NETWORK: every network the coin is issued on is described, with a risk assessment.
@Suite struct NetworkRuleTests {
    @Test func describedAndAssessedNetworkPasses() throws {
        let finding = try RuleFixture.eligible().finding(NetworkRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NetworkEvidence)?.networks == ["fixture-net"])
    }

    @Test func missingRiskAssessmentGivesInsufficientDataNamingTheNetwork() throws {
        // By design CC3-NETWORK never fails: what it checks is declared, so a gap is missing data.
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "riskAssessment"] = nil
        let finding = try f.finding(NetworkRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? NetworkEvidence)?.withoutRiskAssessment == ["fixture-net"])
        #expect(finding.message == "no published risk assessment for fixture-net")
    }

    @Test func missingNetworksGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["token", "networks"] = nil
        let finding = try f.finding(NetworkRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "token.networks does not describe fixture-net")
        #expect((finding.evidence as? NetworkEvidence)?.undescribed == ["fixture-net"])
    }
}

/// CC3-PERMISSIONLESS: bcbs fails permissionless networks (interpretation), hkma needs structured
/// mitigation evidence, mas warns with it and fails without.
@Suite struct PermissionlessRuleTests {
    private func permissionless(evidence: Bool) -> RuleFixture {
        var f = RuleFixture.eligible()
        f["token", "networks", 0, "permissionless"] = true
        f["token", "networks", 0, "mitigationEvidence"] = "https://fixture.example/risk/controls"
        if evidence {
            f["token", "networks", 0, "mitigation"] = [
                "governance": "https://fixture.example/risk/governance",
                "technology": "https://fixture.example/risk/technology",
                "settlementFinality": "https://fixture.example/risk/finality",
                "amlCft": "https://fixture.example/risk/aml",
            ]
        }
        return f
    }

    @Test(arguments: [Profile.bcbs, .hkma, .mas])
    func permissionedNetworkPassesUnderEveryProfile(_ profile: Profile) throws {
        let finding = try RuleFixture.eligible().finding(PermissionlessRule(), profile)
        #expect(finding.status == .pass)
        #expect((finding.evidence as? PermissionlessEvidence)?.permissionless == [])
    }

    @Test func permissionlessNetworkFailsUnderBcbsEvenWithMitigationEvidence() throws {
        let finding = try permissionless(evidence: true).finding(PermissionlessRule(), .bcbs)
        #expect(finding.status == .fail)
        #expect((finding.evidence as? PermissionlessEvidence)?.treatment == "fail")
        #expect((finding.evidence as? PermissionlessEvidence)?.permissionless == ["fixture-net"])
    }

    @Test func permissionlessNetworkWithMitigationEvidencePassesUnderHkma() throws {
        let finding = try permissionless(evidence: true).finding(PermissionlessRule(), .hkma)
        #expect(finding.status == .pass)
        #expect((finding.evidence as? PermissionlessEvidence)?.treatment == "requires-mitigation-evidence")
    }

    @Test func permissionlessNetworkWithoutMitigationEvidenceFailsUnderHkma() throws {
        let finding = try permissionless(evidence: false).finding(PermissionlessRule(), .hkma)
        #expect(finding.status == .fail)
        // A mitigation URL alone is not structured evidence.
        #expect((finding.evidence as? PermissionlessEvidence)?.withoutStructuredMitigation == ["fixture-net"])
    }

    @Test func permissionlessNetworkWarnsUnderMasWithStructuredEvidenceAndFailsWithout() throws {
        let finding = try permissionless(evidence: true).finding(PermissionlessRule(), .mas)
        #expect(finding.status == .warn)
        #expect((finding.evidence as? PermissionlessEvidence)?.treatment == "conditional-with-exposure-cap")
        #expect(try permissionless(evidence: false).finding(PermissionlessRule(), .mas).status == .fail)
    }

    /// A public blockchain everyone knows to be permissionless stays so whatever the issuer
    /// declares. Before 2026-12-02 a coin on "Ethereum" that declared `permissionless: false` passed
    /// CC3-PERMISSIONLESS under bcbs and was ELIGIBLE. A private network of another name still passes.
    @Test(arguments: [
        ("ethereum", FindingStatus.fail), ("Ethereum-Mainnet", FindingStatus.fail), ("solana", FindingStatus.fail),
        ("fixture-net", FindingStatus.pass),
    ])
    func aWellKnownPublicChainDeclaredPermissionedIsStillPermissionless(name: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f["token", "outstanding", 0, "network"] = .string(name)
        f["token", "networks", 0, "name"] = .string(name)
        let finding = try f.finding(PermissionlessRule())
        #expect(finding.status == status, "\(finding.message)")
        if status == .fail { #expect((finding.evidence as? PermissionlessEvidence)?.permissionless == [name]) }
    }

    @Test func undescribedNetworkGivesInsufficientDataNamingIt() throws {
        var f = RuleFixture.eligible()
        f["token", "networks"] = nil
        let finding = try f.finding(PermissionlessRule())
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? PermissionlessEvidence)?.undescribed == ["fixture-net"])
        #expect(finding.message == "whether fixture-net is permissionless is not stated")
    }
}
