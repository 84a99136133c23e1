import Foundation

/// The figures a finding of ``EquivocationRule`` rests on; a nil member is left out of the JSON.
public struct EquivocationEvidence: RuleEvidence {
    public internal(set) var sequence: Int
    public internal(set) var asOf: Timestamp
    public internal(set) var conflictingDigests: [String]?
}
