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

extension NetReservesEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("aggregatePegValue", aggregatePegValue)
        writer.member("countedReserves", countedReserves)
        writer.member("coverage", _coverage)
        writer.member("excludedLines", excludedLines)
        writer.member("excludedValue", excludedValue)
        writer.member("margin", margin)
        writer.member("netReserves", netReserves)
        writer.member("nonRedeemableShare", _nonRedeemableShare)
        writer.member("nonRedeemableUnits", nonRedeemableUnits)
        writer.member("otherClaims", otherClaims)
        writer.member("outstandingUnits", outstandingUnits)
        writer.member("pegCurrency", pegCurrency)
        writer.member("pegValuePerUnit", pegValuePerUnit)
        writer.endObject()
    }
}
