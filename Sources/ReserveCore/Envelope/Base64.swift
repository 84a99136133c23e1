/// Strict base64 (RFC 4648) for signed envelopes: one alphabet per value, no whitespace, no
/// stray characters, padding exactly as the alphabet's convention says, zero trailing bits.
public enum Base64 {
    public enum Alphabet: Sendable {
        /// `+` and `/`, padded with `=` to a multiple of four.
        case standard
        /// `-` and `_` (RFC 4648 §5), padding optional (JWS omits it).
        case url
    }

    private static let standardChars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlChars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Each byte's six-bit value in the alphabet; 0xFF for a byte outside it.
    private static let standardTable: [UInt8] = table(standardChars)
    private static let urlTable: [UInt8] = table(urlChars)

    private static func table(_ chars: [UInt8]) -> [UInt8] {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in chars.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }

    /// Decodes `text` in exactly one alphabet. Returns nil for anything else, including mixed
    /// alphabets, whitespace, bad padding and non-zero trailing bits (non-canonical encodings).
    public static func decode<Bytes: Collection<UInt8>>(_ text: Bytes, alphabet: Alphabet) -> [UInt8]? {
        contiguous(text) { buffer in
            guard let shape = shape(buffer, alphabet) else { return nil }
            return decoded(buffer, shape, after: [], standard: alphabet == .standard, url: alphabet == .url)?.bytes
        }
    }

    /// Decodes standard base64 or, failing that, URL-safe base64 (DSSE allows either), but never a
    /// mix of the two.
    public static func decodeEither<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        contiguous(text) { decodeEither($0, after: { _ in [] })?.bytes }
    }

    /// ``decodeEither(_:)`` into one new array that starts with `prefix(n)`, where `n` is the
    /// decoded length (known from the text's length and padding before any character is read):
    /// the DSSE PAE, whose header names the payload's length, with the payload decoded straight
    /// after it. Returns the array and where the decoded bytes start; nil when `text` is not
    /// canonical base64 in one alphabet.
    static func decodeEither(
        _ text: UnsafeBufferPointer<UInt8>, after prefix: (Int) -> [UInt8]
    ) -> (bytes: [UInt8], start: Int)? {
        let standard = shape(text, .standard)
        let url = shape(text, .url)
        // Both shapes, when valid, have the same characters (the text without its padding).
        guard let shape = standard ?? url else { return nil }
        return decoded(text, shape, after: prefix(shape.bytes), standard: standard != nil, url: url != nil)
    }

    /// The characters that carry data (the text without its padding) and the decoded length, when
    /// the text's length and padding suit `alphabet`; its characters are not looked at.
    private static func shape(_ text: UnsafeBufferPointer<UInt8>, _ alphabet: Alphabet) -> (
        characters: Int, bytes: Int
    )? {
        var n = text.count
        var padding = 0
        while n > 0 && text[n - 1] == UInt8(ascii: "=") {
            n -= 1
            padding += 1
        }
        switch alphabet {
        case .standard:
            guard (n + padding) % 4 == 0, padding <= 2 else { return nil }
        case .url:
            guard padding == 0 || (n + padding) % 4 == 0, padding <= 2 else { return nil }
        }
        let remainder = n % 4
        guard remainder != 1 else { return nil }
        if padding > 0 && (4 - remainder) % 4 != padding { return nil }
        return (n, n / 4 * 3 + (remainder == 0 ? 0 : remainder - 1))
    }

    /// `head` followed by the decoded characters, in the standard alphabet (when `standard`) or
    /// else the URL-safe one (when `url`): the first that reads them all.
    private static func decoded(
        _ text: UnsafeBufferPointer<UInt8>, _ shape: (characters: Int, bytes: Int), after head: [UInt8],
        standard: Bool, url: Bool
    ) -> (bytes: [UInt8], start: Int)? {
        let total = head.count + shape.bytes
        if total == 0 { return ([], 0) }
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = buffer.baseAddress!
            head.withUnsafeBufferPointer { h in
                if let source = h.baseAddress { base.initialize(from: source, count: h.count) }
            }
            if standard {
                ok = standardTable.withUnsafeBufferPointer { t in
                    decode(text, characters: shape.characters, table: t, into: base + head.count)
                }
            }
            if url && !ok {
                ok = urlTable.withUnsafeBufferPointer { t in
                    decode(text, characters: shape.characters, table: t, into: base + head.count)
                }
            }
            initialized = ok ? total : 0
        }
        return ok ? (out, head.count) : nil
    }

    /// Decodes the first `characters` bytes of `text` into `out` (three bytes for four
    /// characters); false at a byte outside the alphabet or when the unused trailing bits are not
    /// zero (canonical encodings leave them zero).
    private static func decode(
        _ text: UnsafeBufferPointer<UInt8>, characters n: Int, table: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutablePointer<UInt8>
    ) -> Bool {
        guard n > 0, let t = table.baseAddress, let p = text.baseAddress else { return n == 0 }
        var i = 0
        var o = 0
        let whole = n & ~3
        while i < whole {
            let a = t[Int(p[i])]
            let b = t[Int(p[i + 1])]
            let c = t[Int(p[i + 2])]
            let d = t[Int(p[i + 3])]
            if (a | b | c | d) & 0x80 != 0 { return false }
            let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out[o] = UInt8(truncatingIfNeeded: v >> 16)
            out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
            out[o + 2] = UInt8(truncatingIfNeeded: v)
            i += 4
            o += 3
        }
        switch n - whole {
        case 2:
            let a = t[Int(p[i])]
            let b = t[Int(p[i + 1])]
            if (a | b) & 0x80 != 0 || b & 0x0F != 0 { return false }
            out[o] = a << 2 | b >> 4
        case 3:
            let a = t[Int(p[i])]
            let b = t[Int(p[i + 1])]
            let c = t[Int(p[i + 2])]
            if (a | b | c) & 0x80 != 0 || c & 0x03 != 0 { return false }
            out[o] = a << 2 | b >> 4
            out[o + 1] = (b & 0x0F) << 4 | c >> 2
        default:
            break
        }
        return true
    }

    /// `body` on the bytes of `text`, copied only when the collection has no contiguous storage.
    private static func contiguous<Bytes: Collection<UInt8>, R>(
        _ text: Bytes, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        if let result = text.withContiguousStorageIfAvailable(body) { return result }
        return Array(text).withUnsafeBufferPointer(body)
    }

    public static func encode(_ bytes: [UInt8], alphabet: Alphabet = .standard) -> String {
        let chars = alphabet == .standard ? standardChars : urlChars
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [chars[Int(n >> 18 & 63)], chars[Int(n >> 12 & 63)], chars[Int(n >> 6 & 63)], chars[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [chars[Int(n >> 18 & 63)], chars[Int(n >> 12 & 63)]]
            if alphabet == .standard { out += Array("==".utf8) }
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [chars[Int(n >> 18 & 63)], chars[Int(n >> 12 & 63)], chars[Int(n >> 6 & 63)]]
            if alphabet == .standard { out += Array("=".utf8) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
