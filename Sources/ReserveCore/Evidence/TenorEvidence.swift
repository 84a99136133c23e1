import Foundation

/// The figures a finding of ``TenorRule`` rests on; a nil member is left out of the JSON.
public struct TenorEvidence: RuleEvidence {
    public internal(set) var overLimit: [OverLimit]?
    public internal(set) var depositMaxTermDays: Int?
    public internal(set) var securityMaxResidualDays: Int?
    public internal(set) var reverseRepoMaxTenorDays: Int?
    public internal(set) var marginDays: Int?
    public internal(set) var missingData: [String]?

    /// A reserve line beyond its term limit.
    public struct OverLimit: Encodable, Sendable, Hashable {
        public internal(set) var id: String
        public internal(set) var days: Int
        public internal(set) var limitDays: Int
        public internal(set) var what: String
    }
}

extension TenorEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("depositMaxTermDays", depositMaxTermDays)
        writer.member("marginDays", marginDays)
        writer.member("missingData", missingData)
        writer.member("overLimit", overLimit)
        writer.member("reverseRepoMaxTenorDays", reverseRepoMaxTenorDays)
        writer.member("securityMaxResidualDays", securityMaxResidualDays)
        writer.endObject()
    }
}

extension TenorEvidence.OverLimit: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("days", days)
        writer.member("id", id)
        writer.member("limitDays", limitDays)
        writer.member("what", what)
        writer.endObject()
    }
}
