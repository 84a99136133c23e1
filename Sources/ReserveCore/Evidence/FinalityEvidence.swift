import Foundation

/// The figures a finding of ``FinalityRule`` rests on; a nil member is left out of the JSON.
public struct FinalityEvidence: RuleEvidence {
    public internal(set) var settlementFinality: Bool
}
