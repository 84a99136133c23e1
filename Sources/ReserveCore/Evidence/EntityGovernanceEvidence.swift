import Foundation

/// The figures a finding of ``EntityGovernanceRule`` rests on; a nil member is left out of the JSON.
public struct EntityGovernanceEvidence: RuleEvidence {
    public internal(set) var withoutDisclosure: [String]?
}

extension EntityGovernanceEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("withoutDisclosure", withoutDisclosure)
        writer.endObject()
    }
}
