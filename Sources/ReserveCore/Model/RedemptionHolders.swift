public enum RedemptionHolders: String, Sendable, Hashable, CaseIterable {
    /// Every holder may redeem directly with the issuer.
    case all = "all"
    /// Only some holders (for example registered institutions) may redeem.
    case restricted = "restricted"
    case none = "none"
}
