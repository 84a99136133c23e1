import Foundation
import GRDB
import ReserveCore

/// What `ledger verify` found.
public struct ChainReport: Sendable, Hashable {
    public var rows: Int
    /// The first evaluation id whose link is broken, and why.
    public var broken: (id: Int64, reason: String)?

    public init(rows: Int, broken: (id: Int64, reason: String)?) {
        self.rows = rows
        self.broken = broken
    }

    public static func == (a: ChainReport, b: ChainReport) -> Bool {
        a.rows == b.rows && a.broken?.id == b.broken?.id && a.broken?.reason == b.broken?.reason
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(rows) }
}
