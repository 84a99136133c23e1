import Foundation
import Testing

@testable import ReserveCore

/// Each rule's evidence type and the keys it may write: the catalogue that code, the ledger and
/// the dossier rely on. A changed member name changes the JSON contract, so it must show here.
@Suite struct EvidenceKeysTests {
    static var catalogue: [RuleID: (type: any RuleEvidence.Type, keys: [String])] {
        [
            .sigTrusted: (
                SignatureTrustEvidence.self,
                [
                    "envelope", "issuer", "keysJudgedAt", "keysJudgedAtSource", "minimumSignatures", "requiredRoles",
                    "rolesSigned", "validSignatures",
                ]
            ),
            .attTime: (AttestationTimeEvidence.self, ["asOf", "clockSkewSeconds", "evaluatedAt", "issuedAt"]),
            .cc1Peg: (PegEvidence.self, ["currency", "valuePerUnit"]),
            .cc1NoCryptoRef: (
                NoCryptoReferenceEvidence.self, ["cryptoassetLines", "cryptoassetValue", "stabilisation"]
            ),
            .rrtNet: (
                NetReservesEvidence.self,
                [
                    "aggregatePegValue", "countedReserves", "coverage", "excludedLines", "excludedValue", "margin",
                    "netReserves", "nonRedeemableShare", "nonRedeemableUnits", "otherClaims", "outstandingUnits",
                    "pegCurrency", "pegValuePerUnit",
                ]
            ),
            .rrtOC: (
                OvercollateralisationEvidence.self,
                [
                    "aggregatePegValue", "assumptions", "margin", "marketLossByLine", "missingData", "netReserves",
                    "overcollateralisationHeld", "overcollateralisationNeeded", "scenarios", "stressTable",
                    "worstScenario", "worstStressedNetReserves",
                ]
            ),
            .rrtQuality: (
                ReserveQualityEvidence.self,
                [
                    "bankMinimumRating", "countedReserves", "eligibleValue", "excludedLines", "fundsLookedThrough",
                    "ineligibleLines", "ineligibleShare", "ineligibleValue", "missingData",
                    "ownCurrencySovereignMinimumRating", "sovereignMinimumRating", "unknownValue",
                ]
            ),
            .rrtCcy: (
                CurrencyEvidence.self,
                [
                    "currencyAddOnPercent", "mismatchedLines", "mismatchedShare", "mismatchedValue", "pegCurrency",
                    "worstStressedNetReserves",
                ]
            ),
            .rrtGov: (ReserveGovernanceEvidence.self, ["operationalResilienceFramework", "reserveMandateUrl"]),
            .rrtDisclose: (
                DisclosureEvidence.self,
                [
                    "compositionFrequencyDays", "lastPublished", "lastPublishedDaysBeforeAsOf", "marginDays",
                    "maxCompositionDays", "maxDaysSinceLastPublished", "maxValueDays", "url", "valueFrequencyDays",
                ]
            ),
            .rrtAudit: (
                AuditEvidence.self,
                [
                    "asOf", "bankPolicy", "firm", "kind", "marginDays", "oldestAcceptablePeriodEnd", "opinion",
                    "otherAssurance", "periodEnd", "reportingLagMonths",
                ]
            ),
            .rrtLiquidity: (
                LiquidityEvidence.self,
                [
                    "aggregatePegValue", "requiredSameDayAssets", "requiredShare", "sameDayAssets", "sameDayLines",
                    "share",
                ]
            ),
            .rrtMaturity: (
                MaturityEvidence.self,
                ["excludedWithoutMaturity", "limitDays", "missingData", "weightedAverageMaturityDays"]
            ),
            .rrtTenor: (
                TenorEvidence.self,
                [
                    "depositMaxTermDays", "marginDays", "missingData", "overLimit", "reverseRepoMaxTenorDays",
                    "securityMaxResidualDays",
                ]
            ),
            .rrtConcentration: (
                ConcentrationEvidence.self,
                [
                    "aggregatePegValue", "coverageIfLargestCounterpartyFails", "largestCounterparty", "loss",
                    "lossGivenDefault", "margin", "stressedNetReserves", "unsecuredExposure",
                ]
            ),
            .cc1Supervised: (
                SupervisionEvidence.self,
                ["bankPolicy", "licence", "prudentialCapital", "prudentialLiquidity", "regulator"]
            ),
            .cc1Custody: (
                CustodyEvidence.self,
                ["balanceSheetCustodians", "custodianNotNamed", "notBankruptcyRemote", "notBankruptcyRemoteValue"]
            ),
            .cc2Legal: (LegalEvidence.self, ["jurisdictions", "missing", "opinionJurisdictions"]),
            .cc2Finality: (FinalityEvidence.self, ["settlementFinality"]),
            .cc2Redeem: (
                RedemptionEvidence.self,
                [
                    "bankRoute", "feePercent", "holders", "marginDays", "maxSettlementDays", "nonRedeemableUnits",
                    "settlementDays",
                ]
            ),
            .cc3Network: (NetworkEvidence.self, ["networks", "undescribed", "withoutRiskAssessment"]),
            .cc3Permissionless: (
                PermissionlessEvidence.self,
                ["bankAssessments", "permissionless", "treatment", "undescribed", "withoutStructuredMitigation"]
            ),
            .cc4Entities: (
                EntitiesEvidence.self, ["entities", "requiredRoles", "undetermined", "unregulated", "verifiedByBank"]
            ),
            .cc4Governance: (EntityGovernanceEvidence.self, ["withoutDisclosure"]),
            .g2aHedging: (
                HedgingEvidence.self,
                [
                    "averageMarketCapitalisationUSD", "minDailyVolumeUSD", "minMarketCapitalisationUSD",
                    "minPriceObservations", "priceObservations", "referencedByRegulatedProduct",
                    "trimmedMeanDailyVolumeUSD",
                ]
            ),
            .g2Limit: (
                Group2LimitEvidence.self,
                ["exposure", "otherGroup2Exposure", "share", "tier1Capital", "totalGroup2Exposure"]
            ),
            .g2bRiskWeight: (
                Group2bRiskWeightEvidence.self,
                ["capitalAt8Percent", "exposure", "group2AboveTwoPercentOfTier1", "riskWeight", "riskWeightedAssets"]
            ),
            .cnyPeg: (CNYPegEvidence.self, ["pegCurrency"]),
            .replay: (ReplayEvidence.self, ["admitted", "digest", "firstSeen"]),
            .rollback: (
                CoinHistoryEvidence.self,
                ["asOf", "latestAsOf", "latestDigest", "latestSequence", "maxSequenceStep", "sequence", "step"]
            ),
            .equivocation: (EquivocationEvidence.self, ["asOf", "conflictingDigests", "sequence"]),
            .sequenceJump: (
                CoinHistoryEvidence.self,
                ["asOf", "latestAsOf", "latestDigest", "latestSequence", "maxSequenceStep", "sequence", "step"]
            ),
            .stale: (StaleEvidence.self, ["ageDays", "evaluatedAt", "freshnessDays", "newestAsOf"]),
        ]
    }

    /// The keys a type declares: its stored members (a property wrapper's storage is `_name`).
    static func declaredKeys(_ evidence: any RuleEvidence) -> Set<String> {
        Set(
            Mirror(reflecting: evidence).children.compactMap(\.label).map {
                $0.hasPrefix("_") ? String($0.dropFirst()) : $0
            })
    }

    static let samples = ["harbor-usd-2026-10", "kizuna-yen-2026-10", "sakura-pay-2026-10", "tideline-usd-2026-10"]

    /// Every sample under every profile, with the bank's figures (so the capital rules speak) and
    /// without.
    static func sampleFindings() throws -> [Finding] {
        var findings: [Finding] = []
        for name in samples {
            let attestation = try ruleSample(name)
            for profile in Profile.all {
                let position = BankPosition(exposure: ruleAmount("1000000"), tier1Capital: ruleAmount("50000000"))
                for evaluator in [Evaluator(profile: profile), Evaluator(profile: profile, position: position)] {
                    findings += evaluator.evaluateDraft(attestation, at: RuleFixture.evaluatedAt).findings
                }
            }
        }
        return findings
    }

    @Test func everyRuleHasAnEvidenceTypeInTheCatalogue() {
        #expect(Set(Self.catalogue.keys) == Set(RuleID.allCases))
    }

    @Test func eachFindingOfTheSamplesCarriesItsRulesEvidenceTypeWithTheCataloguedKeys() throws {
        let findings = try Self.sampleFindings()
        var seen: Set<RuleID> = []
        for finding in findings {
            let entry = try #require(Self.catalogue[finding.rule])
            // A finding that stops before any figure (fails closed, not applicable) carries no figures.
            if finding.evidence is NoEvidence || finding.evidence is InexactEvidence { continue }
            seen.insert(finding.rule)
            #expect(
                ObjectIdentifier(type(of: finding.evidence)) == ObjectIdentifier(entry.type), "\(finding.rule.rawValue)"
            )
            #expect(Self.declaredKeys(finding.evidence) == Set(entry.keys), "\(finding.rule.rawValue)")
            let written = Set(finding.evidenceJSON.keys).subtracting(["bankPolicyReplacement"])
            #expect(written.isSubset(of: Set(entry.keys)), "\(finding.rule.rawValue): \(written)")
        }
        // The drafts reach the catalogue stage and the capital findings (SIG-TRUSTED and the history
        // rules need envelopes and a ledger: the golden test below and the CLI comparison cover them).
        #expect(seen.isSuperset(of: [.attTime, .rrtNet, .rrtOC, .rrtQuality, .g2Limit, .cc3Permissionless]))
    }

    @Test func theGoldenOutputWritesOnlyCataloguedKeys() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("CLITests/Golden/kizuna-yen.json")
        let data = try #require(FileManager.default.contents(atPath: url.path))
        let root = try JSONParser().parse([UInt8](data))
        var findings: [JSONObject] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .array(let items):
                for item in items { collect(item) }
            case .object(let object):
                if case .string? = object["rule"], case .object? = object["evidence"] { findings.append(object) }
                for entry in object.entries { collect(entry.value) }
            default: break
            }
        }
        collect(root)
        #expect(findings.count > 20)
        for finding in findings {
            guard case .string(let id)? = finding["rule"], let rule = RuleID(rawValue: id),
                case .object(let evidence)? = finding["evidence"]
            else {
                Issue.record("a golden finding without a known rule")
                continue
            }
            let keys = Set(try #require(Self.catalogue[rule]).keys + ["inexact", "bankPolicyReplacement"])
            #expect(Set(evidence.keys).isSubset(of: keys), "\(id): \(evidence.keys)")
        }
    }

    @Test func figuresAreWrittenInTheirFormatsAndAbsentOnesAreLeftOut() {
        var evidence = NetReservesEvidence()
        evidence.outstandingUnits = ruleMoney("30000000000.50")
        evidence.coverage = Decimal(2) / Decimal(3)
        evidence.excludedLines = []
        #expect(
            JSONWriter.write(.object(evidence.json), pretty: false)
                == #"{"coverage":"0.666667","excludedLines":[],"outstandingUnits":"30000000000.5"}"#)
        #expect(evidence.$coverage == "0.666667")
        #expect(evidence.$nonRedeemableShare == nil)

        var stressed = OvercollateralisationEvidence()
        stressed.margin = ruleMoney("-1.0000005")
        stressed.scenarios = [.init(name: "market", loss: Money(Decimal(1) / Decimal(3)), stressedNetReserves: 5)]
        stressed.marketLossByLine = LineLosses(["b": ruleMoney("0.1234565"), "a": 2])
        #expect(
            JSONWriter.write(.object(stressed.json), pretty: false)
                == #"{"margin":"-1","marketLossByLine":{"a":"2","b":"0.123456"},"#
                + #""scenarios":[{"loss":"0.333333","name":"market","stressedNetReserves":"5"}]}"#)
        #expect(stressed.marketLossByLine?["b"] == ruleMoney("0.1234565"))
    }

    @Test func timestampsAndIntegersAreWrittenAsBefore() {
        let at = Timestamp.parse("2026-11-22T00:00:00Z")!
        let evidence = StaleEvidence(newestAsOf: at, evaluatedAt: at, ageDays: "0.00", freshnessDays: 35)
        #expect(
            JSONWriter.write(.object(evidence.json), pretty: false)
                == #"{"ageDays":"0.00","evaluatedAt":"2026-11-22T00:00:00Z","freshnessDays":35,"#
                + #""newestAsOf":"2026-11-22T00:00:00Z"}"#)
        #expect(NoEvidence().json.count == 0)
    }
}
