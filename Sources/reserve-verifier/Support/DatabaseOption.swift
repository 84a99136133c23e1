import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

/// `--db FILE`, else `RESERVE_VERIFIER_DB`, else the configuration file's `db`, else
/// `reserve-verifier.sqlite` in the working directory.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help:
            """
            The ledger (SQLite). Default: $RESERVE_VERIFIER_DB, else the configuration file's db, else \
            reserve-verifier.sqlite.
            """,
        completion: .file())
    var db: String?

    var path: String { db ?? Environment.db }

    /// Opens the ledger; with `announce`, a ledger this call creates is said so on stderr (one line:
    /// the first `verify` in a folder otherwise leaves a database behind without a word).
    func open(create: Bool = false, hasher: any CryptoProvider = OpenSSLProvider(), announce: Bool = false)
        throws(VerifierError) -> Ledger
    {
        let path = self.path
        let existed = FileManager.default.fileExists(atPath: path)
        let ledger = try Ledger.open(path: path, hasher: hasher, create: create)
        if announce && !existed {
            Console.err(
                """
                note: created a new ledger \(path) (choose another with --db or RESERVE_VERIFIER_DB; --no-record keeps \
                none)\n
                """
            )
        }
        return ledger
    }

    /// For commands that only read: nothing is migrated or written, and read-only media work.
    func openForReading() throws(VerifierError) -> Ledger {
        try Ledger.openForReading(path: path, hasher: OpenSSLProvider())
    }
}
