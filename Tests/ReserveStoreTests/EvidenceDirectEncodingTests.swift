import BenchmarkFixtures
import Foundation
import TestSupport
import Testing

@testable import ReserveCore
@testable import ReserveStore

/// Issue 13: a finding's evidence is written into a record straight from its typed evidence
/// (``EvidenceCoding/Encoder/value(_:)-(Finding)``), with no JSON object; the bytes, string table
/// and value ends must be those of its JSON object (``Finding/evidenceJSON``) encoded as before,
/// for every evidence type and value, or the ledger's hashes would move.
@Suite struct EvidenceDirectEncodingTests {
    /// Both ways, the findings in one record's order (the string table is shared between them).
    static func encodings(_ findings: [Finding]) -> (direct: EvidenceCoding.Encoder, tree: EvidenceCoding.Encoder) {
        var direct = EvidenceCoding.Encoder()
        var tree = EvidenceCoding.Encoder()
        for finding in findings {
            direct.value(finding)
            tree.value(finding.evidenceJSON)
        }
        return (direct, tree)
    }

    /// Expects the same bytes, table and ends both ways, written directly (no fallback).
    static func expectSame(
        _ findings: [Finding], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (direct, tree) = encodings(findings)
        #expect(direct.bytes == tree.bytes, comment, sourceLocation: sourceLocation)
        #expect(direct.table == tree.table, comment, sourceLocation: sourceLocation)
        #expect(direct.ends == tree.ends, comment, sourceLocation: sourceLocation)
        #expect(direct.fallbacks == 0, comment, sourceLocation: sourceLocation)
        #expect(tree.ends.count == findings.count, sourceLocation: sourceLocation)
        // Each finding alone too (its own table), and as the JSON text of the index rows.
        for finding in findings {
            #expect(
                finding.evidenceText == JSONWriter.write(.object(finding.evidenceJSON), pretty: false),
                "\(finding.rule.rawValue)", sourceLocation: sourceLocation)
            #expect(
                EvidenceJSONText.text(of: finding.evidence, bankPolicyReplacement: finding.bankPolicyReplacement)
                    != nil,
                "\(finding.rule.rawValue)", sourceLocation: sourceLocation)
            let (one, other) = encodings([finding])
            #expect(
                one.bytes == other.bytes && one.table == other.table, "\(finding.rule.rawValue)",
                sourceLocation: sourceLocation)
        }
    }

    /// The same findings with a bank policy's replacement recorded on each.
    static func replaced(_ findings: [Finding], _ text: String = "bank policy 4.2 (replaces 2%)") -> [Finding] {
        findings.map {
            var finding = $0
            finding.bankPolicyReplacement = text
            return finding
        }
    }

    static func amount(_ text: String) -> Amount {
        guard case .success(let amount) = Amount.parse(text) else { preconditionFailure("not a decimal: \(text)") }
        return amount
    }

    /// An exact figure from text (through `Decimal`, as the money evidence tests make them).
    static func money(_ text: String) -> Money { Money(Decimal(string: text, locale: nil)!) }

    static let evaluatedAt = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant

    @Test func everySamplesFindingsUnderEveryProfileEncodeTheSameBothWays() throws {
        let folder = packageRoot.appendingPathComponent("samples/payloads")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 4)
        // The example bank policy replaces calibrations: its findings carry `bankPolicyReplacement`.
        let policyPath = packageRoot.appendingPathComponent("policy/example-bank.json").path
        let policy = try BankPolicy.decode(
            [UInt8](try #require(FileManager.default.contents(atPath: policyPath))),
            sha256: String(repeating: "ab", count: 32))
        var rules: Set<RuleID> = []
        var replacements = 0
        for name in names.sorted() {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            let attestation = try AttestationDecoder().decode([UInt8](data))
            for profile in Profile.all + [Profile.bcbs.applying(policy)] {
                let position = BankPosition(exposure: Self.amount("1000000"), tier1Capital: Self.amount("50000000"))
                for evaluator in [Evaluator(profile: profile), Evaluator(profile: profile, position: position)] {
                    let findings = evaluator.evaluateDraft(attestation, at: Self.evaluatedAt).findings
                    rules.formUnion(findings.map(\.rule))
                    replacements += findings.filter { $0.bankPolicyReplacement != nil }.count
                    Self.expectSame(findings, "\(name) \(profile.name)")
                    Self.expectSame(Self.replaced(findings), "\(name) \(profile.name), bank policy")
                }
            }
        }
        #expect(rules.count > 20)
        #expect(replacements > 0)
    }

    @Test(arguments: [3, 40]) func theBenchmarkPayloadsEncodeTheSameBothWays(lines: Int) throws {
        for sequence in 1...3 {
            let payload = PayloadFactory.payload(
                issuer: "bench-ec-000", token: "TK0000", sequence: sequence, lines: lines)
            let attestation = try AttestationDecoder().decode(payload)
            for profile in Profile.all {
                let findings = Evaluator(profile: profile).evaluateDraft(attestation, at: PayloadFactory.evaluatedAt)
                    .findings
                Self.expectSame(findings, "\(lines) lines, \(profile.name)")
            }
        }
    }

    /// Signed envelopes decided against histories: SIG-TRUSTED, REPLAY, ROLLBACK, SEQUENCE-JUMP,
    /// EQUIVOCATION and STALE carry their own evidence.
    @Test func theHistoryAndSignatureFindingsEncodeTheSameBothWays() throws {
        let coin = try CoinFactory()
        let at = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant
        let input = try coin.input(try coin.envelope(sequence: 12), at: at)
        let asOf = Timestamp.parse("2026-10-31T15:00:00Z")!  // constant
        let histories = [
            HistorySnapshot(),
            HistorySnapshot.unrecorded,
            HistorySnapshot(recorded: .init(admitted: true, firstSeen: asOf)),
            HistorySnapshot(latestAccepted: .init(sequence: 14, asOf: asOf, digest: String(repeating: "a", count: 64))),
            HistorySnapshot(latestAccepted: .init(sequence: 1, asOf: asOf, digest: "b")),
            HistorySnapshot(sameSequenceDigests: ["c", "d", "ü"]),
        ]
        var rules: Set<RuleID> = []
        for history in histories {
            let findings = input.evaluator.evaluate(input.item.verified, history: history, at: at).findings
            rules.formUnion(findings.map(\.rule))
            Self.expectSame(findings)
            Self.expectSame(Self.replaced(findings, "ä"))
        }
        #expect(rules.isSuperset(of: [.sigTrusted, .replay, .rollback, .sequenceJump, .equivocation, .stale]))
    }

    /// Hand-made values of every evidence type: absent and present members, empty arrays, large
    /// and negative amounts, non-ASCII and escaped strings, strings that are also keys, counts
    /// of 128 and more (a two-byte count).
    static var edgeEvidence: [any RuleEvidence] {
        let at = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant
        let big = money("99999999999999999999999999999999999999")
        let tiny = money("-0.0000000000000000000000000000000000001")
        let third = Decimal(1) / Decimal(3)
        let texts = ["", "margin", "ä", "e\u{301}", "é", "Z", "a\"b\\c\n\u{1}", "日本円", "🪙", "x"]
        let many = (0..<200).map { "line-\($0)" }
        var losses: [String: Money] = [:]
        for (i, id) in (texts + many).enumerated() where !id.isEmpty { losses[id] = Money(i, exponent: -7) }
        var all: [any RuleEvidence] = [
            NoEvidence(),
            InexactEvidence(inexact: "coverage: 1/3 does not terminate"),
            AttestationTimeEvidence(),
            AttestationTimeEvidence(issuedAt: at, asOf: at, evaluatedAt: at, clockSkewSeconds: Int64.min),
            AuditEvidence(),
            AuditEvidence(
                asOf: "2026-10-31", oldestAcceptablePeriodEnd: "2026-06-30", reportingLagMonths: 0, kind: "audit",
                firm: "ä", otherAssurance: [], periodEnd: "margin", opinion: "unqualified", bankPolicy: "",
                marginDays: -1),
            CNYPegEvidence(pegCurrency: "CNY"),
            CoinHistoryEvidence(sequence: 1, asOf: at),
            CoinHistoryEvidence(
                sequence: Int.max, asOf: at, latestSequence: Int.min, latestAsOf: at, latestDigest: "d",
                maxSequenceStep: 100, step: 0),
            ConcentrationEvidence(),
            ConcentrationEvidence(
                lossGivenDefault: big, aggregatePegValue: tiny, margin: -big, largestCounterparty: "日本円",
                unsecuredExposure: 0, loss: big, stressedNetReserves: tiny, coverageIfLargestCounterpartyFails: third),
            CurrencyEvidence(),
            CurrencyEvidence(
                pegCurrency: "USD", mismatchedValue: big, mismatchedShare: third, mismatchedLines: many,
                currencyAddOnPercent: 10, worstStressedNetReserves: tiny),
            CustodyEvidence(),
            CustodyEvidence(
                notBankruptcyRemote: [
                    .init(id: "a", custodian: nil, reason: "r"), .init(id: "b", custodian: "c", reason: ""),
                ],
                notBankruptcyRemoteValue: big, balanceSheetCustodians: texts, custodianNotNamed: []),
            DisclosureEvidence(),
            DisclosureEvidence(
                maxValueDays: 1, maxCompositionDays: 2, valueFrequencyDays: 3, compositionFrequencyDays: 4,
                url: "https://x.example/?a=\"b\"", lastPublished: "2026-11-02", lastPublishedDaysBeforeAsOf: -2,
                maxDaysSinceLastPublished: 0, marginDays: 5),
            EntitiesEvidence(),
            EntitiesEvidence(
                entities: 0, requiredRoles: [], verifiedByBank: texts, unregulated: ["margin"], undetermined: many),
            EntityGovernanceEvidence(),
            EntityGovernanceEvidence(withoutDisclosure: texts),
            EquivocationEvidence(sequence: 0, asOf: at),
            EquivocationEvidence(sequence: -5, asOf: at, conflictingDigests: many),
            FinalityEvidence(settlementFinality: false),
            Group2LimitEvidence(
                exposure: 0, otherGroup2Exposure: tiny, totalGroup2Exposure: big, tier1Capital: 1, share: third),
            Group2bRiskWeightEvidence(
                exposure: big, riskWeight: "1250%", riskWeightedAssets: 0, capitalAt8Percent: tiny),
            Group2bRiskWeightEvidence(
                exposure: 1, riskWeight: "", riskWeightedAssets: 2, capitalAt8Percent: 3,
                group2AboveTwoPercentOfTier1: true),
            HedgingEvidence(),
            HedgingEvidence(
                minMarketCapitalisationUSD: big, minDailyVolumeUSD: 0, minPriceObservations: 250,
                referencedByRegulatedProduct: false, averageMarketCapitalisationUSD: tiny,
                trimmedMeanDailyVolumeUSD: 1, priceObservations: 0),
            LegalEvidence(),
            LegalEvidence(jurisdictions: texts, opinionJurisdictions: [], missing: ["margin", "margin"]),
            LiquidityEvidence(),
            LiquidityEvidence(
                sameDayAssets: money("1.0000005"), sameDayLines: many, aggregatePegValue: big,
                requiredShare: money("0.2"), share: third, requiredSameDayAssets: tiny),
            MaturityEvidence(),
            MaturityEvidence(
                limitDays: 60, missingData: [], excludedWithoutMaturity: texts, weightedAverageMaturityDays: "12.5"),
            NetReservesEvidence(),
            NetReservesEvidence(
                outstandingUnits: big, nonRedeemableUnits: 0, nonRedeemableShare: 0, pegValuePerUnit: 1,
                pegCurrency: "JPY", aggregatePegValue: big, countedReserves: tiny, excludedLines: [],
                excludedValue: -big, otherClaims: 0, netReserves: tiny, margin: -1, coverage: third),
            NetworkEvidence(),
            NetworkEvidence(networks: texts, undescribed: [], withoutRiskAssessment: many),
            NoCryptoReferenceEvidence(),
            NoCryptoReferenceEvidence(cryptoassetLines: [], stabilisation: "fiat", cryptoassetValue: 0),
            OvercollateralisationEvidence(),
            OvercollateralisationEvidence(
                scenarios: [], marketLossByLine: LineLosses([:]), stressTable: "", aggregatePegValue: 0,
                netReserves: 0, assumptions: [], missingData: [], worstScenario: "", worstStressedNetReserves: 0,
                margin: 0, overcollateralisationHeld: 0, overcollateralisationNeeded: 0),
            OvercollateralisationEvidence(
                scenarios: (0..<130).map {
                    .init(
                        name: "s\($0)", loss: Money($0, exponent: -9), stressedNetReserves: -big,
                        coverage: $0 % 2 == 0 ? nil : third, defaultedCounterparty: $0 % 3 == 0 ? nil : "ä")
                },
                marketLossByLine: LineLosses(losses), stressTable: "bcbs-2026", aggregatePegValue: big,
                netReserves: tiny, assumptions: texts, missingData: many, worstScenario: "s1",
                worstStressedNetReserves: money("-1.0000005"), margin: money("0.0000025"),
                overcollateralisationHeld: third, overcollateralisationNeeded: Decimal(string: "0.1", locale: nil)!),
            PegEvidence(currency: "USD", valuePerUnit: money("0.01")),
            PermissionlessEvidence(),
            PermissionlessEvidence(
                bankAssessments: [
                    .init(network: "ethereum", mitigated: true, reason: "ä", approver: "CRO", date: "2026-01-01"),
                    .init(network: "", mitigated: false, reason: "", approver: "", date: ""),
                ],
                treatment: "group2b", undescribed: [], permissionless: texts, withoutStructuredMitigation: many),
            RedemptionEvidence(),
            RedemptionEvidence(
                maxSettlementDays: 5, holders: "all", settlementDays: 1, feePercent: money("0.1"),
                nonRedeemableUnits: big, bankRoute: "direct", marginDays: 4),
            ReplayEvidence(digest: "digest", firstSeen: at, admitted: true),
            ReserveGovernanceEvidence(),
            ReserveGovernanceEvidence(operationalResilienceFramework: true, reserveMandateUrl: "https://ä.example"),
            ReserveQualityEvidence(),
            ReserveQualityEvidence(
                ineligibleLines: [
                    .init(id: "a", value: big, reason: "r"), .init(id: "ä", value: tiny, reason: "margin"),
                ],
                missingData: [.init(id: "b", missing: "rating")], countedReserves: 0, eligibleValue: 1,
                ineligibleValue: 2, unknownValue: 3, fundsLookedThrough: [], excludedLines: many,
                sovereignMinimumRating: "AA-", ownCurrencySovereignMinimumRating: "A", bankMinimumRating: "",
                ineligibleShare: third),
            SignatureTrustEvidence(),
            SignatureTrustEvidence(
                requiredRoles: ["issuer"], rolesSigned: [], keysJudgedAt: at, envelope: "dsse", validSignatures: 0,
                minimumSignatures: 2, keysJudgedAtSource: "first-seen", issuer: "日本円"),
            StaleEvidence(newestAsOf: at, evaluatedAt: at, ageDays: "0.00", freshnessDays: 35),
            SupervisionEvidence(),
            SupervisionEvidence(
                regulator: "FSA", licence: "", bankPolicy: "margin", prudentialCapital: false, prudentialLiquidity: true
            ),
            TenorEvidence(),
            TenorEvidence(
                overLimit: (0..<129).map { .init(id: "l\($0)", days: $0, limitDays: -$0, what: "deposit") },
                depositMaxTermDays: 90, securityMaxResidualDays: 397, reverseRepoMaxTenorDays: 0, marginDays: -3,
                missingData: texts),
        ]
        // Every figure format in one evidence: a member string that is also a key of others.
        all.append(CurrencyEvidence(pegCurrency: "pegCurrency"))
        return all
    }

    /// Typed evidence keeps canonically equal texts of different bytes apart in the string table,
    /// as the JSON object does (``CompactRecordTests`` reads them back).
    @Test func canonicallyEqualTextsOfDifferentBytesAreTwoTableEntries() {
        let composed = "Caf\u{E9}"
        let decomposed = "Cafe\u{301}"
        var custody = CustodyEvidence()
        custody.balanceSheetCustodians = [composed, decomposed]
        let finding = Finding(.cc1Custody, .pass, "m", basis: .declared, evidence: custody)
        let (typed, tree) = Self.encodings([finding])
        #expect(typed.fallbacks == 0)
        #expect(typed.bytes == tree.bytes)
        #expect(typed.table.map { Array($0.utf8) } == tree.table.map { Array($0.utf8) })
        #expect(
            typed.table.filter { $0 == composed }.map { Array($0.utf8) }
                == [composed, decomposed].map { Array($0.utf8) })
    }

    @Test func handMadeEvidenceOfEveryTypeEncodesTheSameBothWays() {
        let evidence = Self.edgeEvidence
        // Every type of the catalogue is among them.
        let types = Set(evidence.map { ObjectIdentifier(type(of: $0)) })
        #expect(types.count == 34)
        let findings = evidence.map { Finding(.rrtNet, .pass, "m", basis: .declared, evidence: $0) }
        Self.expectSame(findings)
        Self.expectSame(Self.replaced(findings))
        Self.expectSame(Self.replaced(findings, ""))
        Self.expectSame(Self.replaced(findings, "margin"))
        for finding in findings { Self.expectSame(Self.replaced([finding], "日本円 \"policy\"")) }
    }

    /// Evidence whose hand-written member order breaks the format (out of order, a value without
    /// a key, an open container, two values): its writing is undone and its JSON object written
    /// instead, the same bytes.
    struct Misordered: RuleEvidence {
        var b: Int? = 1
        var a: String? = "x"
        var mode = 0

        func write<W: EvidenceWriter>(to writer: inout W) {
            writer.beginObject()
            switch mode {
            case 0:
                writer.member("b", b)
                writer.member("a", a)
            case 1:
                writer.member("a", a)
                writer.string("no key")
            case 2:
                writer.member("a", a)
                writer.key("b")
                writer.beginArray()
            case 3:
                writer.member("a", a)
                writer.member("b", b)
                writer.endObject()
                writer.beginObject()
            default:
                writer.member("a", a)
                writer.member("a", a)
                writer.member("b", b)
            }
            writer.endObject()
        }
    }

    @Test(arguments: 0...4) func evidenceWrittenOutOfOrderFallsBackToItsJSONObject(mode: Int) {
        let good = Finding(.rrtNet, .pass, "m", basis: .declared, evidence: PegEvidence(currency: "a", valuePerUnit: 1))
        let bad = Finding(.rrtNet, .fail, "m", basis: .declared, evidence: Misordered(mode: mode))
        for findings in [[good, bad, good], Self.replaced([bad, good]), [bad]] {
            let (direct, tree) = Self.encodings(findings)
            #expect(direct.fallbacks == findings.filter { $0.evidence is Misordered }.count)
            #expect(direct.bytes == tree.bytes)
            #expect(direct.table == tree.table)
            #expect(direct.ends == tree.ends)
            for finding in findings {
                #expect(finding.evidenceText == JSONWriter.write(.object(finding.evidenceJSON), pretty: false))
                let text = EvidenceJSONText.text(
                    of: finding.evidence, bankPolicyReplacement: finding.bankPolicyReplacement)
                #expect((text == nil) == (finding.evidence is Misordered))
            }
        }
    }

    /// A bank policy's replacement under a key the evidence also has: the JSON object replaces
    /// the member's value, so the direct writing falls back to it.
    struct HasReplacementKey: RuleEvidence {
        var bankPolicyReplacement = "the evidence's own"

        func write<W: EvidenceWriter>(to writer: inout W) {
            writer.beginObject()
            writer.member("bankPolicyReplacement", bankPolicyReplacement)
            writer.endObject()
        }
    }

    @Test func aReplacementUnderAnEvidenceKeyIsTheJSONObjects() {
        let finding = Finding(.rrtNet, .pass, "m", basis: .declared, evidence: HasReplacementKey())
        Self.expectSame([finding])
        let (direct, tree) = Self.encodings(Self.replaced([finding]))
        #expect(direct.fallbacks == 1)
        #expect(direct.bytes == tree.bytes && direct.table == tree.table)
        #expect(direct.table.contains("bank policy 4.2 (replaces 2%)") && !direct.table.contains("the evidence's own"))
        let replaced = Self.replaced([finding])[0]
        #expect(
            EvidenceJSONText.text(of: replaced.evidence, bankPolicyReplacement: replaced.bankPolicyReplacement) == nil)
        #expect(replaced.evidenceText == #"{"bankPolicyReplacement":"bank policy 4.2 (replaces 2%)"}"#)
    }

    /// A record holding findings (``CompactRecord/Evidence/finding(_:)``) has the bytes of one
    /// holding their JSON objects, and reads back to it.
    @Test func aRecordOfFindingsIsTheRecordOfTheirJSONObjects() {
        let findings = Self.replaced(
            Self.edgeEvidence.map { Finding(.rrtNet, .fail, "m", basis: .declared, evidence: $0) }, "p")
        func record(_ evidence: (Finding) -> CompactRecord.Evidence) -> CompactRecord {
            CompactRecord.fixture(findings: findings, evidence: evidence)
        }
        let direct = record { .finding($0) }
        let tree = record { .object($0.evidenceJSON) }
        #expect(direct.encoded() == tree.encoded())
        #expect(direct == tree)
        #expect(CompactRecord.decode(direct.encoded()) == tree)
        #expect(direct.findings.map(\.evidence.text) == tree.findings.map(\.evidence.text))
        // A differing finding's evidence is not equal.
        var other = findings[1]
        other.evidence = PegEvidence(currency: "USD", valuePerUnit: 2)
        #expect(CompactRecord.Evidence.finding(other) != .finding(findings[1]))
    }
}
