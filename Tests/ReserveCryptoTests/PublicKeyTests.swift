import Foundation
import ReserveCore
import TestSupport
import Testing

@testable import ReserveCrypto

@Suite struct PublicKeyTests {
    /// A file that `PublicKey(pem:)` must refuse, and a fragment of the message it must give.
    enum Rejection: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case pkcs8PrivateKey, traditionalPrivateKey, publicAndPrivateKey, certificate, twoPublicKeys,
            rsaPKCS1PublicKey, garbage, trailingGarbage, leadingGarbage, empty, whitespaceOnly, oversize,
            unterminatedBlock, badBase64, trailingBytesInsideDER, otherBlockType

        var testDescription: String { rawValue }

        var expectedMessage: String {
            switch self {
            case .pkcs8PrivateKey, .traditionalPrivateKey, .publicAndPrivateKey:
                "holds a private key: a trust store takes public keys only"
            case .certificate: "holds a certificate"
            case .twoPublicKeys: "holds 2 PEM blocks"
            case .rsaPKCS1PublicKey: "PKCS #1 'RSA PUBLIC KEY'"
            case .garbage: "holds no PEM block"
            case .trailingGarbage, .leadingGarbage: "text outside its PEM block"
            case .empty, .whitespaceOnly: "is empty"
            case .oversize: "larger than 64 KiB"
            case .unterminatedBlock: "without a matching END line"
            case .badBase64: "not valid base64"
            case .trailingBytesInsideDER: "bytes after the SubjectPublicKeyInfo"
            case .otherBlockType: "'EC PARAMETERS' PEM block"
            }
        }

        func pem(_ keys: TestKeys) -> [UInt8] {
            let publicKey = keys.p256.publicPEM
            switch self {
            case .pkcs8PrivateKey: return keys.p256.privatePEM
            case .traditionalPrivateKey: return keys.p256TraditionalPEM
            case .publicAndPrivateKey: return publicKey + keys.p256.privatePEM
            case .certificate: return keys.certificatePEM
            case .twoPublicKeys: return publicKey + keys.ed25519.publicPEM
            case .rsaPKCS1PublicKey: return keys.rsaPKCS1PublicPEM
            case .garbage: return Array("this is not a key\n".utf8)
            case .trailingGarbage: return publicKey + Array("garbage\n".utf8)
            case .leadingGarbage: return Array("Subject: CN=x\n".utf8) + publicKey
            case .empty: return []
            case .whitespaceOnly: return Array(" \n\t\r\n".utf8)
            case .oversize: return publicKey + [UInt8](repeating: 0x0A, count: 64 * 1024)
            case .unterminatedBlock:
                let text = String(decoding: publicKey, as: UTF8.self)
                return Array((text.components(separatedBy: "-----END").first ?? text).utf8)
            case .badBase64:
                return Array("-----BEGIN PUBLIC KEY-----\n!!!!not*base64!!!!\n-----END PUBLIC KEY-----\n".utf8)
            case .trailingBytesInsideDER:
                return Self.pemEncode(Self.derOf(publicKey) + [0x00], label: "PUBLIC KEY")
            case .otherBlockType:
                return Array("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n".utf8)
            }
        }

        private static func derOf(_ pem: [UInt8]) -> [UInt8] {
            let body = String(decoding: pem, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("-----") }
                .joined()
            return [UInt8](Data(base64Encoded: body) ?? Data())
        }

        private static func pemEncode(_ der: [UInt8], label: String) -> [UInt8] {
            let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            return Array("-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".utf8)
        }
    }

    @Test(arguments: Rejection.allCases)
    func pemThatIsNotExactlyOnePublicKeyIsRejected(_ rejection: Rejection) throws {
        let pem = rejection.pem(try TestKeys.load())
        let error = #expect(throws: VerifierError.self) { try PublicKey(pem: pem) }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message.contains(rejection.expectedMessage) == true,
            "message '\(error?.message ?? "")' should contain '\(rejection.expectedMessage)'")
    }

    @Test func publicKeySurroundedByWhitespaceLoads() throws {
        let keys = try TestKeys.load()
        let padded = Array("\n\n  ".utf8) + keys.p256.publicPEM + Array("\r\n\t\n".utf8)
        #expect(try PublicKey(pem: padded).id == (try PublicKey(pem: keys.p256.publicPEM)).id)
    }

    @Test func derWithTrailingBytesOrEmptyIsRejected() throws {
        let key = try PublicKey(pem: try TestKeys.load().ed25519.publicPEM)
        let trailing = #expect(throws: VerifierError.self) { try PublicKey(der: key.spkiDER + [0x00]) }
        #expect(trailing?.code == .invalidKey)
        let empty = #expect(throws: VerifierError.self) { try PublicKey(der: []) }
        #expect(empty?.code == .invalidKey)
        let truncated = #expect(throws: VerifierError.self) { try PublicKey(der: Array(key.spkiDER.dropLast())) }
        #expect(truncated?.code == .invalidKey)
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case ed25519, p256, p384, rsa2048, rsa1024, x25519, secp256k1, p256Explicit
        var testDescription: String { rawValue }

        var expectedType: KeyType {
            switch self {
            case .ed25519: .ed25519
            case .p256: .ecP256
            case .p384: .ecP384
            case .rsa2048: .rsa(bits: 2048)
            case .rsa1024: .rsa(bits: 1024)
            case .x25519: .unsupported("X25519")
            case .secp256k1: .unsupported("EC secp256k1")
            case .p256Explicit: .unsupported("EC with explicit curve parameters")
            }
        }

        func publicPEM(_ keys: TestKeys) -> [UInt8] {
            switch self {
            case .ed25519: keys.ed25519.publicPEM
            case .p256: keys.p256.publicPEM
            case .p384: keys.p384.publicPEM
            case .rsa2048: keys.rsa2048.publicPEM
            case .rsa1024: keys.rsa1024.publicPEM
            case .x25519: keys.x25519.publicPEM
            case .secp256k1: keys.secp256k1.publicPEM
            case .p256Explicit: keys.p256ExplicitPublicPEM
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func keyTypeIsDetected(_ kind: Kind) throws {
        // RSA-1024 is refused at load (DegenerateKeyTests); its type is read on the internal path.
        let strict = kind != .rsa1024
        let key = try PublicKey(pem: kind.publicPEM(try TestKeys.load()), refusingDegenerateKeys: strict)
        #expect(key.type == kind.expectedType)
        #expect(key.id.count == 64 && key.id.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try PublicKey(der: key.spkiDER, refusingDegenerateKeys: strict).id == key.id)
        let usable = SignatureAlgorithm.allCases.filter { $0.accepts(key.type) }
        switch kind {
        case .ed25519: #expect(usable == [.ed25519])
        case .p256: #expect(usable == [.ecdsaP256SHA256])
        case .p384: #expect(usable == [.ecdsaP384SHA384])
        case .rsa2048: #expect(usable == [.rsaPSSSHA256, .rsaPKCS1SHA256])
        case .rsa1024, .x25519, .secp256k1, .p256Explicit: #expect(usable.isEmpty)
        }
    }

    @Test func rsa1024KeyCannotVerify() throws {
        let pem = try TestKeys.load().rsa1024.publicPEM
        let refused = #expect(throws: VerifierError.self) { try PublicKey(pem: pem) }
        #expect(refused?.message == "RSA modulus is 1024 bits; the verifier needs at least 2048")
        let key = try PublicKey(pem: pem, refusingDegenerateKeys: false)
        #expect(key.type == .rsa(bits: 1024))
        #expect(!SignatureAlgorithm.rsaPKCS1SHA256.accepts(key.type))
        #expect(!SignatureAlgorithm.rsaPSSSHA256.accepts(key.type))
        let error = #expect(throws: VerifierError.self) {
            try key.verify(
                signature: [UInt8](repeating: 1, count: 128), message: [1], algorithm: .rsaPKCS1SHA256, encoding: .der)
        }
        #expect(error?.code == .invalidKey)
        #expect(
            error?.message
                == "key type RSA-1024 cannot verify algorithm rsa-pkcs1-sha256: RSA keys need at least 2048 bits")
    }

    @Test(arguments: [
        (Kind.ed25519, SignatureAlgorithm.ecdsaP256SHA256), (.p256, .ecdsaP384SHA384), (.p384, .ecdsaP256SHA256),
        (.p256, .ed25519), (.rsa2048, .ed25519), (.ed25519, .rsaPSSSHA256), (.x25519, .ed25519),
        (.secp256k1, .ecdsaP256SHA256), (.p256Explicit, .ecdsaP256SHA256),
    ])
    func algorithmThatDoesNotSuitTheKeyThrowsInvalidKey(_ kind: Kind, _ algorithm: SignatureAlgorithm) throws {
        let key = try PublicKey(pem: kind.publicPEM(try TestKeys.load()))
        let error = #expect(throws: VerifierError.self) {
            try key.verify(
                signature: [UInt8](repeating: 1, count: 64), message: [1], algorithm: algorithm, encoding: .der)
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.message == "key type \(key.type) cannot verify algorithm \(algorithm.rawValue)")
    }

    @Test func rawECDSASignatureOfWrongLengthReturnsFalse() throws {
        let privateKey = try PrivateKey(pem: try TestKeys.load().p256.privatePEM)
        let message = Array("raw".utf8)
        let raw = try privateKey.sign(message, algorithm: .ecdsaP256SHA256, encoding: .raw)
        let key = privateKey.publicKey
        #expect(try key.verify(signature: raw, message: message, algorithm: .ecdsaP256SHA256, encoding: .raw))
        let wrongLengths: [[UInt8]] = [
            [], Array(raw.dropLast()), raw + [0], [0] + raw, Array(raw.dropFirst()),
            raw + raw.suffix(32),  // 96 bytes: the P-384 length
            Array(raw.prefix(32)),
        ]
        for signature in wrongLengths {
            #expect(
                try !key.verify(signature: signature, message: message, algorithm: .ecdsaP256SHA256, encoding: .raw),
                "raw signature of \(signature.count) bytes was accepted")
        }
    }

    @Test func derECDSASignatureThatIsNotStrictDERReturnsFalse() throws {
        let privateKey = try PrivateKey(pem: try TestKeys.load().p384.privatePEM)
        let message = Array("der".utf8)
        let der = try privateKey.sign(message, algorithm: .ecdsaP384SHA384)
        let key = privateKey.publicKey
        #expect(try key.verify(signature: der, message: message, algorithm: .ecdsaP384SHA384, encoding: .der))
        // Trailing byte, BER long-form length, and an empty signature.
        let longForm = [der[0], 0x81] + der.dropFirst(1)
        for signature in [der + [0x00], longForm, []] {
            #expect(
                try !key.verify(signature: signature, message: message, algorithm: .ecdsaP384SHA384, encoding: .der))
        }
    }

    @Test func oneKeyVerifiesFromManyTasksAtOnce() async throws {
        let privateKey = try PrivateKey(pem: try TestKeys.load().ed25519.privatePEM)
        let key = privateKey.publicKey
        let message = Array("concurrent".utf8)
        let signature = try privateKey.sign(message, algorithm: .ed25519)
        var forged = signature
        forged[0] ^= 0x80
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                let candidate = index.isMultiple(of: 2) ? signature : forged
                group.addTask {
                    try key.verify(signature: candidate, message: message, algorithm: .ed25519, encoding: .der)
                }
            }
            var results: [Bool] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.count(where: { $0 }) == 100)
        #expect(results.count(where: { !$0 }) == 100)
    }
}
