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
