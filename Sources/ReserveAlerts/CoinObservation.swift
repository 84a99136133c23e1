import Foundation
import ReserveCore
import ReserveStore

/// The coin as the ledger and the sources show it at the end of a round.
public struct CoinObservation: Sendable {
    public var issuer: String
    public var token: String
    /// The latest accepted attestation's evaluation, if any.
    public var eligible: Bool?
    public var blocking: [RuleID]
    public var digest: String?
    public var sequence: Int?
    public var asOf: Timestamp?
    public var coverage: String?
    public var stressedCoverage: String?
    public var profile: String?
    public var freshnessDays: Int
    public var events: [EventObservation]
    /// Sources failing for at least the job's threshold of rounds, and all failing sources' errors.
    public var unreachable: [String]
    public var sourceErrors: [String: String]
    /// New malformed content from a source (source, fingerprint, message).
    public var malformed: [(source: String, fingerprint: String, message: String)]
    public var lastAttestationRef: Int64
    /// The early warnings that hold now; nil when they were not evaluated (none configured, or
    /// no accepted attestation to read).
    public var warnings: [Warning]?

    /// One early warning that holds: a figure below its job-file threshold.
    public struct Warning: Sendable, Hashable {
        /// `coverage`, `worst-stressed-coverage`, `audit-lapse` or `margin:RULE`.
        public var key: String
        public var message: String
        /// The figure and its threshold, as exact decimal text.
        public var value: String
        public var threshold: String
        public var rule: String?

        public init(key: String, message: String, value: String, threshold: String, rule: String? = nil) {
            self.key = key
            self.message = message
            self.value = value
            self.threshold = threshold
            self.rule = rule
        }
    }

    public struct EventObservation: Sendable, Hashable {
        public var digest: String
        public var sequence: Int
        public var failedRules: [RuleID]
        public var messages: [String: String]

        public init(digest: String, sequence: Int, failedRules: [RuleID], messages: [String: String]) {
            self.digest = digest
            self.sequence = sequence
            self.failedRules = failedRules
            self.messages = messages
        }
    }

    public init(issuer: String, token: String, freshnessDays: Int) {
        self.issuer = issuer
        self.token = token
        self.blocking = []
        self.freshnessDays = freshnessDays
        self.events = []
        self.unreachable = []
        self.sourceErrors = [:]
        self.malformed = []
        self.lastAttestationRef = 0
    }
}
