import Foundation

/// A key pair as `openssl genpkey` wrote it, with its key id.
public struct KeyPair: Sendable {
    public let name: String
    public let privatePEM: [UInt8]
    public let publicPEM: [UInt8]
    /// Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER, computed by the openssl tool.
    public let id: String

    public init(name: String, privatePEM: [UInt8], publicPEM: [UInt8], id: String) {
        self.name = name
        self.privatePEM = privatePEM
        self.publicPEM = publicPEM
        self.id = id
    }
}

/// The test targets' one set of keys, made once per test run with the `openssl` tool and kept in
/// memory. Generating RSA keys takes a while, so every test shares one set; a test that needs files
/// writes the bytes into its own temporary directory.
public struct TestKeys: Sendable {
    public let ed25519: KeyPair
    /// A second Ed25519 key (another key of the same issuer, or of another issuer).
    public let ed25519B: KeyPair
    public let p256: KeyPair
    /// A P-256 key that no trust store lists.
    public let attackerP256: KeyPair
    public let p384: KeyPair
    public let rsa2048: KeyPair
    public let rsa1024: KeyPair
    public let x25519: KeyPair
    public let secp256k1: KeyPair
    /// The P-256 public key with explicit curve parameters instead of the curve's name.
    public let p256ExplicitPublicPEM: [UInt8]
    /// A self-signed certificate for the P-256 key.
    public let certificatePEM: [UInt8]
    /// The RSA-2048 public key as PKCS #1 `RSA PUBLIC KEY`.
    public let rsaPKCS1PublicPEM: [UInt8]
    /// The P-256 private key in the traditional `EC PRIVATE KEY` form.
    public let p256TraditionalPEM: [UInt8]

    /// The shared set, or the reason it could not be made (reported by each test that needs it).
    public static let shared: Result<TestKeys, TestFailure> = .setUp("could not generate test keys") { try generate() }

    /// The shared set; throws (failing the calling test) if it could not be made.
    public static func load() throws -> TestKeys { try shared.get() }

    private static func generate() throws -> TestKeys {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            func pair(_ name: String, _ options: [String]) throws -> KeyPair {
                try openssl.check(["genpkey"] + options + ["-out", "\(name).key"], in: dir)
                try openssl.check(["pkey", "-in", "\(name).key", "-pubout", "-out", "\(name).pub"], in: dir)
                try openssl.check(
                    ["pkey", "-pubin", "-in", "\(name).pub", "-outform", "DER", "-out", "\(name).der"], in: dir)
                let digest = try openssl.check(["dgst", "-sha256", "-r", "\(name).der"], in: dir)
                let id = String(String(decoding: digest, as: UTF8.self).prefix(64))
                return KeyPair(
                    name: name, privatePEM: try dir.read("\(name).key"), publicPEM: try dir.read("\(name).pub"), id: id)
            }
            let ec = ["-algorithm", "EC", "-pkeyopt", "ec_param_enc:named_curve", "-pkeyopt"]
            let ed25519 = try pair("ed25519", ["-algorithm", "ED25519"])
            let ed25519B = try pair("ed25519b", ["-algorithm", "ED25519"])
            let p256 = try pair("p256", ec + ["ec_paramgen_curve:P-256"])
            let attackerP256 = try pair("attacker", ec + ["ec_paramgen_curve:P-256"])
            let p384 = try pair("p384", ec + ["ec_paramgen_curve:P-384"])
            let rsa2048 = try pair("rsa2048", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            let rsa1024 = try pair("rsa1024", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
            let x25519 = try pair("x25519", ["-algorithm", "X25519"])
            let secp256k1 = try pair("secp256k1", ec + ["ec_paramgen_curve:secp256k1"])
            try openssl.check(
                ["ec", "-in", "p256.key", "-pubout", "-param_enc", "explicit", "-out", "explicit.pub"], in: dir)
            try openssl.check(
                ["req", "-x509", "-new", "-key", "p256.key", "-subj", "/CN=x", "-days", "1", "-out", "cert.pem"],
                in: dir)
            try openssl.check(
                ["rsa", "-pubin", "-in", "rsa2048.pub", "-RSAPublicKey_out", "-out", "pkcs1.pub"], in: dir)
            try openssl.check(["ec", "-in", "p256.key", "-out", "traditional.key"], in: dir)
            return TestKeys(
                ed25519: ed25519, ed25519B: ed25519B, p256: p256, attackerP256: attackerP256, p384: p384,
                rsa2048: rsa2048, rsa1024: rsa1024, x25519: x25519, secp256k1: secp256k1,
                p256ExplicitPublicPEM: try dir.read("explicit.pub"),
                certificatePEM: try dir.read("cert.pem"),
                rsaPKCS1PublicPEM: try dir.read("pkcs1.pub"),
                p256TraditionalPEM: try dir.read("traditional.key"))
        }
    }
}
