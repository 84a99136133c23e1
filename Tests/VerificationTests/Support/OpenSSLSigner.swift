import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

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
            return [
                "dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                "-sigopt", "rsa_mgf1_md:sha256", "-sign", key, "-out", output, input,
            ]
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
            let out = try openssl.check(
                ["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:\(key.hex)", "-r", "message"], in: dir)
            guard let mac = [UInt8](hex: String(String(decoding: out, as: UTF8.self).prefix(64))) else {
                throw TestFailure("openssl dgst -mac HMAC printed no hex digest")
            }
            return mac
        }
    }
}
