/// No figures: a finding that stops before any (`{}` in the JSON).
public struct NoEvidence: RuleEvidence {
    public init() {}
}

extension NoEvidence {
    /// An empty object.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.endObject()
    }
}
