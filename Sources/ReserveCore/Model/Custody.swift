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
