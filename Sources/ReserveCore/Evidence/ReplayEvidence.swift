import Foundation

/// The figures a finding of ``ReplayRule`` rests on; a nil member is left out of the JSON.
public struct ReplayEvidence: RuleEvidence {
    public internal(set) var digest: String
    public internal(set) var firstSeen: Timestamp
    public internal(set) var admitted: Bool
}

extension ReplayEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("admitted", admitted)
        writer.member("digest", digest)
        writer.member("firstSeen", firstSeen)
        writer.endObject()
    }
}
