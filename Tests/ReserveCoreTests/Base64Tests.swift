import ReserveCore
import Testing

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"),
        ("Zm9vYmFy", "foobar"),
    ])
    func standardWithPaddingDecodesRFC4648Vectors(encoded: String, decoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .standard) == Array(decoded.utf8))
    }

    @Test(arguments: ["Zg", "Zm8", "Zm9vYg", "Zm9vYmE"])
    func missingPaddingIsRejectedInStandard(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .standard) == nil)
    }

    @Test(arguments: [("Zg", "f"), ("Zm8", "fo"), ("Zm9v", "foo"), ("Zm9vYmE", "fooba")])
    func urlSafeWithoutPaddingDecodes(encoded: String, decoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .url) == Array(decoded.utf8))
    }

    @Test func urlSafeAlphabetUsesDashAndUnderscore() {
        // 0xFB 0xFF 0xBF: every six-bit group is 62 or 63.
        #expect(Base64.decode(Array("-_-_".utf8), alphabet: .url) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode(Array("+/+/".utf8), alphabet: .standard) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode(Array("-_-_".utf8), alphabet: .standard) == nil)
        #expect(Base64.decode(Array("+/+/".utf8), alphabet: .url) == nil)
    }

    @Test(arguments: ["+_-/", "-/+_", "+/-_", "-_+/"])
    func mixedAlphabetsAreRejected(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .standard) == nil)
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .url) == nil)
        #expect(Base64.decodeEither(Array(encoded.utf8)) == nil)
    }

    @Test(arguments: ["Zm9v\n", "Zm 9v", " Zm9v", "Zm9v\r\n", "Zm9v\t", "Zm9v\nYmFy", "Zg==\n", "Zm9v\u{0}"])
    func whitespaceAndStrayBytesAreRejected(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .standard) == nil)
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .url) == nil)
    }

    @Test(arguments: [("QR==", "QQ=="), ("Zh==", "Zg=="), ("Zm9=", "Zm8="), ("QQB=", "QQA=")])
    func nonCanonicalTrailingBitsAreRejected(nonCanonical: String, canonical: String) {
        #expect(Base64.decode(Array(nonCanonical.utf8), alphabet: .standard) == nil)
        #expect(Base64.decode(Array(canonical.utf8), alphabet: .standard) != nil)
        let unpadded = nonCanonical.filter { $0 != "=" }
        #expect(Base64.decode(Array(unpadded.utf8), alphabet: .url) == nil)
    }

    @Test(arguments: ["Zg=", "Zg===", "Zm8==", "Zm9v=", "Zm9v==", "====", "=", "Z===", "Z", "Zm9vY", "Z=g=", "=Zg="])
    func wrongPaddingOrLengthIsRejected(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .standard) == nil)
    }

    @Test(arguments: ["Z", "Zm9vY", "Zg=", "Zg===", "Zm9v="])
    func wrongLengthOrPaddingIsRejectedInURLSafe(encoded: String) {
        #expect(Base64.decode(Array(encoded.utf8), alphabet: .url) == nil)
    }

    @Test func decodeEitherAcceptsOneAlphabetOrTheOther() {
        #expect(Base64.decodeEither(Array("+/+/".utf8)) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decodeEither(Array("-_-_".utf8)) == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decodeEither(Array("Zg".utf8)) == Array("f".utf8))
    }

    @Test(arguments: 0...64)
    func encodeThenDecodeRoundTrips(length: Int) {
        // Bytes that exercise every six-bit value across the lengths.
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length &* 11 &+ 0xF0) }
        let standard = Base64.encode(bytes, alphabet: .standard)
        let url = Base64.encode(bytes, alphabet: .url)
        #expect(standard.utf8.count == (length + 2) / 3 * 4)
        #expect(!url.contains("=") && !url.contains("+") && !url.contains("/"))
        #expect(Base64.decode(Array(standard.utf8), alphabet: .standard) == bytes)
        #expect(Base64.decode(Array(url.utf8), alphabet: .url) == bytes)
        #expect(Base64.decodeEither(Array(standard.utf8)) == bytes)
    }

    @Test func encodingMatchesRFC4648() {
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fooba".utf8)) == "Zm9vYmE=")
        #expect(Base64.encode(Array("foob".utf8)) == "Zm9vYg==")
        #expect(Base64.encode([0xFB, 0xFF], alphabet: .url) == "-_8")
    }
}
