import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

/// The signature algorithms the verifier accepts, as the tests name them.
enum Algorithm: String, CaseIterable, Sendable, CustomStringConvertible {
    case ed25519 = "Ed25519"
    case p256 = "ECDSA P-256"
    case p384 = "ECDSA P-384"
    case rsaPSS = "RSA-PSS SHA-256"
    case rsaPKCS1 = "RSA PKCS#1 v1.5 SHA-256"

    var description: String { rawValue }

    var signatureAlgorithm: SignatureAlgorithm {
        switch self {
        case .ed25519: .ed25519
        case .p256: .ecdsaP256SHA256
        case .p384: .ecdsaP384SHA384
        case .rsaPSS: .rsaPSSSHA256
        case .rsaPKCS1: .rsaPKCS1SHA256
        }
    }

    /// The JOSE `alg` (RFC 7518, RFC 8037).
    var jose: String {
        switch self {
        case .ed25519: "EdDSA"
        case .p256: "ES256"
        case .p384: "ES384"
        case .rsaPSS: "PS256"
        case .rsaPKCS1: "RS256"
        }
    }

    /// The byte length of one of r, s for ECDSA; nil otherwise.
    var ecdsaScalarLength: Int? {
        switch self {
        case .p256: 32
        case .p384: 48
        default: nil
        }
    }

    func key(in keys: TestKeys) -> KeyPair {
        switch self {
        case .ed25519: keys.ed25519
        case .p256: keys.p256
        case .p384: keys.p384
        case .rsaPSS, .rsaPKCS1: keys.rsa2048
        }
    }
}

/// A key pair as `openssl genpkey` wrote it, with its key id.
struct KeyPair: Sendable {
    let name: String
    let privatePEM: [UInt8]
    let publicPEM: [UInt8]
    /// Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER, computed by the openssl tool.
    let id: String
}

/// Keys made once per test run with `openssl genpkey`, kept in memory.
struct TestKeys: Sendable {
    let ed25519: KeyPair
    /// A second Ed25519 key (another key of the same issuer, or of another issuer).
    let ed25519B: KeyPair
    let p256: KeyPair
    /// A P-256 key that no trust store lists.
    let attackerP256: KeyPair
    let p384: KeyPair
    let rsa2048: KeyPair
    let rsa1024: KeyPair

    static let shared: Result<TestKeys, TestFailure> = .setUp("could not generate test keys") { try generate() }

    static func load() throws -> TestKeys { try shared.get() }

    private static func generate() throws -> TestKeys {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            func pair(_ name: String, _ options: [String]) throws -> KeyPair {
                try openssl.check(["genpkey"] + options + ["-out", "\(name).key"], in: dir)
                try openssl.check(["pkey", "-in", "\(name).key", "-pubout", "-out", "\(name).pub"], in: dir)
                try openssl.check(["pkey", "-pubin", "-in", "\(name).pub", "-outform", "DER", "-out", "\(name).der"], in: dir)
                let digest = try openssl.check(["dgst", "-sha256", "-r", "\(name).der"], in: dir)
                let id = String(String(decoding: digest, as: UTF8.self).prefix(64))
                return KeyPair(name: name, privatePEM: try dir.read("\(name).key"), publicPEM: try dir.read("\(name).pub"), id: id)
            }
            let ec = ["-algorithm", "EC", "-pkeyopt", "ec_param_enc:named_curve", "-pkeyopt"]
            return TestKeys(
                ed25519: try pair("ed25519", ["-algorithm", "ED25519"]),
                ed25519B: try pair("ed25519b", ["-algorithm", "ED25519"]),
                p256: try pair("p256", ec + ["ec_paramgen_curve:P-256"]),
                attackerP256: try pair("attacker", ec + ["ec_paramgen_curve:P-256"]),
                p384: try pair("p384", ec + ["ec_paramgen_curve:P-384"]),
                rsa2048: try pair("rsa2048", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
                rsa1024: try pair("rsa1024", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]))
        }
    }
}

/// Signs the way issuers' own tooling does: with the openssl command-line tool.
enum OpenSSLSigner {
    /// A signature over `message` as openssl writes it: DER for ECDSA, raw for Ed25519 and RSA.
    static func sign(_ message: [UInt8], with key: KeyPair, algorithm: Algorithm) throws -> [UInt8] {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(key.privatePEM, to: "key.pem")
            try dir.write(message, to: "message")
            try openssl.check(arguments(algorithm, key: "key.pem", input: "message", output: "sig"), in: dir)
            return try dir.read("sig")
        }
    }

    /// The openssl command line that signs `input` into `output`.
    static func arguments(_ algorithm: Algorithm, key: String, input: String, output: String) -> [String] {
        switch algorithm {
        case .ed25519:
            return ["pkeyutl", "-sign", "-rawin", "-inkey", key, "-in", input, "-out", output]
        case .p256:
            return ["dgst", "-sha256", "-sign", key, "-out", output, input]
        case .p384:
            return ["dgst", "-sha384", "-sign", key, "-out", output, input]
        case .rsaPSS:
            return ["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                    "-sigopt", "rsa_mgf1_md:sha256", "-sign", key, "-out", output, input]
        case .rsaPKCS1:
            return ["dgst", "-sha256", "-sign", key, "-out", output, input]
        }
    }

    /// `openssl base64 -A` of `bytes`, as an issuer writes a text `.sig` file.
    static func base64Text(_ bytes: [UInt8]) throws -> [UInt8] {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(bytes, to: "sig")
            return try openssl.check(["base64", "-A", "-in", "sig"], in: dir)
        }
    }

    /// HMAC-SHA256 of `message` under `key`, computed by openssl (for the HS256 confusion attack).
    static func hmacSHA256(_ message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(message, to: "message")
            let out = try openssl.check(["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:\(key.hex)", "-r", "message"], in: dir)
            guard let mac = [UInt8](hex: String(String(decoding: out, as: UTF8.self).prefix(64))) else {
                throw TestFailure("openssl dgst -mac HMAC printed no hex digest")
            }
            return mac
        }
    }
}

/// DER `SEQUENCE { INTEGER r, INTEGER s }` to fixed-length `r || s` (RFC 7518 §3.4).
enum ECDSARaw {
    static func fromDER(_ der: [UInt8], scalarLength n: Int) throws -> [UInt8] {
        var i = 0
        func byte() throws -> UInt8 {
            guard i < der.count else { throw TestFailure("truncated ECDSA DER signature") }
            defer { i += 1 }
            return der[i]
        }
        func length() throws -> Int {
            let first = try byte()
            if first < 0x80 { return Int(first) }
            var value = 0
            for _ in 0..<Int(first & 0x7F) { value = value << 8 | Int(try byte()) }
            return value
        }
        func integer() throws -> [UInt8] {
            guard try byte() == 0x02 else { throw TestFailure("ECDSA DER: expected INTEGER") }
            let count = try length()
            guard i + count <= der.count else { throw TestFailure("ECDSA DER: INTEGER overruns") }
            var value = Array(der[i..<(i + count)])
            i += count
            while value.count > n, value.first == 0 { value.removeFirst() }
            guard value.count <= n else { throw TestFailure("ECDSA DER: INTEGER longer than \(n) bytes") }
            return [UInt8](repeating: 0, count: n - value.count) + value
        }
        guard try byte() == 0x30 else { throw TestFailure("ECDSA DER: expected SEQUENCE") }
        _ = try length()
        return try integer() + integer()
    }
}

/// JWS compact serialisation built by hand (header JSON as given).
enum JWS {
    static func b64url(_ bytes: [UInt8]) -> String { Base64.encode(bytes, alphabet: .url) }

    static func signingInput(header: String, payload: [UInt8]) -> [UInt8] {
        Array("\(b64url(Array(header.utf8))).\(b64url(payload))".utf8)
    }

    static func compact(header: String, payload: [UInt8], signature: [UInt8]) -> [UInt8] {
        Array("\(b64url(Array(header.utf8))).\(b64url(payload)).\(b64url(signature))\n".utf8)
    }

    /// A JWS signed with openssl, ECDSA converted to raw r || s.
    static func signed(payload: [UInt8], key: KeyPair, algorithm: Algorithm, header: String? = nil) throws -> [UInt8] {
        let header = header ?? #"{"alg":"\#(algorithm.jose)","kid":"\#(key.id)","typ":"application/vnd.reserve-attestation.v1+json"}"#
        var signature = try OpenSSLSigner.sign(signingInput(header: header, payload: payload), with: key, algorithm: algorithm)
        if let n = algorithm.ecdsaScalarLength { signature = try ECDSARaw.fromDER(signature, scalarLength: n) }
        return compact(header: header, payload: payload, signature: signature)
    }
}
