import Foundation
import GRDB
import ReserveCore

/// A row of `source_state`: what the ledger remembers of a watched source between rounds (keys
/// starting with `#` are the job's own, such as `#round`).
public struct SourceState: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "source_state"

    /// The source's key: `ISSUER/TOKEN SOURCE`.
    public var source: String
    public var etag: String?
    public var fingerprint: String?
    public var consecutiveFailures: Int
    public var lastError: String?
    public var lastSuccessAt: String?
    /// When the row was last written; nil before the first save.
    public var updatedAt: String?

    public init(
        source: String, etag: String? = nil, fingerprint: String? = nil, consecutiveFailures: Int = 0,
        lastError: String? = nil, lastSuccessAt: String? = nil, updatedAt: String? = nil
    ) {
        self.source = source
        self.etag = etag
        self.fingerprint = fingerprint
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.lastSuccessAt = lastSuccessAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case source, etag, fingerprint
        case consecutiveFailures = "consecutive_failures"
        case lastError = "last_error"
        case lastSuccessAt = "last_success_at"
        case updatedAt = "updated_at"
    }

    public enum Columns {
        public static let source = Column(CodingKeys.source)
        public static let etag = Column(CodingKeys.etag)
        public static let fingerprint = Column(CodingKeys.fingerprint)
        public static let consecutiveFailures = Column(CodingKeys.consecutiveFailures)
        public static let lastError = Column(CodingKeys.lastError)
        public static let lastSuccessAt = Column(CodingKeys.lastSuccessAt)
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }
}
