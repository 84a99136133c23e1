import Foundation
import ReserveCore
import Testing

/// The parts every strict reader shares: where a problem is (``ReaderLocation``), how it is
/// worded (``ReaderProblem``), the type mismatches (``ExpectedType``) and the limits declared once
/// (``ReaderLimits``), applied by the trust file's and the TSA file's readers.
@Suite struct StrictReaderLayerTests {
    @Test func aLocationIsAJSONPathOrAFileAndLine() {
        #expect(ReaderLocation.path(.root.key("reserves").index(3).key("value")).description == "reserves[3].value")
        #expect(ReaderLocation.path(.root).description == "(document)")
        #expect(ReaderLocation.line(file: "watch.yaml", line: 7).description == "watch.yaml:7")
        #expect(ReaderLocation.line(file: "watch.yaml", line: nil).description == "watch.yaml")
    }

    @Test func aProblemIsReportedAsLocationThenMessageWithItsCode() {
        let json = ReaderProblem(.missingField, .path(.root.key("asOf")), "required field is missing").error
        #expect(json == VerifierError(.missingField, "asOf: required field is missing"))
        let yaml = ReaderProblem(.invalidConfiguration, .line(file: "job.yaml", line: 4), "token must be x").error
        #expect(yaml == VerifierError(.invalidConfiguration, "job.yaml:4: token must be x"))
    }

    @Test func aTypeMismatchIsWordedOneWayPerSyntax() {
        let json = ExpectedType.allCases.map { $0.mismatch(found: "number") }
        #expect(
            json == [
                "expected an object, found number", "expected an array, found number",
                "expected a string, found number", "expected an integer, found number",
                "expected true or false, found number", "expected a decimal string, found number",
                "expected a number of seconds, found number",
            ])
        #expect(ExpectedType.object.requirement("http") == "http must be a mapping")
        #expect(ExpectedType.array.requirement("coins") == "coins must be a list")
        #expect(ExpectedType.string.requirement("token") == "token must be a non-empty string")
        #expect(
            ExpectedType.integer.requirement("version", " in 1...1000") == "version must be a whole number in 1...1000")
        let mismatch = ReaderProblem.mismatch(.array, found: "object", at: .root.key("keys"))
        #expect(mismatch.error == VerifierError(.wrongType, "keys: expected an array, found object"))
    }

    @Test func theAttestationsStringLimitIsTheDeclaredOne() {
        #expect(DecodingLimits.default.maxStringBytes == ReaderLimits.defaultMaxStringBytes)
    }

    // MARK: The trust file applies its declared limits

    static let key: JSONValue = [
        "id": .string(String(repeating: "ab", count: 32)), "file": "issuer.pem", "algorithm": "ed25519",
        "role": "issuer",
    ]

    static func trust(keys: [JSONValue] = [key], file: String = "issuer.pem") -> [UInt8] {
        let value: JSONValue = [
            "format": "reserve-trust/1", "issuer": "acme", "policy": ["requiredRoles": ["issuer"]],
            "keys": .array(keys),
        ]
        return Array(JSONWriter.write(value).utf8)
    }

    func trustError(_ bytes: [UInt8]) -> VerifierError? {
        do {
            _ = try TrustFile.decode(bytes, folder: "acme")
            return nil
        } catch {
            return error
        }
    }

    @Test func theTrustFileHoldsAtMostTheDeclaredNumberOfKeys() {
        let limit = ReaderLimits.Lists.trustKeys
        let keys = (0...limit).map { i -> JSONValue in
            var key = Self.key
            if case .object(var o) = key {
                o["id"] = .string(String(repeating: "0", count: 60) + String(format: "%04x", i))
                key = .object(o)
            }
            return key
        }
        #expect(
            trustError(Self.trust(keys: keys))
                == VerifierError(
                    .invalidTrustStore, "acme/trust.json: keys: \(limit + 1) entries exceed the limit of \(limit)"))
    }

    @Test func theTrustFileNestsAtMostTheDeclaredDepth() {
        let depth = ReaderLimits.trustFile.maxDepth
        let deep = "{\"format\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let error = trustError(Array(deep.utf8))
        #expect(error?.code == .invalidTrustStore)
        #expect(error?.message.hasPrefix("acme/trust.json: JSON nesting deeper than \(depth) levels") == true)
    }

    @Test func theTrustFilesStringsAreAtMostTheDeclaredLength() {
        let limit = ReaderLimits.trustFile.maxStringBytes
        let name = String(repeating: "a", count: limit - 3) + ".pem"
        #expect(
            trustError(
                Self.trust(keys: [
                    [
                        "id": .string(String(repeating: "ab", count: 32)), "file": .string(name),
                        "algorithm": "ed25519", "role": "issuer",
                    ]
                ]))
                == VerifierError(
                    .invalidTrustStore,
                    "acme/trust.json: keys[0].file: string of \(limit + 1) bytes is longer than the limit of \(limit)"))
    }

    @Test func theTSAFileHoldsAtMostTheDeclaredNumberOfAuthorities() {
        let limit = ReaderLimits.Lists.timestampAuthorities
        let entries = (0...limit).map { i -> JSONValue in
            [
                "name": .string("tsa-\(i)"), "file": .string("tsa-\(i).pem"),
                "sha256": .string(String(repeating: "0", count: 64)),
            ]
        }
        let bytes = Array(JSONWriter.write(["format": "reserve-tsa/1", "authorities": .array(entries)]).utf8)
        #expect(
            throws: VerifierError(
                .invalidTrustStore, "_tsa/tsa.json: authorities: \(limit + 1) entries exceed the limit of \(limit)")
        ) {
            try TimestampAuthorityFile.decode(bytes)
        }
    }

    @Test func theTSAFileNestsAtMostTheDeclaredDepth() {
        let depth = ReaderLimits.timestampAuthorities.maxDepth
        let deep = "{\"format\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        do {
            _ = try TimestampAuthorityFile.decode(Array(deep.utf8))
            Issue.record("a document nested past the limit was accepted")
        } catch {
            #expect(error.code == .invalidTrustStore)
            #expect(error.message.hasPrefix("_tsa/tsa.json: JSON nesting deeper than \(depth) levels"))
        }
    }

    @Test(arguments: ["\u{7F}", "\u{9B}", "\u{202E}", "\u{2069}", "\u{07}", "\n"])
    func unsafeCharactersAreFound(_ character: String) {
        #expect(UnsafeCharacters.contained(in: "a\(character)b"))
    }

    @Test func printableTextHasNoUnsafeCharacters() {
        #expect(!UnsafeCharacters.contained(in: "Harbor Trust Company (fictional)"))
        #expect(!UnsafeCharacters.contained(in: "caf\u{E9} \u{6771}\u{4EAC} \u{200F}"))
    }
}
