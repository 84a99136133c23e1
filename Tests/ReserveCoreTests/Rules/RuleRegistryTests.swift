import Testing

@testable import ReserveCore

/// `Rules` is the only registry: every id has exactly one rule, which carries its own description.
@Suite struct RuleRegistryTests {
    @Test func everyRuleIDHasExactlyOneRuleInIDOrder() {
        #expect(Rules.all.map(\.id) == RuleID.allCases)
        for id in RuleID.allCases {
            #expect(Rules.describing(id).id == id)
        }
    }

    @Test func theStagesTogetherAreTheRegistry() {
        let stages =
            [Rules.signature.id] + Rules.integrity.map(\.id) + Rules.catalogue.map(\.id)
            + Rules.history.map(\.id) + Rules.capital.map(\.id)
        #expect(stages.count == RuleID.allCases.count)
        #expect(Set(stages) == Set(RuleID.allCases))
        #expect(Rules.history.map(\.id) == [.replay, .equivocation, .rollback, .sequenceJump, .stale])
        #expect(Rules.history.filter(\.guardsAdmission).map(\.id) == [.equivocation, .rollback, .sequenceJump])
        #expect(Rules.capital.map(\.id) == [.g2Limit, .g2bRiskWeight])
    }

    @Test func everyRuleDescribesWhatItChecksAndWhereItComesFrom() {
        for rule in Rules.all {
            #expect(!rule.checks.isEmpty, "\(rule.id.rawValue)")
            #expect(!rule.reference.isEmpty, "\(rule.id.rawValue)")
            #expect(rule.id.reference == rule.reference)
            #expect(rule.id.defaultSource == rule.defaultSource)
        }
    }

    /// The common gating set is now read off the rules: it is the set the profiles gated on before.
    @Test func commonGatingIsWhatTheRulesDeclare() {
        #expect(
            Profile.commonGating == [
                .sigTrusted, .attTime, .cc1Peg, .cc1NoCryptoRef, .rrtNet, .rrtOC, .rrtQuality, .rrtCcy, .rrtGov,
                .rrtDisclose, .rrtAudit, .cc1Supervised, .cc1Custody, .cc2Legal, .cc2Finality, .cc2Redeem, .cc3Network,
                .cc3Permissionless, .cc4Entities, .cc4Governance, .rollback, .equivocation, .sequenceJump, .stale,
                .rrtTenor, .rrtConcentration,
            ])
        #expect(Profile.mas.gating == Profile.commonGating.union([.rrtMaturity]))
    }

    @Test func thresholdsComeFromTheProfileOrAreAbsent() {
        #expect(Rules.describing(.cc2Redeem).thresholds(in: .bcbs) == "settlement <= 5 calendar days; fee <= 1%")
        #expect(Rules.describing(.rrtMaturity).thresholds(in: .bcbs) == "no limit")
        #expect(Rules.describing(.rrtMaturity).thresholds(in: .mas) == "WAM <= 90 days")
        #expect(Rules.describing(.cc2Legal).thresholds(in: .bcbs) == nil)
        #expect(RuleCatalogue.entries(for: .bcbs).first { $0.id == .cc2Legal }?.thresholds == "-")
    }
}
