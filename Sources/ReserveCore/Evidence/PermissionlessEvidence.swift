import Foundation

/// The figures a finding of ``PermissionlessRule`` rests on; a nil member is left out of the JSON.
public struct PermissionlessEvidence: RuleEvidence {
    public internal(set) var bankAssessments: [BankAssessment]?
    public internal(set) var treatment: String?
    public internal(set) var undescribed: [String]?
    public internal(set) var permissionless: [String]?
    public internal(set) var withoutStructuredMitigation: [String]?

    /// The bank's own assessment of a permissionless network (its policy file).
    public struct BankAssessment: Encodable, Sendable, Hashable {
        public internal(set) var network: String
        public internal(set) var mitigated: Bool
        public internal(set) var reason: String
        public internal(set) var approver: String
        public internal(set) var date: String
    }
}

extension PermissionlessEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("bankAssessments", bankAssessments)
        writer.member("permissionless", permissionless)
        writer.member("treatment", treatment)
        writer.member("undescribed", undescribed)
        writer.member("withoutStructuredMitigation", withoutStructuredMitigation)
        writer.endObject()
    }
}

extension PermissionlessEvidence.BankAssessment: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("approver", approver)
        writer.member("date", date)
        writer.member("mitigated", mitigated)
        writer.member("network", network)
        writer.member("reason", reason)
        writer.endObject()
    }
}
