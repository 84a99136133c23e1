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
