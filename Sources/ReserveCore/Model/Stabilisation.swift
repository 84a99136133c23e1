public enum Stabilisation: String, Sendable, Hashable, CaseIterable {
    case fiatReserve = "fiat-reserve"
    case commodityReserve = "commodity-reserve"
    case cryptoReserve = "crypto-reserve"
    case algorithmic = "algorithmic"
}
