import Foundation

/// The figures a finding of ``SignatureTrustRule`` rests on; a nil member is left out of the JSON.
public struct SignatureTrustEvidence: RuleEvidence {
    public internal(set) var requiredRoles: [String]?
    public internal(set) var rolesSigned: [String]?
    public internal(set) var keysJudgedAt: Timestamp?
    public internal(set) var envelope: String?
    public internal(set) var validSignatures: Int?
    public internal(set) var minimumSignatures: Int?
    public internal(set) var keysJudgedAtSource: String?
    public internal(set) var issuer: String?
}
