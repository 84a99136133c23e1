import Foundation

/// The figures a finding of ``ReserveGovernanceRule`` rests on; a nil member is left out of the JSON.
public struct ReserveGovernanceEvidence: RuleEvidence {
    public internal(set) var operationalResilienceFramework: Bool?
    public internal(set) var reserveMandateUrl: String?
}

extension ReserveGovernanceEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("operationalResilienceFramework", operationalResilienceFramework)
        writer.member("reserveMandateUrl", reserveMandateUrl)
        writer.endObject()
    }
}
