import Foundation

/// The figures a finding of ``NetworkRule`` rests on; a nil member is left out of the JSON.
public struct NetworkEvidence: RuleEvidence {
    public internal(set) var networks: [String]?
    public internal(set) var undescribed: [String]?
    public internal(set) var withoutRiskAssessment: [String]?
}

extension NetworkEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("networks", networks)
        writer.member("undescribed", undescribed)
        writer.member("withoutRiskAssessment", withoutRiskAssessment)
        writer.endObject()
    }
}
