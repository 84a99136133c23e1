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
