import Foundation

/// The figures a finding of ``AuditRule`` rests on; a nil member is left out of the JSON.
public struct AuditEvidence: RuleEvidence {
    public internal(set) var asOf: String?
    public internal(set) var oldestAcceptablePeriodEnd: String?
    public internal(set) var reportingLagMonths: Int?
    public internal(set) var kind: String?
    public internal(set) var firm: String?
    public internal(set) var otherAssurance: [String]?
    public internal(set) var periodEnd: String?
    public internal(set) var opinion: String?
    public internal(set) var bankPolicy: String?
    public internal(set) var marginDays: Int?
}

extension AuditEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("asOf", asOf)
        writer.member("bankPolicy", bankPolicy)
        writer.member("firm", firm)
        writer.member("kind", kind)
        writer.member("marginDays", marginDays)
        writer.member("oldestAcceptablePeriodEnd", oldestAcceptablePeriodEnd)
        writer.member("opinion", opinion)
        writer.member("otherAssurance", otherAssurance)
        writer.member("periodEnd", periodEnd)
        writer.member("reportingLagMonths", reportingLagMonths)
        writer.endObject()
    }
}
