import GRDB
import ReserveCore

/// The SQLite library in use at run time (for `--version` and the records a bank keeps).
public enum SQLiteVersion {
    /// For example "3.40.1".
    public static var text: String {
        (try? DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") }) ?? "unknown"
    }
}

extension Ledger {
    /// The SQLite library in use, read once per process.
    static let sqliteVersion = SQLiteVersion.text

    /// The libraries an evaluation recorded now runs on.
    static func runtime(_ hasher: any CryptoProvider) -> Runtime {
        Runtime(openssl: hasher.libraryVersion, sqlite: sqliteVersion)
    }
}
