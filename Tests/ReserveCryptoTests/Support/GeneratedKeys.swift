import Foundation
import TestSupport

/// Keys made once per test run with the `openssl` tool, kept in memory.
///
/// Generating RSA keys takes a while, so every test shares one set; a test that needs files
/// writes the bytes into its own temporary directory.
struct GeneratedKeys: Sendable {
    /// A private key with its public key, both PEM as `openssl` wrote them.
    struct Pair: Sendable {
        let privatePEM: [UInt8]
        let publicPEM: [UInt8]
    }

    let ed25519: Pair
    let p256: Pair
    let p384: Pair
    let rsa2048: Pair
    let rsa1024: Pair
    let x25519: Pair
    let secp256k1: Pair
    /// The P-256 public key with explicit curve parameters instead of the curve's name.
    let p256ExplicitPublicPEM: [UInt8]
    /// A self-signed certificate for the P-256 key.
    let certificatePEM: [UInt8]
    /// The RSA-2048 public key as PKCS #1 `RSA PUBLIC KEY`.
    let rsaPKCS1PublicPEM: [UInt8]
    /// The P-256 private key in the traditional `EC PRIVATE KEY` form.
    let p256TraditionalPEM: [UInt8]

    /// The shared set, or the reason it could not be made (reported by each test that needs it).
    static let shared: Result<GeneratedKeys, TestFailure> = .setUp("could not generate test keys") { try generate() }

    /// The shared set; throws (failing the calling test) if it could not be made.
    static func load() throws -> GeneratedKeys {
        try shared.get()
    }

    private static func generate() throws -> GeneratedKeys {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            func pair(_ name: String, _ genpkeyOptions: [String]) throws -> Pair {
                try openssl.check(["genpkey"] + genpkeyOptions + ["-out", "\(name).key"], in: dir)
                try openssl.check(["pkey", "-in", "\(name).key", "-pubout", "-out", "\(name).pub"], in: dir)
                return Pair(privatePEM: try dir.read("\(name).key"), publicPEM: try dir.read("\(name).pub"))
            }
            let ec = ["-algorithm", "EC", "-pkeyopt", "ec_param_enc:named_curve", "-pkeyopt"]
            let keys = (
                ed25519: try pair("ed25519", ["-algorithm", "ED25519"]),
                p256: try pair("p256", ec + ["ec_paramgen_curve:P-256"]),
                p384: try pair("p384", ec + ["ec_paramgen_curve:P-384"]),
                rsa2048: try pair("rsa2048", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
                rsa1024: try pair("rsa1024", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]),
                x25519: try pair("x25519", ["-algorithm", "X25519"]),
                secp256k1: try pair("secp256k1", ec + ["ec_paramgen_curve:secp256k1"])
            )
            try openssl.check(
                ["ec", "-in", "p256.key", "-pubout", "-param_enc", "explicit", "-out", "explicit.pub"], in: dir)
            try openssl.check(
                [
                    "req", "-x509", "-new", "-key", "p256.key", "-subj", "/CN=x", "-days", "1",
                    "-out", "cert.pem",
                ], in: dir)
            try openssl.check(
                ["rsa", "-pubin", "-in", "rsa2048.pub", "-RSAPublicKey_out", "-out", "pkcs1.pub"], in: dir)
            try openssl.check(["ec", "-in", "p256.key", "-out", "traditional.key"], in: dir)
            return GeneratedKeys(
                ed25519: keys.ed25519, p256: keys.p256, p384: keys.p384, rsa2048: keys.rsa2048,
                rsa1024: keys.rsa1024, x25519: keys.x25519, secp256k1: keys.secp256k1,
                p256ExplicitPublicPEM: try dir.read("explicit.pub"),
                certificatePEM: try dir.read("cert.pem"),
                rsaPKCS1PublicPEM: try dir.read("pkcs1.pub"),
                p256TraditionalPEM: try dir.read("traditional.key"))
        }
    }
}
