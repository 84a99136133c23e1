import Foundation

/// One finding as the ledger stores it and its hash chain covers it: the rule, status, message,
/// basis, whether it gated, and the evidence. The verification record's findings digest and
/// `diff` read findings in this form, so that an evaluation made now and one read back from the
/// ledger compare (and hash) alike.
public struct FindingRecord: Sendable, Hashable {
    public var rule: String
    public var status: String
    public var message: String
    public var basis: String
    public var gating: Bool
    public var evidence: JSONObject

    public init(rule: String, status: String, message: String, basis: String, gating: Bool, evidence: JSONObject) {
        self.rule = rule
        self.status = status
        self.message = message
        self.basis = basis
        self.gating = gating
        self.evidence = evidence
    }

    public init(_ finding: Finding) {
        self.init(
            rule: finding.rule.rawValue, status: finding.status.rawValue, message: finding.message,
            basis: finding.basis.rawValue, gating: finding.gating, evidence: finding.evidenceJSON)
    }

    /// `{"basis", "evidence", "gating", "message", "rule", "status"}`.
    public var json: JSONValue {
        [
            "rule": .string(rule), "status": .string(status), "message": .string(message), "basis": .string(basis),
            "gating": .bool(gating), "evidence": .object(evidence),
        ]
    }

    /// A gating finding that stops eligibility.
    public var blocks: Bool {
        gating && (status == FindingStatus.fail.rawValue || status == FindingStatus.insufficientData.rawValue)
    }
}
