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
