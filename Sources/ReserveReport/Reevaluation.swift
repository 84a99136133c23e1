import Foundation
import ReserveCore

/// One stored attestation run through a profile again: what the ledger said before and what the
/// new evaluation says, for `reevaluate`'s output.
public struct Reevaluation: Sendable {
    public var issuer: String
    public var token: String
    public var sequence: Int
    public var previousEligible: Bool
    public var previousProfile: String
    public var eligible: Bool
    /// The new evaluation's profile (name and version).
    public var profile: String
    public var blocking: [RuleID]
    /// Why the attestation was withdrawn from its coin's history by this run (its signature
    /// finding's message), nil when it was not.
    public var withdrawal: String?

    public init(
        issuer: String, token: String, sequence: Int, previousEligible: Bool, previousProfile: String,
        eligible: Bool, profile: String, blocking: [RuleID], withdrawal: String?
    ) {
        self.issuer = issuer
        self.token = token
        self.sequence = sequence
        self.previousEligible = previousEligible
        self.previousProfile = previousProfile
        self.eligible = eligible
        self.profile = profile
        self.blocking = blocking
        self.withdrawal = withdrawal
    }

    /// The verdict changed from the stored one.
    public var changed: Bool { eligible != previousEligible }
}
