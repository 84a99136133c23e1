/// The members of a DSSE envelope read in one pass over its bytes, with the payload's base64 text
/// left where it is: the fast path of ``EnvelopeReader`` (a 15.6 MB envelope is mostly that text,
/// which the tree parser would copy into a `String`).
///
/// It reads the bytes with the parser's own state (``JSONParserState``: the same grammar, UTF-8
/// and escape rules, depth and value-count limits) and succeeds only on an object whose keys are
/// DSSE members (`payloadType`, `payload`, `signatures`, `timestamp`), each once, whose payload
/// is a string of printable ASCII without escapes (as base64 is), and after which only whitespace
/// follows. Anything else (malformed JSON, a duplicate or unknown key, a payload that is not such
/// a string) gives nil, and the reader parses the tree, which finds and words every problem
/// exactly as before. The members other than the payload are parsed as small trees.
struct DSSEMembers {
    /// `payloadType`, `signatures` and `timestamp`, as the tree parser reads them.
    var object: JSONObject
    /// The payload string's characters, between its quotes, when the envelope has a payload.
    var payload: Range<Int>?

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> DSSEMembers? {
        var s = JSONParserState(bytes: bytes, maxDepth: maxDepth)
        do {
            return try scan(&s)
        } catch {
            return nil
        }
    }

    /// Where the payload string whose first byte is at `start` ends (its closing quote), or nil
    /// when a byte before that is a backslash or not printable ASCII (0x20-0x7E), or the bytes end
    /// first: a base64 payload has no escape and no other byte.
    ///
    /// Eight bytes at a time while none of them is a quote, a backslash or outside the range (each
    /// test is exact for "any byte of the eight": a borrow or carry only follows a byte that is
    /// itself found); the first word with one is read byte by byte, as the whole string was before.
    static func payloadEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start >= 0 else { return nil }
        var end = start
        while end + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            if JSONParserState.stringStops(word) != 0 { break }
            end += 8
        }
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return end }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        return nil
    }

    private static func scan(_ s: inout JSONParserState) throws(VerifierError) -> DSSEMembers? {
        let bytes = s.bytes
        s.skipWhitespace()
        guard s.peek() == UInt8(ascii: "{") else { return nil }
        try s.count()  // the document's value
        try s.enter()
        s.position += 1  // {
        var members = DSSEMembers(object: JSONObject(), payload: nil)
        while true {
            s.skipWhitespace()
            guard s.peek() == UInt8(ascii: "\"") else { return nil }
            let key = try s.countedString()
            try s.count()  // the key
            s.skipWhitespace()
            guard s.peek() == UInt8(ascii: ":") else { return nil }
            s.position += 1
            s.skipWhitespace()
            switch key {
            case "payload":
                guard members.payload == nil, s.peek() == UInt8(ascii: "\"") else { return nil }
                try s.count()  // the value
                let start = s.position + 1
                guard let end = payloadEnd(bytes, from: start) else { return nil }
                if end - start > 15 { try s.count() }  // a heap string, as `countedString` counts it
                s.position = end + 1
                members.payload = start..<end
            case "payloadType", "signatures", "timestamp":
                let value = try s.parseValue()
                guard members.object.insertNew(key, value) else { return nil }
            default:
                return nil
            }
            s.skipWhitespace()
            guard let byte = s.peek() else { return nil }
            s.position += 1
            if byte == UInt8(ascii: "}") { break }
            if byte != UInt8(ascii: ",") { return nil }
        }
        s.depth -= 1
        s.skipWhitespace()
        guard s.position == bytes.count else { return nil }
        // An object with neither `payloadType` nor `signatures` is not read as DSSE.
        guard members.object["payloadType"] != nil || members.object["signatures"] != nil else { return nil }
        return members
    }
}
