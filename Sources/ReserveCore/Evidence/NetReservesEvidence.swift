import Foundation

/// The figures a finding of ``NetReservesRule`` rests on; a nil member is left out of the JSON.
public struct NetReservesEvidence: RuleEvidence {
    public internal(set) var outstandingUnits: Decimal?
    public internal(set) var nonRedeemableUnits: Decimal?
    @Ratio public internal(set) var nonRedeemableShare: Decimal? = nil
    public internal(set) var pegValuePerUnit: Decimal?
    public internal(set) var pegCurrency: String?
    public internal(set) var aggregatePegValue: Decimal?
    public internal(set) var countedReserves: Decimal?
    public internal(set) var excludedLines: [String]?
    public internal(set) var excludedValue: Decimal?
    public internal(set) var otherClaims: Decimal?
    public internal(set) var netReserves: Decimal?
    public internal(set) var margin: Decimal?
    @Ratio public internal(set) var coverage: Decimal? = nil
}
