import Foundation

/// The figures a finding of ``LiquidityRule`` rests on; a nil member is left out of the JSON.
public struct LiquidityEvidence: RuleEvidence {
    @Stressed public internal(set) var sameDayAssets: Money? = nil
    public internal(set) var sameDayLines: [String]?
    public internal(set) var aggregatePegValue: Money?
    @Ratio public internal(set) var requiredShare: Money? = nil
    @Ratio public internal(set) var share: Decimal? = nil
    public internal(set) var requiredSameDayAssets: Money?
}

extension LiquidityEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("aggregatePegValue", aggregatePegValue)
        writer.member("requiredSameDayAssets", requiredSameDayAssets)
        writer.member("requiredShare", _requiredShare)
        writer.member("sameDayAssets", _sameDayAssets)
        writer.member("sameDayLines", sameDayLines)
        writer.member("share", _share)
        writer.endObject()
    }
}
