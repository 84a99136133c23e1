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

    private static let standardTable: [Int8] = table(standardChars)
    private static let urlTable: [Int8] = table(urlChars)

    private static func table(_ chars: [UInt8]) -> [Int8] {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in chars.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }

    /// Decodes `text` in exactly one alphabet. Returns nil for anything else, including mixed
    /// alphabets, whitespace, bad padding and non-zero trailing bits (non-canonical encodings).
    public static func decode<Bytes: Collection<UInt8>>(_ text: Bytes, alphabet: Alphabet) -> [UInt8]? {
        let table = alphabet == .standard ? standardTable : urlTable
        var input = Array(text)
        var padding = 0
        while input.last == UInt8(ascii: "=") {
            input.removeLast()
            padding += 1
        }
        switch alphabet {
        case .standard:
            guard (input.count + padding) % 4 == 0, padding <= 2 else { return nil }
        case .url:
            guard padding == 0 || (input.count + padding) % 4 == 0, padding <= 2 else { return nil }
        }
        let remainder = input.count % 4
        guard remainder != 1 else { return nil }
        if padding > 0 && (4 - remainder) % 4 != padding { return nil }
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = table[Int(byte)]
            guard value >= 0 else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        // Canonical encodings leave the unused trailing bits zero.
        if bits > 0 && accumulator & ((1 << UInt32(bits)) - 1) != 0 { return nil }
        return out
    }

    /// Decodes standard base64 or, failing that, URL-safe base64 (DSSE allows either), but never a
    /// mix of the two.
    public static func decodeEither<Bytes: Collection<UInt8>>(_ text: Bytes) -> [UInt8]? {
        decode(text, alphabet: .standard) ?? decode(text, alphabet: .url)
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
