import Foundation
import ReserveCore
import TestSupport
import Testing

@testable import ReserveCrypto

/// Issue 10, class 5: keys with which one fixed signature verifies for many messages, or which
/// anyone can factor, are refused at load (hence by `keys add` and `TrustStore.load`). Each bad
/// key is built here as DER bytes.
@Suite struct DegenerateKeyTests {
    // MARK: Ed25519

    /// Every encoding of a small-order point: the eight points (y = 1, p - 1, 0 twice, and the
    /// four of order 8), plus the two x = 0 points spelled with the sign bit set.
    static let smallOrderEncodings: [(String, [UInt8])] = [
        ("identity (order 1)", le("01")),
        ("(0, -1) (order 2)", le("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
        ("(sqrt(-1), 0) (order 4)", le("00")),
        ("(-sqrt(-1), 0) (order 4)", le("00", top: 0x80)),
        ("order 8, y8, x even", le("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")),
        ("order 8, y8, x odd", le("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85")),
        ("order 8, -y8, x even", le("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")),
        ("order 8, -y8, x odd", le("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa")),
        ("identity with the sign bit set", le("01", top: 0x80)),
        ("(0, -1) with the sign bit set", le("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")),
    ]

    /// y >= p: p and p + 1 (aliases of the small-order y = 0 and y = 1) with either sign bit,
    /// and the largest value, 2^255 - 1.
    static let nonCanonicalEncodings: [(String, [UInt8])] = [
        ("y = p", le("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
        ("y = p, sign bit set", le("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")),
        ("y = p + 1", le("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
        ("y = p + 1, sign bit set", le("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")),
        ("y = 2^255 - 1", le("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
    ]

    @Test(arguments: smallOrderEncodings.map(\.0))
    func ed25519SmallOrderPointIsRefused(_ name: String) throws {
        let point = try #require(Self.smallOrderEncodings.first { $0.0 == name }?.1)
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: DER.ed25519SPKI(point)) }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message
                == "Ed25519 public key is a point of small order: one fixed signature would verify for every message",
            "\(String(describing: error))")
        // OpenSSL itself takes the key: the refusal is ours.
        #expect(try PublicKey(der: DER.ed25519SPKI(point), refusingDegenerateKeys: false).type == .ed25519)
    }

    @Test(arguments: nonCanonicalEncodings.map(\.0))
    func ed25519NonCanonicalPointIsRefused(_ name: String) throws {
        let point = try #require(Self.nonCanonicalEncodings.first { $0.0 == name }?.1)
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: DER.ed25519SPKI(point)) }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message == "Ed25519 public key is not canonically encoded (its y coordinate is at least 2^255-19)",
            "\(String(describing: error))")
    }

    /// Why it matters: with the identity as public key, R = identity and S = 0 verify for every
    /// message. The same key through the trust-store path (PEM) is refused.
    @Test func identityKeyLetsOneSignatureVerifyEveryMessageAndIsRefused() throws {
        let identity = Self.le("01")
        let lenient = try PublicKey(der: DER.ed25519SPKI(identity), refusingDegenerateKeys: false)
        let forged = identity + [UInt8](repeating: 0, count: 32)
        for message in ["pay 1 USD", "pay 1000000000 USD"] {
            #expect(try lenient.verify(signature: forged, message: Array(message.utf8), algorithm: .ed25519))
        }
        let pem = DER.pem(DER.ed25519SPKI(identity), label: "PUBLIC KEY")
        let error = #expect(throws: VerifierError.self) { try OpenSSLProvider().publicKey(pem: pem) }
        #expect(error?.code == .invalidKey)
    }

    @Test func soundEd25519KeyLoads() throws {
        let key = try PublicKey(pem: try TestKeys.load().ed25519.publicPEM)
        #expect(key.type == .ed25519)
        #expect(Ed25519Point.problem(Array(key.spkiDER.suffix(32))) == nil)
    }

    // MARK: RSA

    /// 2048 bits, odd, not a real modulus: OpenSSL does not factor it on load.
    static let modulus2048: [UInt8] = [0xC5] + [UInt8](repeating: 0x5A, count: 254) + [0x9B]
    static let modulus1024: [UInt8] = [0xC5] + [UInt8](repeating: 0x5A, count: 126) + [0x9B]

    @Test(arguments: [
        ("1", [UInt8]([0x01])), ("3", [0x03]), ("2", [0x02]), ("65535", [0xFF, 0xFF]), ("65539", [0x01, 0x00, 0x03]),
        ("a 65-bit number", [0x01] + [UInt8](repeating: 0, count: 7) + [0x01]),
    ])
    func rsaExponentOtherThan65537IsRefused(_ shown: String, _ exponent: [UInt8]) throws {
        let der = DER.rsaSPKI(modulus: Self.modulus2048, exponent: exponent)
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: der) }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message
                == "RSA public exponent is \(shown); only 65537 is accepted (e = 1 makes any signature verify; small "
                + "or even exponents are unsafe)",
            "\(String(describing: error))")
        #expect(try PublicKey(der: der, refusingDegenerateKeys: false).type == .rsa(bits: 2048))
    }

    @Test func rsaModulusUnder2048BitsIsRefused() {
        let der = DER.rsaSPKI(modulus: Self.modulus1024, exponent: [0x01, 0x00, 0x01])
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: der) }
        #expect(error?.code == .invalidKey)
        #expect(error?.message == "RSA modulus is 1024 bits; the verifier needs at least 2048")
    }

    @Test func rsaKeyWithExponent65537And2048BitsLoads() throws {
        let key = try PublicKey(der: DER.rsaSPKI(modulus: Self.modulus2048, exponent: [0x01, 0x00, 0x01]))
        #expect(key.type == .rsa(bits: 2048))
    }

    /// `openssl genpkey` can make e = 3: the trust store's PEM path refuses it.
    @Test func generatedRSAKeyWithExponent3IsRefused() throws {
        let openssl = try OpenSSLTool.locate()
        let pem = try withTemporaryDirectory { dir in
            try openssl.check(
                [
                    "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                    "rsa_keygen_pubexp:3",
                    "-out", "e3.key",
                ], in: dir)
            try openssl.check(["pkey", "-in", "e3.key", "-pubout", "-out", "e3.pub"], in: dir)
            return try dir.read("e3.pub")
        }
        let error = #expect(throws: VerifierError.self) { try OpenSSLProvider().publicKey(pem: pem) }
        #expect(
            error?.message
                == "RSA public exponent is 3; only 65537 is accepted (e = 1 makes any signature verify; small or "
                + "even exponents are unsafe)",
            "\(String(describing: error))")
    }

    // MARK: EC

    /// The point at infinity (a single 0x00 octet) decodes in OpenSSL; only the public-key check
    /// refuses it, which shows that the check runs.
    @Test(arguments: ["P-256", "P-384"])
    func ecPointAtInfinityIsRefused(_ curve: String) throws {
        let der = DER.ecSPKI(curve: curve == "P-256" ? DER.p256 : DER.p384, point: [0x00])
        let lenient = try PublicKey(der: der, refusingDegenerateKeys: false)
        #expect(lenient.type == (curve == "P-256" ? .ecP256 : .ecP384))
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: der) }
        #expect(error?.code == .invalidKey)
        #expect(error?.message == "EC public key is not a valid point of its curve (point at infinity)")
    }

    @Test(arguments: ["P-256", "P-384"])
    func ecPointOffTheCurveIsRefused(_ curve: String) throws {
        let keys = try TestKeys.load()
        var der = try PublicKey(pem: curve == "P-256" ? keys.p256.publicPEM : keys.p384.publicPEM).spkiDER
        der[der.count - 1] ^= 0x01  // y + 1 or y - 1: no longer on the curve
        let error = #expect(throws: VerifierError.self) { try PublicKey(der: der) }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message.hasPrefix("EC public key is not a point of its curve") == true,
            "\(String(describing: error))")
        #expect(throws: VerifierError.self) { try PublicKey(der: der, refusingDegenerateKeys: false) }
    }

    // MARK: Helpers

    /// 32 bytes little-endian: `hex` (low bytes first) padded with zeros, the last byte OR `top`.
    static func le(_ hex: String, top: UInt8 = 0) -> [UInt8] {
        var bytes = [UInt8](hex: hex) ?? []
        bytes += [UInt8](repeating: 0, count: 32 - bytes.count)
        bytes[31] |= top
        return bytes
    }
}

/// Just enough DER to build SubjectPublicKeyInfo structures by hand.
enum DER {
    static let p256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    static let p384: [UInt8] = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
    static let ecPublicKey: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let rsaEncryption: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        guard content.count >= 0x80 else { return [tag, UInt8(content.count)] + content }
        var length: [UInt8] = []
        var n = content.count
        while n > 0 {
            length.insert(UInt8(n & 0xFF), at: 0)
            n >>= 8
        }
        return [tag, 0x80 | UInt8(length.count)] + length + content
    }

    static func integer(_ bigEndian: [UInt8]) -> [UInt8] {
        tlv(0x02, (bigEndian.first ?? 0) >= 0x80 ? [0] + bigEndian : bigEndian)
    }

    static func ed25519SPKI(_ point: [UInt8]) -> [UInt8] {
        tlv(0x30, tlv(0x30, [0x06, 0x03, 0x2B, 0x65, 0x70]) + tlv(0x03, [0] + point))
    }

    static func rsaSPKI(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        let key = tlv(0x30, integer(modulus) + integer(exponent))
        return tlv(0x30, tlv(0x30, rsaEncryption) + tlv(0x03, [0] + key))
    }

    static func ecSPKI(curve: [UInt8], point: [UInt8]) -> [UInt8] {
        tlv(0x30, tlv(0x30, ecPublicKey + curve) + tlv(0x03, [0] + point))
    }

    static func pem(_ der: [UInt8], label: String) -> [UInt8] {
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Array("-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".utf8)
    }
}
