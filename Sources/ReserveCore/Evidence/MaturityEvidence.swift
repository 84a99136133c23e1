import Foundation

/// The figures a finding of ``MaturityRule`` rests on; a nil member is left out of the JSON.
public struct MaturityEvidence: RuleEvidence {
    public internal(set) var limitDays: Int?
    public internal(set) var missingData: [String]?
    public internal(set) var excludedWithoutMaturity: [String]?
    public internal(set) var weightedAverageMaturityDays: String?
}

extension MaturityEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("excludedWithoutMaturity", excludedWithoutMaturity)
        writer.member("limitDays", limitDays)
        writer.member("missingData", missingData)
        writer.member("weightedAverageMaturityDays", weightedAverageMaturityDays)
        writer.endObject()
    }
}
