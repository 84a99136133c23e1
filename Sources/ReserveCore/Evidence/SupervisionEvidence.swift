import Foundation

/// The figures a finding of ``SupervisionRule`` rests on; a nil member is left out of the JSON.
public struct SupervisionEvidence: RuleEvidence {
    public internal(set) var regulator: String?
    public internal(set) var licence: String?
    public internal(set) var bankPolicy: String?
    public internal(set) var prudentialCapital: Bool?
    public internal(set) var prudentialLiquidity: Bool?
}

extension SupervisionEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("bankPolicy", bankPolicy)
        writer.member("licence", licence)
        writer.member("prudentialCapital", prudentialCapital)
        writer.member("prudentialLiquidity", prudentialLiquidity)
        writer.member("regulator", regulator)
        writer.endObject()
    }
}
