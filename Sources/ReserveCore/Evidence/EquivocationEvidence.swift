import Foundation

/// The figures a finding of ``EquivocationRule`` rests on; a nil member is left out of the JSON.
public struct EquivocationEvidence: RuleEvidence {
    public internal(set) var sequence: Int
    public internal(set) var asOf: Timestamp
    public internal(set) var conflictingDigests: [String]?
}

extension EquivocationEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("asOf", asOf)
        writer.member("conflictingDigests", conflictingDigests)
        writer.member("sequence", sequence)
        writer.endObject()
    }
}
