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

extension CurrencyEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("currencyAddOnPercent", currencyAddOnPercent)
        writer.member("mismatchedLines", mismatchedLines)
        writer.member("mismatchedShare", _mismatchedShare)
        writer.member("mismatchedValue", mismatchedValue)
        writer.member("pegCurrency", pegCurrency)
        writer.member("worstStressedNetReserves", _worstStressedNetReserves)
        writer.endObject()
    }
}
