import Foundation

/// The figures a finding of ``PegRule`` rests on; a nil member is left out of the JSON.
public struct PegEvidence: RuleEvidence {
    public internal(set) var currency: String
    public internal(set) var valuePerUnit: Money
}
