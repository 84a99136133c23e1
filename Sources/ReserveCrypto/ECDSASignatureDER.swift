/// A strict reader for DER-encoded ECDSA signatures, `SEQUENCE { INTEGER r, INTEGER s }`.
///
/// OpenSSL 3.0 (`ossl_ecdsa_verify` in `crypto/ec/ecdsa_ossl.c`) rejects a signature that is not
/// exact DER by decoding it, re-encoding it and comparing the bytes. When they differ it returns
/// -1 **without putting anything on the error queue**, which a caller cannot tell apart from a
/// library failure. So the verifier decides the encoding itself, before OpenSSL sees the bytes:
/// whatever passes this check re-encodes to the same bytes in OpenSSL, and any -1 that still
/// comes back is a real failure (see ``VerifyOutcome``).
enum ECDSASignatureDER {
    /// True if `bytes` is exactly one DER `SEQUENCE` of two non-negative `INTEGER`s, with
    /// minimal length and content encodings and nothing after it.
    ///
    /// Negative integers are refused although DER can spell them: r and s must lie in
    /// [1, n-1], and OpenSSL 3.0 reads `INTEGER` contents as unsigned, so a negative value
    /// would fail its re-encoding check (the queue-less -1 above).
    static func isStrictDER(_ bytes: [UInt8]) -> Bool {
        var reader = Reader(bytes: bytes[...])
        guard let sequence = reader.element(tag: 0x30), reader.isAtEnd else { return false }
        var inner = Reader(bytes: sequence)
        guard let r = inner.element(tag: 0x02), isMinimalNonNegative(r),
            let s = inner.element(tag: 0x02), isMinimalNonNegative(s),
            inner.isAtEnd
        else { return false }
        return true
    }

    /// A DER `INTEGER`'s content is minimal (no redundant leading 0x00) and non-negative.
    private static func isMinimalNonNegative(_ content: ArraySlice<UInt8>) -> Bool {
        guard let first = content.first else { return false }  // empty INTEGER
        if first & 0x80 != 0 { return false }  // negative
        if first == 0x00, content.count > 1,
            content[content.index(after: content.startIndex)] & 0x80 == 0
        {
            return false  // redundant leading zero
        }
        return true
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>
        var isAtEnd: Bool { bytes.isEmpty }

        /// Reads one tag-length-value element with the given tag and a minimal definite length.
        mutating func element(tag: UInt8) -> ArraySlice<UInt8>? {
            guard let actualTag = bytes.popFirst(), actualTag == tag,
                let first = bytes.popFirst()
            else { return nil }
            var length = 0
            if first < 0x80 {
                length = Int(first)
            } else {
                // Long form: 0x81...0x84 followed by that many length bytes. 0x80 (indefinite)
                // is BER, and more than 4 length bytes cannot describe a signature.
                let count = Int(first & 0x7F)
                guard (1...4).contains(count), bytes.count >= count else { return nil }
                for _ in 0..<count {
                    guard let byte = bytes.popFirst() else { return nil }
                    length = (length << 8) | Int(byte)
                }
                // Minimal: the long form only when the short one cannot hold the length, and
                // no leading zero length byte.
                guard length >= 0x80, length >> (8 * (count - 1)) != 0 else { return nil }
            }
            guard bytes.count >= length else { return nil }
            let content = bytes.prefix(length)
            bytes = bytes.dropFirst(length)
            return content
        }
    }
}
