import Foundation

/// The figures a finding of ``StaleRule`` rests on; a nil member is left out of the JSON.
public struct StaleEvidence: RuleEvidence {
    public internal(set) var newestAsOf: Timestamp
    public internal(set) var evaluatedAt: Timestamp
    /// Days since `newestAsOf`, two decimals.
    public internal(set) var ageDays: String
    public internal(set) var freshnessDays: Int
}
