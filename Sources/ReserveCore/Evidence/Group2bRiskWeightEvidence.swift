import Foundation

/// The figures a finding of ``Group2bRiskWeightRule`` rests on; a nil member is left out of the JSON.
public struct Group2bRiskWeightEvidence: RuleEvidence {
    public internal(set) var exposure: Money
    public internal(set) var riskWeight: String
    public internal(set) var riskWeightedAssets: Money
    public internal(set) var capitalAt8Percent: Money
    public internal(set) var group2AboveTwoPercentOfTier1: Bool?
}

extension Group2bRiskWeightEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("capitalAt8Percent", capitalAt8Percent)
        writer.member("exposure", exposure)
        writer.member("group2AboveTwoPercentOfTier1", group2AboveTwoPercentOfTier1)
        writer.member("riskWeight", riskWeight)
        writer.member("riskWeightedAssets", riskWeightedAssets)
        writer.endObject()
    }
}
