import Foundation

/// The figures a finding of ``LegalRule`` rests on; a nil member is left out of the JSON.
public struct LegalEvidence: RuleEvidence {
    public internal(set) var jurisdictions: [String]?
    public internal(set) var opinionJurisdictions: [String]?
    public internal(set) var missing: [String]?
}

extension LegalEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("jurisdictions", jurisdictions)
        writer.member("missing", missing)
        writer.member("opinionJurisdictions", opinionJurisdictions)
        writer.endObject()
    }
}
