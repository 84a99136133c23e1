import Foundation

/// The figures a finding of ``FinalityRule`` rests on; a nil member is left out of the JSON.
public struct FinalityEvidence: RuleEvidence {
    public internal(set) var settlementFinality: Bool
}

extension FinalityEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("settlementFinality", settlementFinality)
        writer.endObject()
    }
}
