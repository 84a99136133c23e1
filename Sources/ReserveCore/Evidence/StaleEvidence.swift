import Foundation

/// The figures a finding of ``StaleRule`` rests on; a nil member is left out of the JSON.
public struct StaleEvidence: RuleEvidence {
    public internal(set) var newestAsOf: Timestamp
    public internal(set) var evaluatedAt: Timestamp
    /// Days since `newestAsOf`, two decimals.
    public internal(set) var ageDays: String
    public internal(set) var freshnessDays: Int
}

extension StaleEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("ageDays", ageDays)
        writer.member("evaluatedAt", evaluatedAt)
        writer.member("freshnessDays", freshnessDays)
        writer.member("newestAsOf", newestAsOf)
        writer.endObject()
    }
}
