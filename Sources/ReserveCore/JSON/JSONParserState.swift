/// The parser's position and counters; internal so that the direct attestation decoder
/// (`DirectDecoder`) walks the same bytes with the same checks and limits.
struct JSONParserState {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0
    var values = 0
    let maxValues: Int
    // The path of keys and indices to where we are, for duplicate-key messages.
    var path = JSONPath.root

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        maxValues = JSONParser.freeValues + bytes.count / JSONParser.bytesPerValue
    }

    mutating func parseDocument() throws(VerifierError) -> JSONValue {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw error("the input starts with a UTF-8 byte order mark, which strict JSON does not allow")
        }
        skipWhitespace()
        if position == bytes.count { throw error("the input is empty") }
        let value = try parseValue()
        skipWhitespace()
        if position != bytes.count { throw error("unexpected \(describeByte()) after the end of the JSON value") }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(VerifierError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        try count()
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try countedString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeByte()), expected a value")
        }
    }

    /// A string; one longer than 15 bytes lives on the heap and counts once more.
    mutating func countedString() throws(VerifierError) -> String {
        let text = try parseString()
        if text.utf8.count > 15 { try count() }
        return text
    }

    /// The characters of the string at the position (which is at its opening quote) when they are
    /// all printable ASCII (0x20-0x7E) without escapes, the string then being those very bytes;
    /// nil otherwise. The position does not move: ``takePlainString(_:)`` moves past the string.
    ///
    /// Reads eight bytes at a time while eight are left: the lowest byte of a word that is a quote,
    /// a backslash or outside 0x20-0x7E decides (the word tests below flag that byte exactly; a
    /// byte they flag above it may be a false alarm, and is never looked at). Then byte by byte.
    /// `DecoderScanTests` compares it with the byte-by-byte reading.
    func plainString() -> UnsafeBufferPointer<UInt8>? {
        let start = position + 1
        var end = start
        if let base = bytes.baseAddress {
            while end + 8 <= bytes.count {
                let flagged = Self.stringStops(
                    UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)))
                if flagged == 0 {
                    end += 8
                    continue
                }
                end += flagged.trailingZeroBitCount >> 3
                guard base[end] == UInt8(ascii: "\"") else { return nil }
                return UnsafeBufferPointer(rebasing: bytes[start..<end])
            }
        }
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return UnsafeBufferPointer(rebasing: bytes[start..<end]) }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        return nil
    }

    /// Moves past the string whose characters ``plainString()`` gave, counting it as
    /// ``countedString()`` does.
    mutating func takePlainString(_ text: UnsafeBufferPointer<UInt8>) throws(VerifierError) {
        position += text.count + 2
        if text.count > 15 { try count() }
    }

    /// The high bit of each byte of `word` (eight bytes read little-endian) that may stop a plain
    /// string: a quote, a backslash, or a byte outside 0x20-0x7E. Zero exactly when no byte does;
    /// otherwise the lowest flagged byte is one that does (a borrow or carry that flags a byte
    /// above it only follows a byte that is itself flagged). The one word test of
    /// ``plainString()`` and ``DSSEMembers/payloadEnd(_:from:)``.
    @inline(__always)
    static func stringStops(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- 0x2020_2020_2020_2020) & ~word & highs  // a byte under 0x20
        let above = ((word &+ ones) | word) & highs  // a byte over 0x7E
        let q = word ^ 0x2222_2222_2222_2222  // '"'
        let b = word ^ 0x5C5C_5C5C_5C5C_5C5C  // '\\'
        return below | above | ((q &- ones) & ~q | (b &- ones) & ~b) & highs
    }

    /// Counts a value or an object key against the document's density bound.
    @inline(__always)
    mutating func count() throws(VerifierError) {
        values += 1
        if values > maxValues { throw tooManyValues() }
    }

    /// The error of ``count()`` past the bound (out of line: the count itself is on every value).
    @inline(never)
    func tooManyValues() -> VerifierError {
        VerifierError(
            .tooManyItems,
            "the JSON holds more than \(maxValues) values and keys in \(bytes.count) bytes at \(path) "
                + "(\(location())): past the first \(JSONParser.freeValues), "
                + "one per \(JSONParser.bytesPerValue) bytes")
    }

    mutating func enter() throws(VerifierError) {
        depth += 1
        if depth > maxDepth {
            throw VerifierError(
                .nestingTooDeep, "JSON nesting deeper than \(maxDepth) levels at \(path) (\(location()))")
        }
    }

    mutating func parseObject() throws(VerifierError) -> JSONValue {
        try enter()
        position += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        let parentPath = path
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key, found \(describeByte())") }
            let keyStart = position
            let key = try countedString()
            try count()  // A key costs about what a value does.
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error("expected ':' after an object key, found \(describeByte())")
            }
            position += 1
            skipWhitespace()
            path = parentPath.key(key)
            let value = try parseValue()
            if !object.insertNew(key, value) {
                position = keyStart
                throw VerifierError(.duplicateKey, "duplicate key \(quotedForMessage(key)) at \(path) (\(location()))")
            }
            // Past its first keys an object keeps an index of them too: count that as one more.
            if object.count > JSONObject.linearLimit { try count() }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "}") { break }
            if byte != UInt8(ascii: ",") {
                position -= 1
                throw error("expected ',' or '}' in an object, found \(describeByte())")
            }
        }
        path = parentPath
        depth -= 1
        return .object(object)
    }

    mutating func parseArray() throws(VerifierError) -> JSONValue {
        try enter()
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        let parentPath = path
        while true {
            skipWhitespace()
            path = parentPath.index(elements.count)
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an array") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { break }
            if byte != UInt8(ascii: ",") {
                position -= 1
                throw error("expected ',' or ']' in an array, found \(describeByte())")
            }
        }
        path = parentPath
        depth -= 1
        return .array(elements)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(VerifierError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            position + count <= bytes.count && (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        guard matches else { throw error("unexpected \(describeByte()), expected a value") }
        position += count
    }

    mutating func parseNumber() throws(VerifierError) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw error("a number needs a digit after '-'") }
        position += 1
        if first == UInt8(ascii: "0") {
            if let next = peek(), isDigit(next) { throw error("a number must not have a leading zero") }
        } else {
            while let next = peek(), isDigit(next) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let next = peek(), isDigit(next) else { throw error("a number needs a digit after '.'") }
            while let next = peek(), isDigit(next) { position += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard let next = peek(), isDigit(next) else { throw error("a number needs a digit in its exponent") }
            while let next = peek(), isDigit(next) { position += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: Strings

    mutating func parseString() throws(VerifierError) -> String {
        position += 1  // opening quote
        let start = position
        var asciiOnly = true
        // Fast path: no escapes. Scan to the closing quote.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if asciiOnly { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    position = start
                    throw error("a string contains invalid UTF-8")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a string contains an unescaped control character (\(describeByte()))") }
            if byte >= 0x80 { asciiOnly = false }
            position += 1
        }
        guard position < bytes.count else { throw error("unexpected end of input inside a string") }
        // Slow path: escapes present. Collect UTF-8 bytes, then validate once.
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    position = start
                    throw error("a string contains invalid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                guard let escape = peek() else { break }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    position -= 1
                    throw error("invalid escape sequence \\\(describeByte())")
                }
            default:
                if byte < 0x20 { throw error("a string contains an unescaped control character (\(describeByte()))") }
                out.append(byte)
                position += 1
            }
        }
        throw error("unexpected end of input inside a string")
    }

    mutating func parseUnicodeEscape() throws(VerifierError) -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xDC00...0xDFFF).contains(high) {
            throw error("a \\u escape holds a lone low surrogate (\\u\(String(high, radix: 16)))")
        }
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else {
                throw error("a \\u escape holds a high surrogate not followed by a low one")
            }
            position += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("a \\u escape holds a high surrogate not followed by a low one")
            }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("invalid \\u escape") }
        return scalar
    }

    mutating func parseHex4() throws(VerifierError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    // MARK: Helpers

    @inline(__always) func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func describeByte() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(byte < 0x10 ? "0" : "")\(hex)"
    }

    func location() -> String {
        var line = 1
        var column = 1
        for i in 0..<min(position, bytes.count) {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column), byte \(position)"
    }

    func error(_ message: String) -> VerifierError {
        VerifierError(.malformedJSON, "malformed JSON at \(location()): \(message)")
    }
}
