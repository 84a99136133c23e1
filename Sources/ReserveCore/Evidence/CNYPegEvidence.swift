import Foundation

/// The figures a finding of ``CNYPegRule`` rests on; a nil member is left out of the JSON.
public struct CNYPegEvidence: RuleEvidence {
    public internal(set) var pegCurrency: String
}

extension CNYPegEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("pegCurrency", pegCurrency)
        writer.endObject()
    }
}
