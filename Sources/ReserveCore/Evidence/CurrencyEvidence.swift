import Foundation

/// The figures a finding of ``CurrencyRule`` rests on; a nil member is left out of the JSON.
public struct CurrencyEvidence: RuleEvidence {
    public internal(set) var pegCurrency: String?
    public internal(set) var mismatchedValue: Money?
    @Ratio public internal(set) var mismatchedShare: Decimal? = nil
    public internal(set) var mismatchedLines: [String]?
    public internal(set) var currencyAddOnPercent: Int?
    @Stressed public internal(set) var worstStressedNetReserves: Money? = nil
}
