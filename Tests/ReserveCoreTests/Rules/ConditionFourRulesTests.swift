import Testing

@testable import ReserveCore

/// CC4-ENTITIES: every entity is regulated, or under risk-management standards.
@Suite struct EntitiesRuleTests {
    @Test func regulatedEntitiesPass() throws {
        let finding = try RuleFixture.eligible().finding(EntitiesRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? EntitiesEvidence)?.entities == 3)
        #expect((finding.evidence as? EntitiesEvidence)?.unregulated == [])
    }

    @Test func unregulatedWalletProviderFails() throws {
        var f = RuleFixture.eligible()
        f["entities", 2] = ["role": "wallet-provider", "name": "Loose Wallet", "regulated": false]
        let finding = try f.finding(EntitiesRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? EntitiesEvidence)?.unregulated == ["wallet-provider Loose Wallet"])
    }

    @Test func unregulatedEntityUnderRiskManagementStandardsPasses() throws {
        var f = RuleFixture.eligible()
        f["entities", 2] = [
            "role": "node-validator", "name": "Validators", "regulated": false, "riskManagementStandards": true,
            "governanceDisclosure": "https://fixture.example/validators",
        ]
        let finding = try f.finding(EntitiesRule())
        #expect(finding.status == .pass)
    }

    /// The fixture with two deposit lines at one unlisted bank (the same name once normalised),
    /// their counterparty's `regulated` as given (nil: left out).
    static func twoLinesAtOneBank(_ first: Bool?, _ second: Bool?) throws -> Finding {
        var f = RuleFixture.eligible()
        f.reserves += [
            RuleLine.deposit("dep-a", "1", bank: "Small Bank", rating: "A"),
            RuleLine.deposit("dep-b", "1", bank: "SMALL bank.", rating: "A"),
        ]
        f["reserves", 2, "counterparty", "regulated"] = first.map(JSONValue.bool)
        f["reserves", 3, "counterparty", "regulated"] = second.map(JSONValue.bool)
        return try f.finding(EntitiesRule())
    }

    /// A party declared unregulated on one line is unregulated, whatever another line says and in
    /// either order (the first line's declaration used to decide alone).
    @Test(arguments: [(true, false), (false, true), (nil, false), (false, nil)] as [(Bool?, Bool?)])
    func aPartyDeclaredUnregulatedOnAnyLineIsUnregulated(first: Bool?, second: Bool?) throws {
        let finding = try Self.twoLinesAtOneBank(first, second)
        #expect(finding.status == .fail)
        #expect((finding.evidence as? EntitiesEvidence)?.unregulated == ["counterparty Small Bank"])
    }

    /// Declared regulated on one line and silent on the other: regulated, in either order.
    @Test(arguments: [(true, true), (true, nil), (nil, true)] as [(Bool?, Bool?)])
    func aPartyDeclaredRegulatedAndNeverUnregulatedIsRegulated(first: Bool?, second: Bool?) throws {
        let finding = try Self.twoLinesAtOneBank(first, second)
        #expect(finding.status == .pass)
        #expect((finding.evidence as? EntitiesEvidence)?.requiredRoles?.contains("counterparty Small Bank") == true)
    }

    @Test func aPartyNeverDeclaredIsUndetermined() throws {
        let finding = try Self.twoLinesAtOneBank(nil, nil)
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? EntitiesEvidence)?.undetermined == ["counterparty Small Bank"])
    }

    @Test func entityWithoutRegulationStatusGivesInsufficientData() throws {
        var f = RuleFixture.eligible()
        f["entities", 2, "regulated"] = nil
        let finding = try f.finding(EntitiesRule())
        #expect(finding.status == .insufficientData)
        #expect(
            (finding.evidence as? EntitiesEvidence)?.undetermined == [
                "transfer-system-operator Fixture Network Operations K.K."
            ])
    }

    @Test func missingEntitiesGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["entities"] = nil
        let finding = try f.finding(EntitiesRule())
        #expect(finding.status == .insufficientData)
        #expect(
            finding.message
                == "entities is missing: who redeems, transfers, stores and manages reserves is not stated")
    }
}

/// CC4-GOVERNANCE: those entities disclose a governance framework.
@Suite struct EntityGovernanceRuleTests {
    @Test func everyEntityDisclosingGovernancePasses() throws {
        let finding = try RuleFixture.eligible().finding(EntityGovernanceRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? EntityGovernanceEvidence)?.withoutDisclosure == [])
    }

    @Test func entityWithoutDisclosureGivesInsufficientDataNamingIt() throws {
        // By design CC4-GOVERNANCE never fails: a missing disclosure is missing data (which blocks
        // like a failure, the rule being gating).
        var f = RuleFixture.eligible()
        f["entities", 1, "governanceDisclosure"] = nil
        let finding = try f.finding(EntityGovernanceRule())
        #expect(finding.status == .insufficientData)
        #expect(
            (finding.evidence as? EntityGovernanceEvidence)?.withoutDisclosure == [
                "reserve-custodian Example Trust Bank"
            ])
        #expect(finding.message == "no governance disclosure for: reserve-custodian Example Trust Bank")
    }

    @Test func missingEntitiesGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["entities"] = []
        let finding = try f.finding(EntityGovernanceRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "entities is missing")
    }
}
