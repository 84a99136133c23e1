/// Reserve asset classes: a closed list, extended only by a new format version.
public enum ReserveClass: String, Sendable, Hashable, CaseIterable {
    case centralBankReserve = "central-bank-reserve"
    case bankDeposit = "bank-deposit"
    case sovereignBill = "sovereign-bill"
    case sovereignBond = "sovereign-bond"
    case reverseRepo = "reverse-repo"
    case moneyMarketFund = "money-market-fund"
    case corporateDebt = "corporate-debt"
    case commercialPaper = "commercial-paper"
    case coveredBond = "covered-bond"
    case equity = "equity"
    case gold = "gold"
    case cryptoasset = "cryptoasset"
    case securedLoan = "secured-loan"
    case other = "other"

    /// Debt securities (`issuer`, `rating`, `maturity`, optional `faceValue`).
    public var isDebtSecurity: Bool {
        switch self {
        case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond: true
        default: false
        }
    }

    /// Debt whose issuer is a sovereign (issuer is an ISO country code).
    public var isSovereignDebt: Bool { self == .sovereignBill || self == .sovereignBond }
}
