import Foundation

/// The figures a finding of ``CNYPegRule`` rests on; a nil member is left out of the JSON.
public struct CNYPegEvidence: RuleEvidence {
    public internal(set) var pegCurrency: String
}
