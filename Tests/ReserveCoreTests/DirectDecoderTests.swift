import Foundation
import TestSupport
import Testing

@testable import ReserveCore

/// The one-pass decoder (`DirectDecoder`) against the tree decoder: it may only accept what the
/// tree decoder accepts, and then must give the same attestation.
@Suite struct DirectDecoderTests {
    static let samples = ["harbor-usd-2026-10", "kizuna-yen-2026-10", "sakura-pay-2026-10", "tideline-usd-2026-10"]

    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("samples/payloads/\(name).json")))
    }

    /// The tree decoder's verdict (parse, then decode the tree), as before the direct decoder.
    static func tree(_ bytes: [UInt8], limits: DecodingLimits = .default) -> Result<
        Attestation, AttestationDecoder.Problems
    > {
        do {
            return AttestationDecoder(limits: limits).decodeAll(try JSONParser(maxDepth: limits.maxDepth).parse(bytes))
        } catch {
            return .failure(AttestationDecoder.Problems(problems: [error]))
        }
    }

    /// The direct decoder agrees with the tree: nil when the tree finds a problem, the same value otherwise.
    static func expectAgrees(
        _ bytes: [UInt8], limits: DecodingLimits = .default, mustDecode: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let direct = DirectDecoder.decode(bytes, limits: limits)
        switch tree(bytes, limits: limits) {
        case .success(let attestation):
            if mustDecode {
                #expect(direct != nil, "the direct decoder gave up on a valid payload", sourceLocation: sourceLocation)
            }
            if let direct { #expect(direct == attestation, sourceLocation: sourceLocation) }
        case .failure(let problems):
            #expect(
                direct == nil, "accepted what the tree rejects: \(problems.problems.first?.message ?? "")",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: samples)
    func decodesEverySampleAsTheTreeDoes(_ name: String) throws {
        Self.expectAgrees(try Self.sample(name), mustDecode: true)
    }

    @Test func fundHoldingsEscapesAndKeyOrderDecodeAsTheTreeDoes() throws {
        var text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
        // A fund with holdings, a key written with an escape, a value with escapes, keys in another order.
        text = text.replacingOccurrences(
            of: """
                { "id": "dep-1", "class": "bank-deposit",
                """,
            with: """
                { "custody": "segregated", "class": "money-market-fund", "\\u0069d": "mmf-1", "currency": "USD", "value": "10.00",
                  "name": "Fund \\"A\\" \\u00e9", "holdsOnlyEligible": true, "weightedAverageMaturityDays": 30,
                  "holdings": [ { "id": "h-1", "class": "central-bank-reserve", "currency": "USD", "value": "10.00", "custody": "segregated", "issuer": "US" } ] },
                { "id": "dep-1", "class": "bank-deposit",
                """)
        let bytes = Array(text.utf8)
        Self.expectAgrees(bytes, mustDecode: true)
        let decoded = try #require(DirectDecoder.decode(bytes, limits: .default))
        #expect(decoded.reserves[2].id == "mmf-1")
        #expect(decoded.reserves[2].name == "Fund \"A\" é")
        #expect(decoded.reserves[2].holdings?.first?.id == "h-1")
    }

    /// Payloads the tree rejects: the direct decoder gives up on each, and `decode` throws what the
    /// tree decoder finds, word for word.
    @Test(arguments: [
        ("\"sequence\": 58,", "\"sequence\": 58, \"sequence\": 58,"),  // duplicate key
        (
            "\"custody\": \"segregated\", \"callable\": true",
            "\"custody\": \"segregated\", \"callable\": true, \"callable\": true"
        ),
        ("\"tenorDays\": 1,", "\"tenorDays\": 1, \"holdsOnlyEligible\": true,"),  // a field another class uses
        ("\"rating\": \"AA+\", \"maturity\": \"2027-01-28\"", "\"rating\": \"AA+\", \"maturity\": \"2027-02-30\""),
        (
            "\"issuer\": \"US\", \"rating\": \"AA+\", \"maturity\": \"2027-01-28\"",
            "\"issuer\": \"USA\", \"rating\": \"AA+\", \"maturity\": \"2027-01-28\""
        ),
        ("\"value\": \"540000000.00\"", "\"value\": 540000000.00"),
        ("\"id\": \"dep-1\"", "\"id\": \"rrp-overnight\""),  // a reserve id used twice
        ("\"asOf\": \"2026-10-31T21:00:00Z\"", "\"asOf\": \"2026-11-30T21:00:00Z\""),  // after issuedAt
        ("\"format\": \"reserve-attestation/1\",", ""),
        ("\"reserves\": [", "\"reserves\": [], \"x\": ["),
        ("\"independent\": true }\n  ]\n}", "\"independent\": true }\n  ]\n} x"),
        // Scalars read in place (plain ASCII strings): each check as the tree's.
        ("\"id\": \"tbill-2027-01-28\"", "\"id\": \"tbill 2027-01-28\""),
        ("\"id\": \"tbill-2027-01-28\"", "\"id\": \"\""),
        (
            "\"class\": \"sovereign-bill\", \"currency\": \"USD\"",
            "\"class\": \"sovereign-bill\", \"currency\": \"usd\""
        ),
        (
            "\"class\": \"sovereign-bill\", \"currency\": \"USD\"",
            "\"class\": \"Sovereign-bill\", \"currency\": \"USD\""
        ),
        ("\"value\": \"3500000000.00\"", "\"value\": \"-3500000000.00\""),
        ("\"value\": \"3500000000.00\"", "\"value\": \"3500000000.\""),
        ("\"maturity\": \"2027-01-28\", \"custody\"", "\"maturity\": \"1927-01-28\", \"custody\""),
        ("\"issuer\": \"US\", \"rating\": \"AA+\"", "\"issuer\": \"US\", \"rating\": \"AA\\u007F\""),
        ("\"issuer\": \"US\", \"rating\": \"AA+\"", "\"issuer\": \"US\\u007F\", \"rating\": \"AA+\""),
        // A line's small objects, booleans and integers, read in place: each check as the tree's.
        (
            DirectDecoderTests.custodian,
            "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": true, \"regulated\": true }"
        ),
        (
            DirectDecoderTests.custodian,
            "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": true, \"rating\": \"A+\" }"
        ),
        (DirectDecoderTests.custodian, "\"custodian\": { \"regulated\": true }"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"\", \"regulated\": true }"),
        (DirectDecoderTests.custodian, "\"custodian\": \"Example Custody Bank\""),
        (DirectDecoderTests.custodian, "\"custodian\": [ { \"name\": \"Example Custody Bank\" } ]"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": \"yes\" }"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": null }"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": tru }"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": true, }"),
        (DirectDecoderTests.custodian, "\"custodian\": { \"name\": \"Example Custody Bank\" \"regulated\": true }"),
        (
            DirectDecoderTests.counterparty,
            "\"counterparty\": { \"name\": \"Example Bank N.A.\", \"rating\": \"Z\", \"regulated\": true }"
        ),
        (
            DirectDecoderTests.counterparty,
            "\"counterparty\": { \"name\": \"Example Bank N.A.\", \"rating\": \"A+\", \"regulated\": 1 }"
        ),
        (DirectDecoderTests.counterparty, "\"counterparty\": { \"name\": 7, \"rating\": \"A+\", \"regulated\": true }"),
        (DirectDecoderTests.counterparty, "\"counterparty\": { \"name\": \"Example Bank N.A.\", \"name\": \"Other\" }"),
        (DirectDecoderTests.counterparty, "\"counterparty\": { \"name\": \"Example Bank N.A.\", \"group\": \"\" }"),
        (DirectDecoderTests.collateralValue, ""),
        ("\"maturity\": \"2030-05-15\"", "\"maturity\": \"2030-02-30\""),
        (
            "\"collateral\": { \"class\": \"sovereign-bond\",",
            "\"collateral\": { \"class\": \"sovereign-bond\", \"class\": \"sovereign-bond\","
        ),
        ("\"collateral\": { \"class\": \"sovereign-bond\",", "\"collateral\": { \"class\": \"sovereign\","),
        (
            "\"collateral\": { \"class\": \"sovereign-bond\",",
            "\"collateral\": { \"class\": \"sovereign-bond\", \"tenorDays\": 1,"
        ),
        ("\"currency\": \"USD\", \"value\": \"1020000000.00\"", "\"currency\": \"US\", \"value\": \"1020000000.00\""),
        ("\"tenorDays\": 1,", "\"tenorDays\": 01,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": 1.0,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": 1e0,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": 36501,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": -1,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": 100000000000000000000,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": \"1\","),
        ("\"tenorDays\": 1,", "\"tenorDays\": true,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": 1x,"),
        ("\"tenorDays\": 1,", "\"tenorDays\": ,"),
        ("\"custody\": \"segregated\", \"callable\": true", "\"custody\": \"segregated\", \"callable\": false0"),
        ("\"custody\": \"segregated\", \"callable\": true", "\"custody\": \"segregated\", \"callable\": True"),
        ("\"custody\": \"segregated\", \"callable\": true", "\"custody\": \"segregated\", \"callable\": \"true\""),
        // The document's sections, walked in place.
        ("\"prudentialLiquidity\": true }", "\"prudentialLiquidity\": true, \"x\": 1 }"),
        ("\"prudentialLiquidity\": true }", "\"prudentialLiquidity\": \"yes\" }"),
        ("\"id\": \"harbor-usd\",", "\"id\": \"Harbor-USD\","),
        ("\"legalName\": \"Harbor Trust Company (fictional)\",", ""),
        (
            "\"issued\": \"800000000\", \"nonRedeemable\": \"0\"",
            "\"issued\": \"800000000\", \"nonRedeemable\": \"900000000\""
        ),
        ("\"feePercent\": \"0\"", "\"feePercent\": \"100.5\""),
        ("\"settlementDays\": 1,", "\"settlementDays\": 3651,"),
        ("\"stabilisation\": \"fiat-reserve\"", "\"stabilisation\": \"fiat\""),
        ("\"valuePerUnit\": \"1\" }", "\"valuePerUnit\": \"1\", \"currency\": \"USD\" }"),
        (
            "\"mitigationEvidence\": \"https://harbor.example/risk/solana/controls\" }",
            "\"mitigationEvidence\": \"https://harbor.example/risk/solana/controls\", \"mitigation\": { \"governance\": \"https://a.example\" } }"
        ),
        (
            "\"riskAssessment\": \"https://harbor.example/risk/ethereum\"",
            "\"riskAssessment\": \"http://harbor.example/risk/ethereum\""
        ),
        ("{ \"name\": \"solana\", \"permissionless\": true,", "{ \"name\": \"solana\", \"permissionless\": \"true\","),
        ("{ \"name\": \"solana\", \"permissionless\": true,", "{ \"name\": \"solana lana\", \"permissionless\": true,"),
        ("\"role\": \"issuer\"", "\"role\": \"issuer2\""),
        ("\"governanceDisclosure\": \"https://am.example/governance\"", "\"governanceDisclosure\": \"https://\""),
        ("\"settlementFinality\": true }", "\"settlementFinality\": true, \"jurisdictions\": [\"US\", \"us\"] }"),
        ("\"date\": \"2026-03-01\"", "\"date\": \"2026-3-01\""),
        ("\"operationalResilienceFramework\": true", "\"operationalResilienceFramework\": 1"),
        ("\"valueFrequencyDays\": 1,", "\"valueFrequencyDays\": 0,"),
        ("\"lastPublished\": \"2026-11-05T14:00:00Z\"", "\"lastPublished\": \"2026-11-05\""),
        ("\"opinionDate\": \"2026-03-15\"", "\"opinionDate\": \"2025-12-30\""),
        ("\"independent\": true },", "\"independent\": true, \"reportSha256\": \"abc\" },"),
        ("\"kind\": \"reserve-audit\"", "\"kind\": \"audit\""),
        ("\"amount\": \"2000000.00\"", "\"amount\": 2000000.00"),
        ("\"otherClaims\": [ {", "\"otherClaims\": [ 7, {"),
        ("\"entities\": [", "\"entities\": {"),
        (
            "\"governance\": { \"operationalResilienceFramework\"",
            "\"marketData\": { \"referencedByRegulatedProduct\": true }, \"governance\": { \"operationalResilienceFramework\""
        ),
    ])
    func givesUpWhereTheTreeFindsAProblem(_ edit: (String, String)) throws {
        let text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
        #expect(text.contains(edit.0), "the edit no longer applies to the sample")
        let bytes = Array(text.replacingOccurrences(of: edit.0, with: edit.1).utf8)
        #expect(DirectDecoder.decode(bytes, limits: .default) == nil)
        guard case .failure(let problems) = Self.tree(bytes) else {
            Issue.record("the tree decoder accepted the edited payload")
            return
        }
        #expect(AttestationDecoder().problems(in: bytes) == problems.problems)
    }

    /// A line without one of its required fields: the direct decoder (which writes a line's fields
    /// over placeholders and proves the required ones present by their bits) gives up, so no
    /// placeholder (a "segregated" custody, a zero value) is ever read as the issuer's word, and
    /// `decode` throws the tree's missing-field error for that line.
    @Test(arguments: [
        "\"id\": \"dep-1\", ", "\"class\": \"bank-deposit\", ", "\"currency\": \"USD\", ",
        "\"value\": \"540000000.00\", ", "\"custody\": \"segregated\", ",
    ])
    func givesUpOnALineWithoutARequiredField(_ field: String) throws {
        let text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
        let line =
            "{ \"id\": \"dep-1\", \"class\": \"bank-deposit\", \"currency\": \"USD\", \"value\": \"540000000.00\", "
            + "\"custody\": \"segregated\", \"callable\": true,"
        #expect(text.contains(line), "the edit no longer applies to the sample")
        let bytes = Array(
            text.replacingOccurrences(of: line, with: line.replacingOccurrences(of: field, with: "")).utf8)
        #expect(DirectDecoder.decode(bytes, limits: .default) == nil)
        guard case .failure(let problems) = Self.tree(bytes) else {
            Issue.record("the tree decoder accepted a line without \(field)")
            return
        }
        #expect(problems.problems.contains { $0.code == .missingField })
        #expect(AttestationDecoder().problems(in: bytes) == problems.problems)
    }

    static let custodian = "\"custodian\": { \"name\": \"Example Custody Bank\", \"regulated\": true }"
    static let counterparty =
        "\"counterparty\": { \"name\": \"Example Bank N.A.\", \"rating\": \"A+\", \"regulated\": true }"
    static let collateralValue = "\"value\": \"1020000000.00\", "

    /// A line's small objects, booleans and integers in other spellings the tree accepts: other
    /// key orders, optional fields, escapes, `false`, the ends of a range. The direct decoder reads
    /// them in place (or, for `-0`, leaves them to the tree) to the same attestation.
    @Test func smallObjectsBooleansAndIntegersDecodeAsTheTreeDoes() throws {
        let text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
        let edits: [(String, String)] = [
            (
                Self.custodian,
                "\"custodian\": { \"group\": \"Example Group\", \"regulated\": false, \"name\": \"Example \\u0043ustody Bank\" }"
            ),
            (
                Self.counterparty,
                "\"counterparty\": { \"regulated\": false, \"group\": \"G\", \"name\": \"Example Bank N.A.\" }"
            ),
            (
                "\"collateral\": { \"class\": \"sovereign-bond\", \"issuer\": \"US\", \"rating\": \"AA+\",",
                "\"collateral\": { \"issuer\": \"US\", \"class\": \"sovereign-bond\","
            ),
            ("\"tenorDays\": 1,", "\"tenorDays\": 36500,"),
            ("\"custody\": \"segregated\", \"callable\": true", "\"custody\": \"segregated\", \"callable\" :false "),
        ]
        var edited = text
        for (old, new) in edits {
            #expect(edited.contains(old), "the edit no longer applies to the sample: \(old)")
            edited = edited.replacingOccurrences(of: old, with: new)
        }
        let bytes = Array(edited.utf8)
        Self.expectAgrees(bytes, mustDecode: true)
        let decoded = try #require(DirectDecoder.decode(bytes, limits: .default))
        let bill = decoded.reserves[0]
        let repo = decoded.reserves[1]
        let deposit = decoded.reserves[2]
        #expect(bill.custodian?.name == "Example Custody Bank")
        #expect(bill.custodian?.group == "Example Group")
        #expect(bill.custodian?.regulated == false)
        #expect(repo.tenorDays == 36500)
        #expect(repo.collateral?.rating == nil)
        #expect(repo.collateral?.issuer == "US")
        #expect(repo.collateral?.maturity == CivilDate(year: 2030, month: 5, day: 15))
        #expect(deposit.callable == false)
        #expect(deposit.counterparty?.group == "G")
        #expect(deposit.counterparty?.rating == nil)

        // Zero, and the tree's reading of `-0`, which the direct decoder leaves to the tree.
        for spelling in ["0", "-0"] {
            let zero = Array(
                text.replacingOccurrences(of: "\"tenorDays\": 1,", with: "\"tenorDays\": \(spelling),").utf8)
            Self.expectAgrees(zero, mustDecode: spelling == "0")
            #expect(try AttestationDecoder().decode(zero).reserves[1].tenorDays == 0)
        }
    }

    /// The sections' optional parts the samples leave out (an issuer's group, a network's
    /// mitigation, legal jurisdictions, a report digest, market data, empty lists) decode as the
    /// tree decodes them; an empty `outstanding` list is refused as the tree refuses it.
    @Test func sectionsDecodeAsTheTreeDoes() throws {
        let text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
        let edits: [(String, String)] = [
            ("\"jurisdiction\": \"US\",\n", "\"jurisdiction\": \"US\", \"group\": \"Harbor Group\",\n"),
            (
                "\"mitigationEvidence\": \"https://harbor.example/risk/solana/controls\" }",
                "\"mitigationEvidence\": \"https://harbor.example/risk/solana/controls\", \"mitigation\": { "
                    + "\"amlCft\": \"https://a.example/aml\", \"governance\": \"https://a.example/g\", "
                    + "\"technology\": \"https://a.example/t\", \"settlementFinality\": \"https://a.example/f\" } }"
            ),
            ("\"settlementFinality\": true }", "\"settlementFinality\": false, \"jurisdictions\": [\"US\", \"GB\"] }"),
            (
                "\"independent\": true },",
                "\"independent\": true, \"reportSha256\": \"\(String(repeating: "0a", count: 32))\" },"
            ),
            (
                "\"governance\": { \"operationalResilienceFramework\"",
                "\"marketData\": { \"priceObservations\": 100000, \"referencedByRegulatedProduct\": false, "
                    + "\"averageMarketCapitalisationUSD\": \"100\", \"trimmedMeanDailyVolumeUSD\": \"5.5\" }, "
                    + "\"governance\": { \"operationalResilienceFramework\""
            ),
        ]
        var edited = text
        for (old, new) in edits {
            #expect(edited.contains(old), "the edit no longer applies to the sample: \(old)")
            edited = edited.replacingOccurrences(of: old, with: new)
        }
        let good = Array(edited.utf8)
        Self.expectAgrees(good, mustDecode: true)
        let decoded = try #require(DirectDecoder.decode(good, limits: .default))
        #expect(decoded.issuer.group == "Harbor Group")
        #expect(decoded.token.networks?[1].mitigation?.amlCft == "https://a.example/aml")
        #expect(decoded.legal?.jurisdictions == ["US", "GB"])
        #expect(decoded.legal?.settlementFinality == false)
        #expect(decoded.assurance?[0].reportSha256 == String(repeating: "0a", count: 32))
        #expect(decoded.marketData?.priceObservations == 100_000)
        #expect(decoded.marketData?.trimmedMeanDailyVolumeUSD.description == "5.5")

        // Empty lists where the format allows them.
        let emptyLists = Array(
            text.replacingOccurrences(
                of:
                    "\"otherClaims\": [ { \"description\": \"accrued operating expenses secured on reserves\", \"amount\": \"2000000.00\" } ],",
                with: "\"otherClaims\": [ ],"
            ).replacingOccurrences(
                of:
                    "\"legal\": { \"opinions\": [ { \"jurisdiction\": \"US\", \"firm\": \"Example LLP\", \"date\": \"2026-03-01\" } ], \"settlementFinality\": true },",
                with: "\"legal\": { \"opinions\": [], \"jurisdictions\": [ ] },"
            ).utf8)
        Self.expectAgrees(emptyLists, mustDecode: true)
        let emptyDecoded = try #require(DirectDecoder.decode(emptyLists, limits: .default))
        #expect(emptyDecoded.otherClaims == [])
        #expect(emptyDecoded.legal?.opinions == [])
        #expect(emptyDecoded.legal?.settlementFinality == nil)

        // No outstanding units listed: refused, word for word as the tree refuses it.
        let start = try #require(text.range(of: "\"outstanding\": ["))
        let end = try #require(text.range(of: "\"networks\": ["))
        var noOutstanding = text
        noOutstanding.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\"outstanding\": [ ],\n    ")
        let refused = Array(noOutstanding.utf8)
        #expect(DirectDecoder.decode(refused, limits: .default) == nil)
        guard case .failure(let problems) = Self.tree(refused) else {
            Issue.record("the tree decoder accepted an empty outstanding list")
            return
        }
        #expect(problems.problems.first?.code == .emptyCollection)
        #expect(AttestationDecoder().problems(in: refused) == problems.problems)
    }

    /// Keys and values with escapes are not read in place; they decode through the parser's
    /// strings as before, to the same attestation.
    @Test func escapedKeysAndValuesDecodeAsTheTreeDoes() throws {
        let text = String(decoding: try Self.sample("harbor-usd-2026-10"), as: UTF8.self)
            .replacingOccurrences(of: "\"class\": \"sovereign-bill\"", with: "\"class\": \"sovereign\\u002dbill\"")
            .replacingOccurrences(of: "\"value\": \"3500000000.00\"", with: "\"valu\\u0065\": \"3500000000\\u002e00\"")
            .replacingOccurrences(of: "\"maturity\": \"2027-01-28\"", with: "\"maturity\": \"2027\\u002d01-28\"")
        #expect(text.contains("\\u002dbill") && text.contains("valu\\u0065") && text.contains("2027\\u002d01"))
        Self.expectAgrees(Array(text.utf8), mustDecode: true)
    }

    /// A string limit below a field's length refuses it as the tree does.
    @Test func keepsTheStringLimitOnValuesReadInPlace() throws {
        let bytes = try Self.sample("harbor-usd-2026-10")
        for limit in [1, 2, 3, 9, 4096] {
            var limits = DecodingLimits.default
            limits.maxStringBytes = limit
            Self.expectAgrees(bytes, limits: limits, mustDecode: limit == 4096)
        }
    }

    @Test func keepsTheDepthAndValueLimits() throws {
        let bytes = try Self.sample("harbor-usd-2026-10")
        var shallow = DecodingLimits.default
        shallow.maxDepth = 3
        #expect(DirectDecoder.decode(bytes, limits: shallow) == nil)
        Self.expectAgrees(bytes, limits: shallow)
        var deepEnough = DecodingLimits.default
        deepEnough.maxDepth = 4
        Self.expectAgrees(bytes, limits: deepEnough, mustDecode: true)
        var fewLines = DecodingLimits.default
        fewLines.maxReserveLines = 2
        #expect(DirectDecoder.decode(bytes, limits: fewLines) == nil)
        // More values than the density bound allows: many small values in few bytes.
        let many = "[" + Array(repeating: "0", count: JSONParser.freeValues + 10).joined(separator: ",") + "]"
        let dense = Array(
            String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                of: "\"sequence\": 58,", with: "\"sequence\": 58, \"x\": \(many),"
            ).utf8)
        Self.expectAgrees(dense)
    }

    /// Every single-byte change of every sample (a deterministic sample of them): the direct
    /// decoder never accepts what the tree rejects, and agrees with it on what it accepts.
    @Test(arguments: samples)
    func agreesWithTheTreeOnMutations(_ name: String) throws {
        let original = try Self.sample(name)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("{}[]\":,0123456789.-eE tfnul\\abcxyzAZ\u{7F}".utf8) + [0x00, 0x0A, 0xC3, 0xE9, 0xFF]
        for _ in 0..<300 {
            var bytes = original
            let position = next() % bytes.count
            switch next() % 3 {
            case 0: bytes[position] = alphabet[next() % alphabet.count]
            case 1: bytes.remove(at: position)
            default: bytes.insert(alphabet[next() % alphabet.count], at: position)
            }
            Self.expectAgrees(bytes)
        }
    }
}
