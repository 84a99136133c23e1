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
