import Foundation

/// The figures a finding of ``NetworkRule`` rests on; a nil member is left out of the JSON.
public struct NetworkEvidence: RuleEvidence {
    public internal(set) var networks: [String]?
    public internal(set) var undescribed: [String]?
    public internal(set) var withoutRiskAssessment: [String]?
}
