public enum EntityRole: String, Sendable, Hashable, CaseIterable {
    case issuer = "issuer"
    case redemptionAgent = "redemption-agent"
    case transferSystemOperator = "transfer-system-operator"
    case walletProvider = "wallet-provider"
    case stabilisationManager = "stabilisation-manager"
    case reserveCustodian = "reserve-custodian"
    case reserveManager = "reserve-manager"
    case settlementAgent = "settlement-agent"
    case nodeValidator = "node-validator"
}
