import Foundation

/// The figures a finding of ``ReplayRule`` rests on; a nil member is left out of the JSON.
public struct ReplayEvidence: RuleEvidence {
    public internal(set) var digest: String
    public internal(set) var firstSeen: Timestamp
    public internal(set) var admitted: Bool
}
