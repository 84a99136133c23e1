import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Signatures and key ids agree with the `openssl` command-line tool in both directions.
@Suite struct OpenSSLInteropTests {
    /// One signature scheme, with the `openssl` arguments that sign and verify with it.
    enum Scheme: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case ed25519, ecdsaP256, ecdsaP384, rsaPKCS1, rsaPSS

        var testDescription: String { rawValue }

        var algorithm: SignatureAlgorithm {
            switch self {
            case .ed25519: .ed25519
            case .ecdsaP256: .ecdsaP256SHA256
            case .ecdsaP384: .ecdsaP384SHA384
            case .rsaPKCS1: .rsaPKCS1SHA256
            case .rsaPSS: .rsaPSSSHA256
            }
        }

        func pair(_ keys: TestKeys) -> KeyPair {
            switch self {
            case .ed25519: keys.ed25519
            case .ecdsaP256: keys.p256
            case .ecdsaP384: keys.p384
            case .rsaPKCS1, .rsaPSS: keys.rsa2048
            }
        }

        /// `-sha256` or `-sha384`, then the PSS options if any.
        private func digestOptions(saltLength: Int = 32) -> [String] {
            switch self {
            case .ed25519: []
            case .ecdsaP256, .rsaPKCS1: ["-sha256"]
            case .ecdsaP384: ["-sha384"]
            case .rsaPSS:
                [
                    "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:\(saltLength)",
                    "-sigopt", "rsa_mgf1_md:sha256",
                ]
            }
        }

        /// Signs file `msg` with `key.pem` into `sig`.
        func signArguments(saltLength: Int = 32) -> [String] {
            switch self {
            case .ed25519: ["pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "msg", "-out", "sig"]
            default: ["dgst"] + digestOptions(saltLength: saltLength) + ["-sign", "key.pem", "-out", "sig", "msg"]
            }
        }

        /// Verifies `sig` over file `msg` with `pub.pem`; exits 0 only if the signature is valid.
        func verifyArguments() -> [String] {
            switch self {
            case .ed25519:
                ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig"]
            default: ["dgst"] + digestOptions() + ["-verify", "pub.pem", "-signature", "sig", "msg"]
            }
        }
    }

    static let message = Array("reserve attestation 2026-11-22: 1,000,000.00 USD\u{0}\u{7f}".utf8)

    @Test(arguments: Scheme.allCases)
    func signatureMadeByOpenSSLVerifies(_ scheme: Scheme) throws {
        let keys = try TestKeys.load()
        let openssl = try OpenSSLTool.locate()
        let pair = scheme.pair(keys)
        let signature = try withTemporaryDirectory { dir in
            try dir.write(pair.privatePEM, to: "key.pem")
            try dir.write(Self.message, to: "msg")
            try openssl.check(scheme.signArguments(), in: dir)
            return try dir.read("sig")
        }
        let key = try PublicKey(pem: pair.publicPEM)
        #expect(
            try key.verify(signature: signature, message: Self.message, algorithm: scheme.algorithm, encoding: .der))

        var tamperedMessage = Self.message
        tamperedMessage[3] ^= 0x01
        #expect(
            try !key.verify(signature: signature, message: tamperedMessage, algorithm: scheme.algorithm, encoding: .der)
        )

        var tamperedSignature = signature
        tamperedSignature[tamperedSignature.count - 1] ^= 0x01
        #expect(
            try !key.verify(
                signature: tamperedSignature, message: Self.message, algorithm: scheme.algorithm, encoding: .der))
    }

    @Test(arguments: Scheme.allCases)
    func signatureMadeByPrivateKeyVerifiesWithOpenSSL(_ scheme: Scheme) throws {
        let keys = try TestKeys.load()
        let openssl = try OpenSSLTool.locate()
        let pair = scheme.pair(keys)
        let privateKey = try PrivateKey(pem: pair.privatePEM)
        let signature = try privateKey.sign(Self.message, algorithm: scheme.algorithm)
        try withTemporaryDirectory { dir in
            try dir.write(pair.publicPEM, to: "pub.pem")
            try dir.write(signature, to: "sig")
            try dir.write(Self.message, to: "msg")
            let accepted = try openssl.run(scheme.verifyArguments(), in: dir)
            #expect(accepted.status == 0, "openssl rejected our \(scheme) signature: \(accepted.stderr)")

            // Control: the same command must fail on another message, or the check above proves nothing.
            var tampered = Self.message
            tampered[0] ^= 0x01
            try dir.write(tampered, to: "msg")
            let rejected = try openssl.run(scheme.verifyArguments(), in: dir)
            #expect(rejected.status != 0, "openssl accepted our \(scheme) signature over a different message")
        }
        #expect(
            try privateKey.publicKey.verify(
                signature: signature, message: Self.message,
                algorithm: scheme.algorithm, encoding: .der))
    }

    @Test(arguments: [Scheme.ecdsaP256, .ecdsaP384])
    func rawECDSASignatureFromPrivateKeyVerifies(_ scheme: Scheme) throws {
        let privateKey = try PrivateKey(pem: scheme.pair(try TestKeys.load()).privatePEM)
        let raw = try privateKey.sign(Self.message, algorithm: scheme.algorithm, encoding: .raw)
        #expect(raw.count == scheme.algorithm.rawECDSASignatureLength)
        #expect(
            try privateKey.publicKey.verify(
                signature: raw, message: Self.message, algorithm: scheme.algorithm,
                encoding: .raw))
        // The same bytes read as DER are not a signature.
        #expect(
            try !privateKey.publicKey.verify(
                signature: raw, message: Self.message, algorithm: scheme.algorithm,
                encoding: .der))
    }

    @Test(arguments: Scheme.allCases)
    func keyIDIsSHA256OfTheDEREncodingOpenSSLWrites(_ scheme: Scheme) throws {
        let keys = try TestKeys.load()
        let openssl = try OpenSSLTool.locate()
        let pair = scheme.pair(keys)
        let expected = try withTemporaryDirectory { dir in
            try dir.write(pair.publicPEM, to: "pub.pem")
            try openssl.check(["pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der"], in: dir)
            try openssl.check(["dgst", "-sha256", "-binary", "-out", "id.bin", "pub.der"], in: dir)
            return (der: try dir.read("pub.der"), id: try dir.read("id.bin").hex)
        }
        let key = try PublicKey(pem: pair.publicPEM)
        #expect(key.id == expected.id)
        #expect(key.spkiDER == expected.der)
        #expect(try PrivateKey(pem: pair.privatePEM).publicKey.id == expected.id)
        #expect(try PublicKey(der: expected.der).id == expected.id)
    }

    /// rsa-pss-sha256 means a 32-byte salt; OpenSSL's salt-length detection would accept 20.
    @Test func rsaPSSSignatureWithTwentyByteSaltIsRejected() throws {
        let keys = try TestKeys.load()
        let openssl = try OpenSSLTool.locate()
        let signature = try withTemporaryDirectory { dir in
            try dir.write(keys.rsa2048.privatePEM, to: "key.pem")
            try dir.write(Self.message, to: "msg")
            try openssl.check(Scheme.rsaPSS.signArguments(saltLength: 20), in: dir)
            return try dir.read("sig")
        }
        let key = try PublicKey(pem: keys.rsa2048.publicPEM)
        #expect(try !key.verify(signature: signature, message: Self.message, algorithm: .rsaPSSSHA256, encoding: .der))
        // The signature itself is fine, only the salt length differs: as PKCS #1 v1.5 it fails too.
        #expect(
            try !key.verify(signature: signature, message: Self.message, algorithm: .rsaPKCS1SHA256, encoding: .der))
    }

    @Test func traditionalECPrivateKeyLoadsAndSigns() throws {
        let keys = try TestKeys.load()
        let traditional = try PrivateKey(pem: keys.p256TraditionalPEM)
        #expect(traditional.type == .ecP256)
        #expect(traditional.publicKey.id == (try PublicKey(pem: keys.p256.publicPEM)).id)
        let signature = try traditional.sign([], algorithm: .ecdsaP256SHA256)
        #expect(
            try traditional.publicKey.verify(
                signature: signature, message: [], algorithm: .ecdsaP256SHA256, encoding: .der))
    }
}
