/// A signature algorithm the verifier accepts. The raw value is what `trust.json` names.
public enum SignatureAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    case ed25519 = "ed25519"
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"
    case ecdsaP384SHA384 = "ecdsa-p384-sha384"
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32 (set explicitly, never detected).
    case rsaPSSSHA256 = "rsa-pss-sha256"
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rsaPKCS1SHA256 = "rsa-pkcs1-sha256"

    /// The key type this algorithm needs.
    public func accepts(_ type: KeyType) -> Bool {
        switch (self, type) {
        case (.ed25519, .ed25519), (.ecdsaP256SHA256, .ecP256), (.ecdsaP384SHA384, .ecP384): true
        case (.rsaPSSSHA256, .rsa(let bits)), (.rsaPKCS1SHA256, .rsa(let bits)): bits >= 2048
        default: false
        }
    }

    /// The JOSE `alg` name (RFC 7518, RFC 8037).
    public var joseName: String {
        switch self {
        case .ed25519: "EdDSA"
        case .ecdsaP256SHA256: "ES256"
        case .ecdsaP384SHA384: "ES384"
        case .rsaPSSSHA256: "PS256"
        case .rsaPKCS1SHA256: "RS256"
        }
    }

    public init?(joseName: String) {
        guard let match = Self.allCases.first(where: { $0.joseName == joseName }) else { return nil }
        self = match
    }

    /// Size of an ECDSA signature as raw `r || s` (IEEE P1363, JWS), or nil for other algorithms.
    public var rawECDSASignatureLength: Int? {
        switch self {
        case .ecdsaP256SHA256: 64
        case .ecdsaP384SHA384: 96
        default: nil
        }
    }
}

/// How an ECDSA signature is encoded. Other algorithms ignore it.
public enum ECDSASignatureEncoding: String, Sendable, Hashable {
    /// DER `SEQUENCE { INTEGER r, INTEGER s }`: DSSE, detached, `openssl dgst -sign`.
    case der
    /// Fixed-length big-endian `r || s`: JWS (RFC 7518 §3.4), WebCrypto.
    case raw
}

/// The type of a public key, as read from its SubjectPublicKeyInfo.
public enum KeyType: Sendable, Hashable, CustomStringConvertible {
    case ed25519
    case ecP256
    case ecP384
    case rsa(bits: Int)
    /// A key the verifier parsed but never uses (another curve, DSA, X25519...).
    case unsupported(String)

    public var description: String {
        switch self {
        case .ed25519: "Ed25519"
        case .ecP256: "EC P-256"
        case .ecP384: "EC P-384"
        case .rsa(let bits): "RSA-\(bits)"
        case .unsupported(let name): "unsupported (\(name))"
        }
    }
}

/// A public key ready to verify signatures. ReserveCrypto implements it over OpenSSL.
///
/// - Warning: `verify` returns `false` only for a signature that is invalid. A failure of the
///   library itself must be thrown as ``VerifierError/Code-swift.enum/cryptoLibrary``, never folded
///   into `false`.
public protocol VerificationKey: Sendable {
    /// Lowercase hex SHA-256 of the key's SubjectPublicKeyInfo DER.
    var id: String { get }
    var type: KeyType { get }
    func verify(
        signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm,
        encoding: ECDSASignatureEncoding
    ) throws(VerifierError) -> Bool
}

/// What the pure core needs from a cryptographic library: hashing and key loading.
public protocol CryptoProvider: Sendable {
    func sha256(_ bytes: [UInt8]) -> [UInt8]
    /// Loads exactly one PEM `PUBLIC KEY` (SubjectPublicKeyInfo). Private keys, certificates and
    /// files with more than one PEM block are rejected with ``VerifierError/Code-swift.enum/invalidKey``.
    func publicKey(pem: [UInt8]) throws(VerifierError) -> any VerificationKey
    /// Verifies an RFC 3161 token (a DER `TimeStampResp`, or a bare `TimeStampToken`) whose
    /// message imprint must be SHA-256 of `message`, signed by one of `authorities`.
    ///
    /// Every fault of the token (malformed, other imprint, untrusted or expired TSA, a time
    /// outside the authority's listed validity) is an invalid ``TimestampCheck`` with a reason.
    /// - Throws: only ``VerifierError/Code-swift.enum/cryptoLibrary`` when the library itself fails.
    func verifyTimestamp(
        _ token: [UInt8], message: [UInt8],
        authorities: [TimestampAuthority]
    ) throws(VerifierError) -> TimestampCheck
    /// The cryptographic library in use at run time (e.g. "OpenSSL 3.0.19 27 Jan 2026"), which the
    /// ledger and the signed verification record keep with each evaluation.
    var libraryVersion: String { get }
}

extension CryptoProvider {
    /// A provider that does not say (a test double): "unknown".
    public var libraryVersion: String { "unknown" }
}

extension Array where Element == UInt8 {
    /// Lowercase hex.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
