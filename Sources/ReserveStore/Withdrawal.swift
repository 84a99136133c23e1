import Foundation
import GRDB
import ReserveCore

/// A withdrawal to append with a re-evaluation: the attestation leaves its coin's accepted history.
public struct Withdrawal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A re-check found a signing key revoked (or outside its window) at the proven signing time.
        case keyRevoked = "key-revoked"
        /// An operator's correction, signed with the verifier's key (`ledger withdraw`).
        case correction
    }

    public var kind: Kind
    public var reason: String
    /// The signed statement (DSSE) of a correction.
    public var statement: [UInt8]?

    public init(kind: Kind, reason: String, statement: [UInt8]? = nil) {
        self.kind = kind
        self.reason = reason
        self.statement = statement
    }
}
