import Foundation
import GRDB
import ReserveCore

/// A row of `coin_state`: a watched coin's alert state (one JSON column) and when it was last written.
/// The row is replaced on every round, so it is not part of the hash chain.
///
/// `state` is read by GRDB's JSON decoding of a `Decodable` column (``CoinAlertState/init(from:)``)
/// and written as ``CoinAlertState/json``, so that the stored text stays byte for byte what
/// `JSONWriter` writes (GRDB's own JSON encoder would escape `/` and write other escapes).
struct CoinStateRecord: Decodable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "coin_state"

    var issuer: String
    var token: String
    var state: CoinAlertState
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case issuer, token, state
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let issuer = Column(CodingKeys.issuer)
        static let token = Column(CodingKeys.token)
        static let state = Column(CodingKeys.state)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.issuer] = issuer
        container[Columns.token] = token
        container[Columns.state] = state.json
        container[Columns.updatedAt] = updatedAt
    }
}
