import Foundation

/// The figures a finding of ``TenorRule`` rests on; a nil member is left out of the JSON.
public struct TenorEvidence: RuleEvidence {
    public internal(set) var overLimit: [OverLimit]?
    public internal(set) var depositMaxTermDays: Int?
    public internal(set) var securityMaxResidualDays: Int?
    public internal(set) var reverseRepoMaxTenorDays: Int?
    public internal(set) var marginDays: Int?
    public internal(set) var missingData: [String]?

    /// A reserve line beyond its term limit.
    public struct OverLimit: Encodable, Sendable, Hashable {
        public internal(set) var id: String
        public internal(set) var days: Int
        public internal(set) var limitDays: Int
        public internal(set) var what: String
    }
}
