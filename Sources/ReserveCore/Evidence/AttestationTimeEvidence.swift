import Foundation

/// The figures a finding of ``AttestationTimeRule`` rests on; a nil member is left out of the JSON.
public struct AttestationTimeEvidence: RuleEvidence {
    public internal(set) var issuedAt: Timestamp?
    public internal(set) var asOf: Timestamp?
    public internal(set) var evaluatedAt: Timestamp?
    public internal(set) var clockSkewSeconds: Int64?
}

extension AttestationTimeEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("asOf", asOf)
        writer.member("clockSkewSeconds", clockSkewSeconds)
        writer.member("evaluatedAt", evaluatedAt)
        writer.member("issuedAt", issuedAt)
        writer.endObject()
    }
}
