import Foundation

/// The figures a finding of ``NoCryptoReferenceRule`` rests on; a nil member is left out of the JSON.
public struct NoCryptoReferenceEvidence: RuleEvidence {
    public internal(set) var cryptoassetLines: [String]?
    public internal(set) var stabilisation: String?
    public internal(set) var cryptoassetValue: Money?
}

extension NoCryptoReferenceEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("cryptoassetLines", cryptoassetLines)
        writer.member("cryptoassetValue", cryptoassetValue)
        writer.member("stabilisation", stabilisation)
        writer.endObject()
    }
}
