import Foundation

/// The figures a finding of ``NetReservesRule`` rests on; a nil member is left out of the JSON.
public struct NetReservesEvidence: RuleEvidence {
    public internal(set) var outstandingUnits: Money?
    public internal(set) var nonRedeemableUnits: Money?
    @Ratio public internal(set) var nonRedeemableShare: Decimal? = nil
    public internal(set) var pegValuePerUnit: Money?
    public internal(set) var pegCurrency: String?
    public internal(set) var aggregatePegValue: Money?
    public internal(set) var countedReserves: Money?
    public internal(set) var excludedLines: [String]?
    public internal(set) var excludedValue: Money?
    public internal(set) var otherClaims: Money?
    public internal(set) var netReserves: Money?
    public internal(set) var margin: Money?
    @Ratio public internal(set) var coverage: Decimal? = nil
}
