import Foundation

/// What the ledger knows about a coin when an attestation is evaluated: the input to the history
/// stage of the evaluation (REPLAY, EQUIVOCATION, ROLLBACK, SEQUENCE-JUMP, STALE).
public struct HistorySnapshot: Sendable, Hashable {
    /// False for ``unrecorded``: no ledger was consulted.
    public var fromLedger: Bool
    /// This payload (with the same trust) is already in the ledger.
    public var recorded: Recorded?
    /// The coin's newest admitted attestation, if any (withdrawn ones excluded).
    public var latestAccepted: Accepted?
    /// Digests of other validly signed attestations with the same issuer, token and sequence.
    public var sameSequenceDigests: [String]

    public struct Recorded: Sendable, Hashable {
        /// Whether it is (still) in the coin's accepted history.
        public var admitted: Bool
        /// When the ledger first recorded it.
        public var firstSeen: Timestamp
        public init(admitted: Bool, firstSeen: Timestamp) {
            self.admitted = admitted
            self.firstSeen = firstSeen
        }
    }

    public struct Accepted: Sendable, Hashable {
        public var sequence: Int
        public var asOf: Timestamp
        public var digest: String
        public init(sequence: Int, asOf: Timestamp, digest: String) {
            self.sequence = sequence
            self.asOf = asOf
            self.digest = digest
        }
    }

    public init(recorded: Recorded? = nil, latestAccepted: Accepted? = nil, sameSequenceDigests: [String] = []) {
        self.fromLedger = true
        self.recorded = recorded
        self.latestAccepted = latestAccepted
        self.sameSequenceDigests = sameSequenceDigests
    }

    /// No ledger (`verify --no-record`): the attestation is judged as its coin's newest, so only
    /// STALE applies.
    public static let unrecorded: HistorySnapshot = {
        var snapshot = HistorySnapshot()
        snapshot.fromLedger = false
        return snapshot
    }()
}
