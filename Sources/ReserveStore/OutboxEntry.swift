import Foundation
import GRDB
import ReserveCore

/// A row of `alert_outbox`: one alert waiting for (or past) delivery to one sink. Rows are never
/// deleted, and only the delivery columns (`attempts`, `next_attempt_at`, `delivered_at`,
/// `last_error`) change after the insert (the schema's triggers hold both).
public struct OutboxEntry: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "alert_outbox"

    /// nil until inserted.
    public var id: Int64?
    public var dedupKey: String
    public var sink: String
    /// The alert's JSON.
    public var alert: String
    public var createdAt: String
    public var attempts: Int
    /// Milliseconds text (``Timestamp/millisecondText``), or ``parkedMarker`` for a parked alert.
    public var nextAttemptAt: String
    public var deliveredAt: String?
    public var lastError: String?

    /// An alert queued at `time`, due at once.
    public init(dedupKey: String, sink: String, alert: String, queuedAt time: Timestamp) {
        self.dedupKey = dedupKey
        self.sink = sink
        self.alert = alert
        self.createdAt = time.description
        self.attempts = 0
        self.nextAttemptAt = time.millisecondText
    }

    /// `next_attempt_at` of a parked alert: sorts after every timestamp, so it is never due.
    public static let parkedMarker = "parked"

    enum CodingKeys: String, CodingKey {
        case id
        case dedupKey = "dedup_key"
        case sink, alert
        case createdAt = "created_at"
        case attempts
        case nextAttemptAt = "next_attempt_at"
        case deliveredAt = "delivered_at"
        case lastError = "last_error"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let dedupKey = Column(CodingKeys.dedupKey)
        public static let sink = Column(CodingKeys.sink)
        public static let alert = Column(CodingKeys.alert)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let attempts = Column(CodingKeys.attempts)
        public static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        public static let deliveredAt = Column(CodingKeys.deliveredAt)
        public static let lastError = Column(CodingKeys.lastError)
    }
}
