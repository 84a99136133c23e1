import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@Suite struct PrivateKeyTests {
    @Test func defaultAlgorithmFollowsTheKeyType() throws {
        let keys = try TestKeys.load()
        let expected: [([UInt8], KeyType, SignatureAlgorithm)] = [
            (keys.ed25519.privatePEM, .ed25519, .ed25519),
            (keys.p256.privatePEM, .ecP256, .ecdsaP256SHA256),
            (keys.p384.privatePEM, .ecP384, .ecdsaP384SHA384),
            (keys.rsa2048.privatePEM, .rsa(bits: 2048), .rsaPSSSHA256),
        ]
        for (pem, type, algorithm) in expected {
            let key = try PrivateKey(pem: pem)
            #expect(key.type == type)
            #expect(key.defaultAlgorithm == algorithm)
            #expect(key.publicKey.type == type)
            let message = Array("default \(algorithm.rawValue)".utf8)
            let signature = try key.sign(message, algorithm: key.defaultAlgorithm)
            #expect(
                try key.publicKey.verify(signature: signature, message: message, algorithm: algorithm, encoding: .der))
        }
    }

    @Test func unsuitableOrProtectedKeysAreRejected() throws {
        let keys = try TestKeys.load()
        let openssl = try OpenSSLTool.locate()
        let (pkcs8Encrypted, traditionalEncrypted) = try withTemporaryDirectory { dir in
            try dir.write(keys.p256.privatePEM, to: "key.pem")
            try openssl.check(
                ["pkey", "-in", "key.pem", "-aes256", "-passout", "pass:secret", "-out", "p8.pem"], in: dir)
            try openssl.check(
                ["ec", "-in", "key.pem", "-aes256", "-passout", "pass:secret", "-out", "trad.pem"], in: dir)
            return (try dir.read("p8.pem"), try dir.read("trad.pem"))
        }
        let cases: [(String, [UInt8], String)] = [
            ("public key", keys.p256.publicPEM, "'PUBLIC KEY' PEM block, not a private key"),
            ("PKCS #8 encrypted", pkcs8Encrypted, "private key is encrypted"),
            ("traditional encrypted", traditionalEncrypted, "could not be read"),
            ("RSA-1024", keys.rsa1024.privatePEM, "at least 2048"),
            ("X25519", keys.x25519.privatePEM, "X25519 is not supported"),
            ("two keys", keys.p256.privatePEM + keys.ed25519.privatePEM, "found 2"),
            ("trailing text", keys.p256.privatePEM + Array("x".utf8), "text outside"),
            ("empty", [], "is empty"),
        ]
        for (name, pem, fragment) in cases {
            let error = #expect(throws: VerifierError.self, "\(name)") { try PrivateKey(pem: pem) }
            #expect(error?.code == .invalidKey, "\(name)")
            #expect(
                error?.message.contains(fragment) == true,
                "\(name): '\(error?.message ?? "")' should contain '\(fragment)'")
        }
    }

    @Test func signingWithAnUnsuitableAlgorithmThrowsInvalidKey() throws {
        let key = try PrivateKey(pem: try TestKeys.load().p256.privatePEM)
        let error = #expect(throws: VerifierError.self) { try key.sign([1], algorithm: .ecdsaP384SHA384) }
        #expect(error?.code == .invalidKey)
    }

    @Test func rsaPSSSignaturesAreRandomizedAndPKCS1SignaturesAreNot() throws {
        let key = try PrivateKey(pem: try TestKeys.load().rsa2048.privatePEM)
        let message = Array("salt".utf8)
        let pss = try (key.sign(message, algorithm: .rsaPSSSHA256), key.sign(message, algorithm: .rsaPSSSHA256))
        let pkcs1 = try (key.sign(message, algorithm: .rsaPKCS1SHA256), key.sign(message, algorithm: .rsaPKCS1SHA256))
        #expect(pss.0 != pss.1)  // a 32-byte random salt
        #expect(pkcs1.0 == pkcs1.1)  // deterministic padding
        #expect(pss.0.count == 256 && pkcs1.0.count == 256)
    }
}
