import Foundation

/// The figures a ROLLBACK or SEQUENCE-JUMP finding rests on: the attestation's sequence and asOf
/// against the coin's latest accepted attestation; a nil member is left out of the JSON.
public struct CoinHistoryEvidence: RuleEvidence {
    public internal(set) var sequence: Int
    public internal(set) var asOf: Timestamp
    public internal(set) var latestSequence: Int?
    public internal(set) var latestAsOf: Timestamp?
    public internal(set) var latestDigest: String?
    public internal(set) var maxSequenceStep: Int?
    public internal(set) var step: Int?
}

extension CoinHistoryEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("asOf", asOf)
        writer.member("latestAsOf", latestAsOf)
        writer.member("latestDigest", latestDigest)
        writer.member("latestSequence", latestSequence)
        writer.member("maxSequenceStep", maxSequenceStep)
        writer.member("sequence", sequence)
        writer.member("step", step)
        writer.endObject()
    }
}
