/// The figures the rule needs could not be computed exactly: the finding fails closed.
public struct InexactEvidence: RuleEvidence {
    /// Which figure could not be computed exactly, and why.
    public internal(set) var inexact: String
}

extension InexactEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("inexact", inexact)
        writer.endObject()
    }
}
