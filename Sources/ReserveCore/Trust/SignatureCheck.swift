public struct SignatureCheck: Sendable, Hashable {
    /// Position in the envelope's signature list.
    public var index: Int
    /// The trusted key that verified it, else the envelope's hint.
    public var keyID: String?
    public var role: KeyRole?
    public var algorithm: SignatureAlgorithm?
    public var status: SignatureStatus
    public var reason: String
    /// An earlier entry already counted this key.
    public var duplicate: Bool
}
