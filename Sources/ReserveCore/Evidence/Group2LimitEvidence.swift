import Foundation

/// The figures a finding of ``Group2LimitRule`` rests on; a nil member is left out of the JSON.
public struct Group2LimitEvidence: RuleEvidence {
    public internal(set) var exposure: Money
    public internal(set) var otherGroup2Exposure: Money
    public internal(set) var totalGroup2Exposure: Money
    public internal(set) var tier1Capital: Money
    @Ratio public internal(set) var share: Decimal
}

extension Group2LimitEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("exposure", exposure)
        writer.member("otherGroup2Exposure", otherGroup2Exposure)
        writer.member("share", _share)
        writer.member("tier1Capital", tier1Capital)
        writer.member("totalGroup2Exposure", totalGroup2Exposure)
        writer.endObject()
    }
}
