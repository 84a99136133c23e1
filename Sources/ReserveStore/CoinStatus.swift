import Foundation
import GRDB
import ReserveCore

/// One coin's current state, for `status`.
public struct CoinStatus: Sendable, Hashable {
    public var issuer: String
    public var token: String
    public var sequence: Int
    public var attestationId: String
    public var asOf: Timestamp
    public var digest: String
    public var eligible: Bool
    public var group: String
    public var profile: String
    public var blocking: [RuleID]
    public var coverage: String?
    public var stressedCoverage: String?
    public var evaluatedAt: String
    public var freshnessDays: Int
    /// Any equivocation recorded for the coin.
    public var equivocations: Int
}
