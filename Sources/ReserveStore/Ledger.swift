import Foundation
import GRDB
import ReserveCore

/// The append-only SQLite ledger: every attestation, signature check, evaluation and finding,
/// with a tamper-evident hash chain over the evaluations.
///
/// One transaction per attestation (`BEGIN IMMEDIATE`), so a crash never leaves half a record
/// and two processes recording at once are serialised by SQLite (with a busy timeout).
///
/// ```swift
/// let ledger = try Ledger.open(path: "reserve-verifier.sqlite", hasher: OpenSSLProvider())
/// let outcome = try ledger.record(input)
/// ```
public final class Ledger: Sendable {
    public static let defaultPath = "reserve-verifier.sqlite"
    static let genesisHash = String(repeating: "0", count: 64)

    /// A `DatabasePool` (WAL) for commands that write; a read-only `DatabaseQueue` for those that
    /// only read (``openForReading(path:hasher:)``).
    let pool: any DatabaseWriter
    let hasher: any CryptoProvider
    public let path: String

    private init(pool: any DatabaseWriter, hasher: any CryptoProvider, path: String) {
        self.pool = pool
        self.hasher = hasher
        self.path = path
    }

    /// Opens (and creates or migrates) a ledger.
    ///
    /// - Throws: E051 when the file is not SQLite, is an SQLite file of another application, or
    ///   comes from a newer version of this tool: in each case the file is left untouched.
    ///   E050 for other SQLite failures (read-only file, full disk).
    public static func open(path: String, hasher: any CryptoProvider, create: Bool = true) throws(VerifierError)
        -> Ledger
    {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw VerifierError(
                .storage, "no ledger at \(path) (record one with `reserve-verifier verify`, or pass --db)")
        }
        if exists {
            try inspect(path)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        config.label = "reserve-verifier ledger"
        // Two processes opening a new ledger at once race: GRDB's migrator reads which migrations
        // are applied, then runs each in its own transaction, so the second process can run a
        // migration the first has just committed ("table attestation already exists", or a
        // UNIQUE failure recording a migration that changes no table), and
        // switching a new file to WAL can report "database is locked" without waiting. Each
        // migration is atomic, so trying again re-reads what is applied and converges; measured
        // before this: 3 failed opens in 40 races of two `verify` processes on a new file.
        var attempt = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: config)
                try LedgerSchema.migrator.migrate(pool)
                return Ledger(pool: pool, hasher: hasher, path: path)
            } catch let error as DatabaseError
                where attempt < 8
                && [.SQLITE_ERROR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CONSTRAINT].contains(error.resultCode)
            {
                attempt += 1
                usleep(useconds_t(20_000 * attempt))
            } catch {
                throw storageError(error, "\(path): the ledger could not be opened")
            }
        }
    }

    /// Opens an existing ledger for reading only (`status`, `history`, `ledger verify`): nothing is
    /// migrated or written. On read-only media (a folder that cannot be written) SQLite could not
    /// create the `-shm` index a WAL database needs, so the file is opened as immutable: then a
    /// non-empty `-wal` beside it (transactions not yet in the main file) is refused rather than
    /// silently left unread.
    ///
    /// - Throws: E050 when there is no file, or the `-wal` case above; E051 as ``open(path:hasher:create:)``
    ///   and for a ledger whose schema is older than this version (open it once with `verify`).
    public static func openForReading(path: String, hasher: any CryptoProvider) throws(VerifierError) -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw VerifierError(
                .storage, "no ledger at \(path) (record one with `reserve-verifier verify`, or pass --db)")
        }
        let immutable = !Ledger.folderIsWritable(path)
        if immutable, let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int,
            size > 0
        {
            throw VerifierError(
                .storage,
                """
                \(path) is on read-only media with a non-empty \(path)-wal beside it: its newest transactions cannot \
                be read without writing; copy both files to writable media
                """
            )
        }
        try inspect(path, immutable: immutable)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        config.label = "reserve-verifier ledger (read-only)"
        do {
            let queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: config)
            try queue.read { db in
                let applied = try LedgerSchema.migrator.appliedIdentifiers(db)
                let known = LedgerSchema.migrator.migrations
                if Set(known).subtracting(applied).isEmpty == false {
                    throw VerifierError(
                        .incompatibleDatabase,
                        """
                        \(path) was written by an older version of reserve-verifier: record into it once (`verify`) to \
                        upgrade it, then read it
                        """
                    )
                }
            }
            return Ledger(pool: queue, hasher: hasher, path: path)
        } catch {
            throw storageError(error, "\(path): the ledger could not be opened for reading")
        }
    }

    /// Whether the ledger's folder can be written (EROFS or EACCES say no, even for root on a
    /// read-only mount).
    static func folderIsWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// `file:` URI with `immutable=1`: SQLite reads without locks or a `-shm` file.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let escaped =
            absolute.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? absolute
        return "file:" + escaped + "?immutable=1"
    }

    /// Checks an existing file read-only before anything writes to it.
    private static func inspect(_ path: String, immutable: Bool = false) throws(VerifierError) {
        if let handle = FileHandle(forReadingAtPath: path) {
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !header.isEmpty && header != Data("SQLite format 3\u{0}".utf8) {
                throw VerifierError(
                    .incompatibleDatabase,
                    "\(path) is not an SQLite database; it was left untouched (choose another file with --db)")
            }
            if header.isEmpty { return }
        }
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in
                let migrator = LedgerSchema.migrator
                if try db.tableExists("grdb_migrations") {
                    if try migrator.hasBeenSuperseded(db) {
                        throw VerifierError(
                            .incompatibleDatabase,
                            """
                            \(path) was written by a newer version of reserve-verifier (unknown schema migrations); it \
                            was left untouched
                            """
                        )
                    }
                } else if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 > 0 {
                    throw VerifierError(
                        .incompatibleDatabase,
                        "\(path) is an SQLite database of another application; it was left untouched")
                }
            }
        } catch let error as VerifierError {
            throw error
        } catch {
            throw storageError(error, "\(path) could not be read")
        }
    }

    static func storageError(_ error: any Error, _ what: String) -> VerifierError {
        if let error = error as? VerifierError { return error }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB:
                return VerifierError(.incompatibleDatabase, "\(what): not an SQLite database", detail: db.description)
            case .SQLITE_READONLY:
                return VerifierError(.storage, "\(what): the database is read-only", detail: db.description)
            case .SQLITE_FULL:
                return VerifierError(.storage, "\(what): the disk is full", detail: db.description)
            case .SQLITE_CORRUPT:
                return VerifierError(.storage, "\(what): the database is corrupt", detail: db.description)
            case .SQLITE_CANTOPEN:
                return VerifierError(.storage, "\(what): the database file cannot be opened", detail: db.description)
            default:
                return VerifierError(
                    .storage, "\(what): SQLite error \(db.resultCode.rawValue) (\(db.message ?? "no message"))",
                    detail: db.description)
            }
        }
        return VerifierError(.storage, "\(what): \(error)")
    }

    /// `PRAGMA integrity_check`: "ok" or SQLite's list of problems.
    public func integrityCheck() throws(VerifierError) -> [String] {
        do {
            return try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw Ledger.storageError(error, "\(path): integrity check")
        }
    }
}
