/// Long-term issue or issuer rating on the S&P/Fitch scale, or `unrated`.
/// Ordered from best to worst: `AAA < AA+ < … < D < unrated` in ``Rating/rank``.
public enum Rating: String, Sendable, Hashable, CaseIterable, Comparable {
    case aaa = "AAA"
    case aaPlus = "AA+"
    case aa = "AA"
    case aaMinus = "AA-"
    case aPlus = "A+"
    case a = "A"
    case aMinus = "A-"
    case bbbPlus = "BBB+"
    case bbb = "BBB"
    case bbbMinus = "BBB-"
    case bbPlus = "BB+"
    case bb = "BB"
    case bbMinus = "BB-"
    case bPlus = "B+"
    case b = "B"
    case bMinus = "B-"
    case cccPlus = "CCC+"
    case ccc = "CCC"
    case cccMinus = "CCC-"
    case cc = "CC"
    case c = "C"
    case d = "D"
    case unrated = "unrated"

    /// 0 for AAA, increasing as quality falls; `unrated` ranks last.
    public var rank: Int { Rating.allCases.firstIndex(of: self) ?? Rating.allCases.count }

    /// Better or equal: `Rating.aa.isAtLeast(.aMinus)` is true.
    public func isAtLeast(_ floor: Rating) -> Bool { rank <= floor.rank }

    /// "Less than" means better: sorting puts the best rating first.
    public static func < (a: Rating, b: Rating) -> Bool { a.rank < b.rank }
}

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

/// Where a reserve asset is held.
public enum Custody: String, Sendable, Hashable, CaseIterable {
    /// Segregated from the issuer and the custodian's own estate (bankruptcy remote).
    case segregated = "segregated"
    /// On a custodian bank's own balance sheet (cash held as deposits by a bank acting only as
    /// custodian: accepted since the July 2024 amendments).
    case custodianBalanceSheet = "custodian-balance-sheet"
    /// On the issuer's own balance sheet: not bankruptcy remote.
    case issuerBalanceSheet = "issuer-balance-sheet"
}

/// How a reserve asset was obtained. Cash received under repos and securities received in
/// collateral swaps are not reserves (SCO60 as amended July 2024).
public enum Acquisition: String, Sendable, Hashable, CaseIterable {
    case outright = "outright"
    case repoBorrowing = "repo-borrowing"
    case collateralSwap = "collateral-swap"
}

public enum Stabilisation: String, Sendable, Hashable, CaseIterable {
    case fiatReserve = "fiat-reserve"
    case commodityReserve = "commodity-reserve"
    case cryptoReserve = "crypto-reserve"
    case algorithmic = "algorithmic"
}

public enum RedemptionHolders: String, Sendable, Hashable, CaseIterable {
    /// Every holder may redeem directly with the issuer.
    case all = "all"
    /// Only some holders (for example registered institutions) may redeem.
    case restricted = "restricted"
    case none = "none"
}

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

public enum AssuranceKind: String, Sendable, Hashable, CaseIterable {
    case reserveAudit = "reserve-audit"
    case financialStatementAudit = "financial-statement-audit"
    /// ISAE 3000 / AICPA examination: point-in-time, not an audit.
    case reasonableAssuranceExamination = "reasonable-assurance-examination"
    case limitedAssuranceReview = "limited-assurance-review"
    case agreedUponProcedures = "agreed-upon-procedures"
}

public enum Opinion: String, Sendable, Hashable, CaseIterable {
    case unqualified, qualified, adverse, disclaimer
}
