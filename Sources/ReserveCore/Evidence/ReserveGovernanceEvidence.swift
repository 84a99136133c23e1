import Foundation

/// The figures a finding of ``ReserveGovernanceRule`` rests on; a nil member is left out of the JSON.
public struct ReserveGovernanceEvidence: RuleEvidence {
    public internal(set) var operationalResilienceFramework: Bool?
    public internal(set) var reserveMandateUrl: String?
}
