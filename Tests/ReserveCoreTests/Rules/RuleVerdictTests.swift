import Testing

@testable import ReserveCore

/// The verdict: eligible only when every gating rule passes; `blocking` names each that does not.
@Suite struct RuleVerdictTests {
    @Test func eligibleFixtureIsGroupOneBWithNothingBlocking() throws {
        let evaluation = try RuleFixture.eligible().evaluation()
        #expect(evaluation.verdict.eligible)
        #expect(evaluation.verdict.group == .group1b)
        #expect(evaluation.verdict.blocking == [])
        #expect(evaluation.verdict.profile == "bcbs@2026-01-01")
        // Coverage 30,150,000,000 / 30,000,000,000 = 1.005 exactly; no stress loss.
        #expect(evaluation.coverage == ruleDecimal("1.005"))
        #expect(evaluation.stressedCoverage == ruleDecimal("1.005"))
        // Draft evaluation: ATT-TIME, the 24 catalogue rules, then the capital findings; no SIG-TRUSTED.
        #expect(evaluation.findings.map(\.rule) == [.attTime] + Rules.catalogue.map(\.id) + [.g2Limit, .g2bRiskWeight])
        // Everything passes except RRT-CONCENTRATION, which warns (20.1bn at one bank; a calibration under bcbs).
        #expect(
            evaluation.findings.allSatisfy {
                $0.status == .pass || $0.status == .notApplicable || $0.status == .insufficientData && !$0.gating
                    || $0.rule == .rrtConcentration && $0.status == .warn
            })
        #expect(evaluation.ruleFinding(.rrtConcentration)?.status == .warn)
    }

    @Test func everyCatalogueRuleAndAttTimeAppearsOnce() {
        let ids = [RuleID.attTime] + Rules.catalogue.map(\.id)
        #expect(
            ids.map(\.rawValue) == [
                "ATT-TIME", "CC1-PEG", "CC1-NO-CRYPTO-REF", "RRT-NET", "RRT-OC", "RRT-QUALITY", "RRT-CCY", "RRT-GOV",
                "RRT-DISCLOSE",
                "RRT-AUDIT", "RRT-LIQUIDITY", "RRT-MATURITY", "RRT-TENOR", "RRT-CONCENTRATION", "CC1-SUPERVISED",
                "CC1-CUSTODY",
                "CC2-LEGAL", "CC2-FINALITY", "CC2-REDEEM", "CC3-NETWORK", "CC3-PERMISSIONLESS", "CC4-ENTITIES",
                "CC4-GOVERNANCE",
                "G2A-HEDGING", "PBOC-CNY",
            ])
    }

    @Test func oneFailingGatingRuleBlocksAndIsTheOnlyOneListed() throws {
        var f = RuleFixture.eligible()
        f["token", "redemption", "settlementDays"] = 6
        let verdict = try f.evaluation().verdict
        #expect(verdict.eligible == false)
        #expect(verdict.blocking == [.cc2Redeem])
        #expect(verdict.group == .group2b)
    }

    @Test func insufficientDataOnAGatingRuleBlocks() throws {
        var f = RuleFixture.eligible()
        f["disclosure"] = nil
        let evaluation = try f.evaluation()
        #expect(evaluation.ruleFinding(.rrtDisclose)?.status == .insufficientData)
        #expect(evaluation.verdict.eligible == false)
        #expect(evaluation.verdict.blocking == [.rrtDisclose])
    }

    @Test func missingOtherClaimsBlockEveryRuleThatNeedsThem() throws {
        var f = RuleFixture.eligible()
        f["otherClaims"] = nil
        let verdict = try f.evaluation().verdict
        // RRT-CCY passes: every reserve is in JPY, so it needs no stress figures.
        #expect(verdict.blocking == [.rrtNet, .rrtOC, .rrtConcentration])
    }

    @Test func nonGatingFailureDoesNotBlock() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "5000000000", issuer: "JP"),
            RuleLine.deposit(
                "dep-term", "25150000000", bank: "Example Trust Bank", rating: "A+", callable: false,
                maturity: RuleFixture.day(90)),
        ]
        let evaluation = try f.evaluation()
        #expect(evaluation.ruleFinding(.rrtLiquidity)?.status == .warn)
        #expect(evaluation.verdict.eligible)
    }

    @Test func blockingRulesAreListedInCatalogueOrder() throws {
        var f = RuleFixture.eligible()
        f["entities"] = nil
        f["legal", "settlementFinality"] = false
        f["token", "peg", "valuePerUnit"] = "0"
        let verdict = try f.evaluation().verdict
        // Issued units at a zero peg value never pass (issue 10, class 9): CC1-PEG, RRT-NET, RRT-OC
        // and RRT-CONCENTRATION all block.
        #expect(
            verdict.blocking == [
                .cc1Peg, .rrtNet, .rrtOC, .rrtConcentration, .cc2Finality, .cc4Entities,
                .cc4Governance,
            ])
    }

    @Test func futureDatedAttestationIsBlockedByAttTime() throws {
        let evaluation = try RuleFixture.eligible().evaluation(at: Timestamp.parse("2026-11-01T00:00:00Z")!)
        #expect(evaluation.verdict.blocking == [.attTime])
    }

    @Test func unsignedPayloadThroughEvaluateGetsOnlyIntegrityFindings() throws {
        let verified = VerifiedAttestation(
            uncheckedPayload: try RuleFixture.eligible().attestation(), digest: "sha256:test")
        let evaluation = Evaluator(profile: .bcbs).evaluate(verified, history: .unrecorded, at: RuleFixture.evaluatedAt)
        #expect(evaluation.findings.map(\.rule) == [.sigTrusted, .attTime])
        #expect(evaluation.verdict.eligible == false)
        #expect(evaluation.verdict.blocking == [.sigTrusted])
        #expect(evaluation.coverage == nil)
        #expect(evaluation.stressedCoverage == nil)
    }

    @Test func draftVerdictSaysItIsUnsigned() throws {
        let verdict = try RuleFixture.eligible().evaluation().verdict
        #expect(verdict.notes == ["draft: unsigned; the verdict assumes valid signatures"])
    }
}
