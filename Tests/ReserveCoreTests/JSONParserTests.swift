import Testing

@testable import ReserveCore

/// One malformed input, named for the test report.
struct DecoderMalformedJSONCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]

    init(_ name: String, _ text: String) {
        self.name = name
        self.bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    var testDescription: String { name }
}

@Suite struct JSONParserTests {
    func parse(_ text: String, maxDepth: Int = 64) throws(VerifierError) -> JSONValue {
        try JSONParser(maxDepth: maxDepth).parse(Array(text.utf8))
    }

    // MARK: Value density (issue 11, class 5)

    /// `[0,0,…]` is two bytes a value and a value costs tens of bytes in memory: a 16.6 MB array
    /// peaked at 30x its size on main. Past the first 4,096 values, one per 8 bytes is allowed.
    @Test func anArrayDenserThanOneValuePerEightBytesIsRefused() {
        let count = 100_000
        let dense = "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
        do {
            _ = try parse(dense)
            Issue.record("a dense array was accepted")
        } catch {
            #expect(error.code == .tooManyItems)
            let limit = JSONParser.freeValues + dense.utf8.count / JSONParser.bytesPerValue
            let expected = "the JSON holds more than \(limit) values and keys in \(dense.utf8.count) bytes at "
            #expect(
                error.message.hasPrefix(expected),
                "\(error.message)")
        }
        // Padded to eight bytes a value: accepted, the same count.
        let padded = "[" + Array(repeating: "0      ", count: count).joined(separator: ",") + "]"
        guard case .array(let items)? = try? parse(padded) else {
            Issue.record("a document at the density bound was refused")
            return
        }
        #expect(items.count == count)
        // Small documents are never held to the density: up to 4,096 values whatever their size.
        #expect((try? parse("[" + Array(repeating: "0", count: 4_000).joined(separator: ",") + "]")) != nil)
    }

    // MARK: Valid documents

    @Test func nestedDocumentParsesIntoValuesInKeyOrder() throws {
        let value = try parse(#" { "z": [1, {"b": null, "a": [true, false]}], "c": "x", "e": {} , "f": [] } "#)
        var inner = JSONObject()
        inner["b"] = .null
        inner["a"] = .array([.bool(true), .bool(false)])
        var outer = JSONObject()
        outer["z"] = .array([.number("1"), .object(inner)])
        outer["c"] = .string("x")
        outer["e"] = .object(JSONObject())
        outer["f"] = .array([])
        #expect(value == .object(outer))
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["z", "c", "e", "f"])
    }

    @Test(arguments: ["null", "true", "false", "\"\"", "0", "[]", "{}"])
    func scalarsAndEmptyContainersAreWholeDocuments(text: String) throws {
        let value = try parse(text)
        #expect(JSONWriter.write(value, pretty: false) == text)
    }

    @Test func rawUnicodeInStringsIsKept() throws {
        let value = try parse("[\"é日本😀\u{0301}\"]")
        #expect(value == .array([.string("é日本😀\u{0301}")]))
    }

    @Test func everyEscapeSequenceIsDecoded() throws {
        let value = try parse(#"["\"\\\/\b\f\n\r\t\u00e9\u0041\u65E5\u0000"]"#)
        #expect(value == .array([.string("\"\\/\u{8}\u{c}\n\r\té" + "A日\u{0}")]))
    }

    @Test(arguments: [#"["\ud83d\ude00"]"#, #"["\uD83D\uDE00"]"#, #"["a\ud83d\ude00b"]"#])
    func surrogatePairEscapeBecomesOneScalar(text: String) throws {
        let value = try parse(text)
        guard case .array(let elements) = value, case .string(let string)? = elements.first else {
            Issue.record("expected an array holding a string, got \(value)")
            return
        }
        #expect(string.unicodeScalars.contains("\u{1F600}"))
        #expect(!string.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
    }

    @Test(arguments: ["1.50", "-0", "1e999", "0", "-1.5E-10", "1E+2", "0.000", "123456789012345678901234567890.25"])
    func numbersKeepTheirExactText(text: String) throws {
        #expect(try parse(text) == .number(text))
        #expect(try parse("[\(text)]") == .array([.number(text)]))
    }

    @Test func tenThousandDigitNumberIsKeptAsText() throws {
        let digits = "9" + String(repeating: "0", count: 9_999)
        let value = try parse("{\"n\": \(digits)}")
        #expect(value == ["n": .number(digits)])
    }

    // MARK: Malformed input

    static let malformed: [DecoderMalformedJSONCase] = [
        .init("byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
        .init("invalid UTF-8 in a string", bytes: Array("[\"a".utf8) + [0xC3, 0x28] + Array("\"]".utf8)),
        .init("invalid UTF-8 in a string with escapes", bytes: Array("[\"\\n".utf8) + [0xFF] + Array("\"]".utf8)),
        .init("overlong UTF-8 encoding", bytes: Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8)),
        .init("UTF-8-encoded surrogate", bytes: Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8)),
        .init("invalid UTF-8 outside a string", bytes: [0x5B, 0xFF, 0x5D]),
        .init("lone high surrogate escape", #"["\ud800"]"#),
        .init("lone high surrogate at end of string", #"["a\uD83D"]"#),
        .init("high surrogate followed by a non-surrogate", #"["\ud800\u0041"]"#),
        .init("high surrogate followed by a high surrogate", #"["\ud800\ud800"]"#),
        .init("lone low surrogate escape", #"["\udc00"]"#),
        .init("unescaped control character", "[\"a\u{01}b\"]"),
        .init("unescaped tab", "[\"a\tb\"]"),
        .init("unescaped newline after an escape", "[\"\\n\n\"]"),
        .init("trailing garbage", "{} x"),
        .init("two documents", "{}{}"),
        .init("two numbers", "1 2"),
        .init("trailing NUL", "{}\u{0}"),
        .init("leading zero", "01"),
        .init("leading zero after minus", "-01"),
        .init("dot without fraction digits", "1."),
        .init("fraction without integer part", ".5"),
        .init("plus sign", "+1"),
        .init("minus alone", "-"),
        .init("exponent without digits", "1e"),
        .init("exponent sign without digits", "1e+"),
        .init("hex number", "0x10"),
        .init("empty input", ""),
        .init("whitespace only", " \n\t "),
        .init("unterminated string", "\"abc"),
        .init("unterminated string after an escape", "\"abc\\"),
        .init("unterminated array", "[1, 2"),
        .init("unterminated array after a comma", "[1,"),
        .init("unterminated object", "{\"a\": 1"),
        .init("object key without a value", "{\"a\""),
        .init("object key without colon", "{\"a\" 1}"),
        .init("non-string key", "{1: 2}"),
        .init("single-quoted string", "['a']"),
        .init("single-quoted key", "{'a': 1}"),
        .init("line comment", "{\"a\": 1 // comment\n}"),
        .init("block comment", "/* comment */ {}"),
        .init("trailing comma in an array", "[1,]"),
        .init("trailing comma in an object", "{\"a\": 1,}"),
        .init("missing comma", "[1 2]"),
        .init("NaN", "[NaN]"),
        .init("Infinity", "[Infinity]"),
        .init("negative Infinity", "[-Infinity]"),
        .init("truncated literal", "[tru]"),
        .init("capitalised literal", "[True]"),
        .init("invalid escape", #"["\x41"]"#),
        .init("short unicode escape", #"["\u12"]"#),
        .init("non-hex unicode escape", #"["\u12G4"]"#),
        .init("bare word", "hello"),
    ]

    @Test(arguments: malformed)
    func malformedInputIsRejectedAsMalformedJSON(input: DecoderMalformedJSONCase) {
        let error = decoderError { _ = try JSONParser().parse(input.bytes) }
        #expect(error?.code == .malformedJSON)
        #expect(error?.message.hasPrefix("malformed JSON at line ") == true)
    }

    @Test func malformedJSONMessageNamesLineAndColumn() {
        let error = decoderError { _ = try parse("{\n  \"a\": 01}") }
        #expect(error?.code == .malformedJSON)
        #expect(error?.message == "malformed JSON at line 2, column 9, byte 10: a number must not have a leading zero")
    }

    @Test func controlCharacterInMessageIsNamedByItsHexValue() {
        let error = decoderError { _ = try parse("[\"\u{1}\"]") }
        #expect(error?.code == .malformedJSON)
        #expect(
            error?.message
                == "malformed JSON at line 1, column 3, byte 2: a string contains an unescaped control character "
                + "(byte 0x01)"
        )
    }

    // MARK: Duplicate keys

    @Test func duplicateKeyAtTopLevelIsRejectedWithItsPath() {
        let error = decoderError { _ = try parse(#"{"a": 1, "b": 2, "a": 3}"#) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message == #"duplicate key "a" at a (line 1, column 18, byte 17)"#)
    }

    @Test func duplicateKeyInNestedObjectIsRejectedWithItsPath() {
        let text = #"{"reserves": [{"value": "1"}, {"id": "x", "value": "1", "value": "2"}]}"#
        let error = decoderError { _ = try parse(text) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message == #"duplicate key "value" at reserves[1].value (line 1, column 57, byte 56)"#)
    }

    @Test func duplicateKeyPathIsCorrectAfterAnEarlierNestedObject() {
        let error = decoderError { _ = try parse(#"{"x": {"y": [1, {"w": 2}]}, "z": {"q": 1, "q": 2}}"#) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message == #"duplicate key "q" at z.q (line 1, column 43, byte 42)"#)
    }

    @Test func duplicateKeyIsDetectedAfterUnescaping() {
        let error = decoderError { _ = try parse(#"{"a": 1, "\u0061": 2}"#) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message == #"duplicate key "a" at a (line 1, column 10, byte 9)"#)
    }

    @Test func duplicateKeyWithOddCharactersIsQuotedInThePath() {
        let error = decoderError { _ = try parse(#"{"a b": 1, "a b": 2}"#) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.message == #"duplicate key "a b" at ["a b"] (line 1, column 12, byte 11)"#)
    }

    @Test func sameKeyInSiblingObjectsIsNotADuplicate() throws {
        let value = try parse(#"[{"a": 1}, {"a": 2}, {"b": {"a": 3}, "a": 4}]"#)
        guard case .array(let elements) = value else {
            Issue.record("not an array")
            return
        }
        #expect(elements.count == 3)
    }

    // MARK: Nesting

    @Test func sixtyFourNestedArraysParseWithDefaultDepth() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try parse(text)
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            value = elements.first ?? .null
        }
        #expect(depth == 64)
    }

    @Test func sixtyFiveNestedArraysAreTooDeep() {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = decoderError { _ = try parse(text) }
        #expect(error?.code == .nestingTooDeep)
        #expect(
            error?.message == "JSON nesting deeper than 64 levels at " + String(repeating: "[0]", count: 64)
                + " (line 1, column 65, byte 64)")
    }

    @Test func deepNestingOfObjectsCountsToo() {
        let text = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        let error = decoderError { _ = try parse(text) }
        #expect(error?.code == .nestingTooDeep)
    }

    @Test(arguments: [1, 2, 5])
    func customMaximumDepthIsEnforcedExactly(maxDepth: Int) throws {
        let ok = String(repeating: "[", count: maxDepth) + String(repeating: "]", count: maxDepth)
        _ = try parse(ok, maxDepth: maxDepth)
        let deep = "[" + ok + "]"
        let error = decoderError { _ = try parse(deep, maxDepth: maxDepth) }
        #expect(error?.code == .nestingTooDeep)
    }

    @Test func hugelyDeepInputFailsWithoutCrashing() {
        let text = String(repeating: "[", count: 100_000)
        let error = decoderError { _ = try parse(text) }
        #expect(error?.code == .nestingTooDeep)
    }
}

@Suite struct JSONWriterTests {
    @Test func objectKeysAreSortedByTheirUTF8Bytes() {
        let value: JSONValue = ["b": 1, "é": 2, "a": 3, "B": 4, "aa": 5]
        #expect(JSONWriter.write(value, pretty: false) == #"{"B":4,"a":3,"aa":5,"b":1,"é":2}"#)
    }

    @Test func prettyOutputUsesTwoSpacesAndNewlines() {
        let value: JSONValue = ["b": [1, 2], "a": ["c": .null], "d": [], "e": [:]]
        let expected = """
            {
              "a": {
                "c": null
              },
              "b": [
                1,
                2
              ],
              "d": [],
              "e": {}
            }
            """
        #expect(JSONWriter.write(value) == expected)
    }

    @Test func controlCharactersQuotesAndBackslashesAreEscaped() {
        let value: JSONValue = .string("\u{0}\u{8}\u{c}\u{1f}\u{7f}\n\r\t\"\\/é😀")
        #expect(JSONWriter.write(value) == #""\u0000\u0008\u000c\u001f\u007f\n\r\t\"\\/é😀""#)
    }

    @Test func sameValueTwiceGivesTheSameBytes() {
        let payload = DecoderPayload()
        #expect(Array(JSONWriter.write(payload.root).utf8) == Array(JSONWriter.write(payload.root).utf8))
    }

    @Test func insertionOrderDoesNotChangeTheOutput() {
        var first = JSONObject()
        first["x"] = 1
        first["a"] = ["q": true, "p": false]
        var second = JSONObject()
        second["a"] = ["p": false, "q": true]
        second["x"] = 1
        #expect(first != second)  // JSONObject keeps document order...
        #expect(JSONWriter.write(.object(first)) == JSONWriter.write(.object(second)))  // ...the writer does not.
    }

    static let roundTripValues: [JSONValue] = [
        .null, .bool(true), .number("-0"), .number("1.50"), .number("1e999"),
        .string(""), .string("\u{0}\u{1}\u{1f}\u{7f} \"quoted\" \\ / é 日本 😀 \u{2028}"),
        [], [:], [1, "two", .null, [false]],
        ["a": ["b": ["c": [1, 2, ["d": "e"]]]], "z": "last"],
    ]

    @Test(arguments: roundTripValues)
    func parsingWrittenJSONGivesTheSameValue(value: JSONValue) throws {
        for pretty in [true, false] {
            let text = JSONWriter.write(value, pretty: pretty)
            #expect(try JSONParser().parse(Array(text.utf8)) == value)
        }
    }

    @Test func fullPayloadRoundTripsToTheSameBytes() throws {
        let text = DecoderPayload().text
        let reparsed = try JSONParser().parse(Array(text.utf8))
        #expect(JSONWriter.write(reparsed) == text)
    }
}
