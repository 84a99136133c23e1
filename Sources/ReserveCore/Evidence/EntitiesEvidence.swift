import Foundation

/// The figures a finding of ``EntitiesRule`` rests on; a nil member is left out of the JSON.
public struct EntitiesEvidence: RuleEvidence {
    public internal(set) var entities: Int?
    public internal(set) var requiredRoles: [String]?
    public internal(set) var verifiedByBank: [String]?
    public internal(set) var unregulated: [String]?
    public internal(set) var undetermined: [String]?
}

extension EntitiesEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("entities", entities)
        writer.member("requiredRoles", requiredRoles)
        writer.member("undetermined", undetermined)
        writer.member("unregulated", unregulated)
        writer.member("verifiedByBank", verifiedByBank)
        writer.endObject()
    }
}
