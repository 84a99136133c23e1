import Foundation

/// The figures a finding of ``PegRule`` rests on; a nil member is left out of the JSON.
public struct PegEvidence: RuleEvidence {
    public internal(set) var currency: String
    public internal(set) var valuePerUnit: Money
}

extension PegEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("currency", currency)
        writer.member("valuePerUnit", valuePerUnit)
        writer.endObject()
    }
}
