import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import Synchronization
import TestSupport
import Testing

@Suite struct LedgerTests {
    let factory: SakuraFactory

    init() throws {
        factory = try SakuraFactory()
    }

    @Test func migrationCreatesTheSchemaInANewFileAndInAnEmptyFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try Ledger.open(path: dir.path("new.sqlite"), hasher: OpenSSLProvider())
        _ = FileManager.default.createFile(atPath: dir.path("empty.sqlite"), contents: Data())
        _ = try Ledger.open(path: dir.path("empty.sqlite"), hasher: OpenSSLProvider())
        for name in ["new.sqlite", "empty.sqlite"] {
            let tables = try sqlite3(
                dir.path(name),
                "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY "
                    + "name)"
            )
            #expect(
                tables
                    == "alert_outbox,attestation,bank_policy,checkpoint,coin_state,evaluation,evaluation_body,finding,"
                    + "grdb_migrations,signature_check,source_state,withdrawal",
                "\(name)")
            #expect(
                try sqlite3(dir.path(name), "SELECT group_concat(identifier) FROM grdb_migrations")
                    == "v1-ledger,v2-watch,v3-equivocation-index,v4-integrity,v5-runtime,v6-compact-records,"
                    + "v7-compact-evidence,v8-narrow-heads"
            )
            #expect(try sqlite3(dir.path(name), "PRAGMA journal_mode") == "wal")
        }
    }

    @Test func theStoredTextOfTheLongDDLStatementsIsTheTextFirstReleased() throws {
        // LedgerSchema.swift continues its long DDL lines with `\` (no newline in the SQL): SQLite
        // stores CREATE TRIGGER / CREATE INDEX text verbatim, so a released migration's text never changes.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("new.sqlite")
        _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
        func stored(_ name: String) throws -> String {
            try sqlite3(path, "SELECT sql FROM sqlite_master WHERE name = '\(name)'")
        }
        let appendOnly = "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"
        #expect(
            try stored("attestation_no_update")
                == "CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation " + appendOnly)
        #expect(
            try stored("signature_check_no_delete")
                == "CREATE TRIGGER signature_check_no_delete BEFORE DELETE ON signature_check " + appendOnly)
        #expect(
            try stored("withdrawal_no_update")
                == "CREATE TRIGGER withdrawal_no_update BEFORE UPDATE ON withdrawal " + appendOnly)
        #expect(
            try stored("alert_outbox_no_delete")
                == "CREATE TRIGGER alert_outbox_no_delete BEFORE DELETE ON alert_outbox "
                + "BEGIN SELECT RAISE(ABORT, 'the outbox keeps every alert'); END")
        #expect(
            try stored("alert_outbox_delivery_only")
                == "CREATE TRIGGER alert_outbox_delivery_only BEFORE UPDATE OF dedup_key, sink, alert, created_at "
                + "ON alert_outbox\nBEGIN SELECT RAISE(ABORT, 'only delivery state changes in the outbox'); END")
        #expect(
            try stored("finding_equivocation")
                == "CREATE INDEX finding_equivocation ON finding (evaluation_ref) "
                + "WHERE rule = 'EQUIVOCATION' AND status = 'fail'")
    }

    @Test func twoOpeningsOfANewLedgerAtOnceBothSucceed() throws {
        // GRDB's migrator is not safe across connections: the second opener used to run a
        // migration the first had just committed ("table attestation already exists").
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for round in 0..<30 {
            let path = dir.path("race-\(round).sqlite")
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [], "round \(round)")
            #expect(try sqlite3(path, "SELECT count(*) FROM grdb_migrations") == "8")
        }
    }

    @Test func firstRecordIsAcceptedAndTheSameEnvelopeAgainIsAReplayThatStoresOnlyItsEvaluation() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let envelope = try factory.envelope(sequence: 37)
        let first = try ledger.record(try factory.input(envelope, at: nov22))
        #expect(first.recorded && first.accepted)
        #expect(first.evaluation.status(.replay) == nil)
        #expect(first.evaluation.status(.rollback) == .pass)
        let again = try ledger.record(try factory.input(envelope, at: nov22))
        #expect(!again.recorded)
        #expect(again.evaluation.status(.replay) == .warn)
        // Replay does not change the exit code: REPLAY is not gating.
        #expect(again.evaluation.findings(for: .replay).first?.gating == false)
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "1")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM evaluation") == "2")
    }

    @Test func lowerSequenceIsARollbackThatNeverReplacesTheLatestState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        let older = try ledger.record(
            try factory.input(try factory.envelope(sequence: 36, asOf: "2026-09-30T15:00:00Z"), at: nov22))
        #expect(older.recorded && !older.accepted)
        #expect(older.evaluation.status(.rollback) == .fail)
        #expect(older.evaluation.verdict.blocking.contains(.rollback))
        let status = try ledger.status()
        #expect(status.map(\.sequence) == [37])
    }

    @Test func statusListsEveryCoinOfEveryIssuerWithItsNewestAcceptedAttestationOnly() throws {
        // status finds the coins by a loose index scan (each next issuer, each next token of an
        // issuer); genuine attestations of several coins check that it visits every one, in
        // order, and skips a coin with no accepted attestation (a future-dated one is not admitted).
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let store = try SakuraFactory.trustStore(freshnessDays: nil, issuers: ["alpha", "sakura-pay", "zeta"])
        let future = "2036-10-31T15:00:00Z"
        let coins: [(issuer: String, token: String, sequence: Int, asOf: String)] = [
            ("sakura-pay", "SKJPY", 37, "2026-10-31T15:00:00Z"), ("alpha", "A1", 5, "2026-10-29T15:00:00Z"),
            ("alpha", "A1", 9, "2026-10-30T15:00:00Z"), ("alpha", "A1", 12, future),
            ("alpha", "A2", 3, "2026-10-30T15:00:00Z"),
            ("alpha", "A0", 4, future), ("zeta", "Z", 2, "2026-10-30T15:00:00Z"),
            ("sakura-pay", "OTHER", 1, "2026-10-30T15:00:00Z"),
        ]
        for c in coins {
            let envelope = try factory.envelope(
                sequence: c.sequence, asOf: c.asOf, issuer: c.issuer, token: c.token,
                issuedAt: c.asOf == future ? future : nil)
            _ = try ledger.record(try factory.input(envelope, at: nov22, store: store))
        }
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "8")
        let status = try ledger.status()
        #expect(
            status.map { "\($0.issuer)/\($0.token)@\($0.sequence)" }
                == ["alpha/A1@9", "alpha/A2@3", "sakura-pay/OTHER@1", "sakura-pay/SKJPY@37", "zeta/Z@2"])
    }

    @Test func higherSequenceWithAnOlderAsOfIsARollbackToo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        let backdated = try ledger.record(
            try factory.input(try factory.envelope(sequence: 38, asOf: "2026-10-30T15:00:00Z"), at: nov22))
        #expect(backdated.evaluation.status(.rollback) == .fail)
        #expect(
            backdated.evaluation.findings(for: .rollback).first?.message
                == "asOf 2026-10-30T15:00:00Z is before the latest accepted 2026-10-31T15:00:00Z: it does not "
                + "replace the latest state"
        )
    }

    @Test func nextSequenceWithALaterAsOfPassesRollbackAndBecomesTheLatestState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        let next = try ledger.record(
            try factory.input(try factory.envelope(sequence: 38, asOf: "2026-11-03T15:00:00Z"), at: nov22))
        #expect(next.accepted)
        #expect(next.evaluation.status(.rollback) == .pass)
        #expect(try ledger.status().map(\.sequence) == [38])
    }

    @Test func twoDifferentSignedPayloadsWithOneSequenceAreAnEquivocationAndBothAreKept() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let first = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        #expect(first.evaluation.status(.equivocation) == .pass)
        let second = try ledger.record(
            try factory.input(try factory.envelope(sequence: 37, variant: "second version"), at: nov22))
        #expect(second.recorded && !second.accepted)
        #expect(second.evaluation.status(.equivocation) == .fail)
        #expect(second.evaluation.verdict.blocking.contains(.equivocation))
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation WHERE sequence = 37") == "2")
        #expect(try ledger.status().first?.equivocations == 1)
    }

    @Test(arguments: [(35, FindingStatus.pass), (36, FindingStatus.fail)])
    func staleAfterTheFreshnessWindow(days: Int, expected: FindingStatus) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let asOf = Timestamp.parse("2026-10-31T15:00:00Z")!  // constant
        let at = asOf.adding(seconds: Int64(days) * 86_400)
        let outcome = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: at))
        #expect(outcome.evaluation.status(.stale) == expected)
        #expect(
            outcome.evaluation.findings(for: .stale).first.map { $0.evidence as? StaleEvidence }??.freshnessDays == 35)
    }

    @Test func theIssuersOwnFreshnessWindowFromTrustJSONApplies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let store = try SakuraFactory.trustStore(freshnessDays: 10)
        let asOf = Timestamp.parse("2026-10-31T15:00:00Z")!  // constant
        let outcome = try ledger.record(
            try factory.input(try factory.envelope(sequence: 37), at: asOf.adding(seconds: 11 * 86_400), store: store))
        #expect(outcome.evaluation.status(.stale) == .fail)
    }

    @Test func theHashChainHoldsAndAnEditWithTheSqlite3ToolBreaksIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        for sequence in 37...39 {
            let asOf = "2026-10-\(sequence - 8)T15:00:00Z"
            _ = try ledger.record(try factory.input(try factory.envelope(sequence: sequence, asOf: asOf), at: nov22))
        }
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        // The append-only trigger refuses a plain edit...
        // The sqlite3 tool wraps the trigger's message in its own error text, so the message is searched for.
        #expect(try sqlite3(path, "UPDATE evaluation SET eligible = 1 WHERE id = 2").contains("append-only"))
        // ...so a tamperer drops it first; the chain still shows the edit.
        _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET eligible = 1 WHERE id = 2;")
        let report = try Ledger.open(path: path, hasher: OpenSSLProvider()).verifyChain()
        #expect(report.broken?.id == 2)
        #expect(
            report.broken?.reason
                == "its content no longer matches its hash (the row, its findings, its attestation or signature "
                + "checks were edited)")
    }

    @Test func deletingAFindingOrAnEvaluationBreaksTheChain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        _ = try ledger.record(
            try factory.input(try factory.envelope(sequence: 38, asOf: "2026-11-03T15:00:00Z"), at: nov22))
        _ = try sqlite3(
            path, "DROP TRIGGER finding_no_delete; DELETE FROM finding WHERE evaluation_ref = 1 AND rule = 'RRT-OC';")
        #expect(try Ledger.open(path: path, hasher: OpenSSLProvider()).verifyChain().broken?.id == 1)

        let other = dir.path("m.sqlite")
        let second = try Ledger.open(path: other, hasher: OpenSSLProvider())
        _ = try second.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        _ = try second.record(
            try factory.input(try factory.envelope(sequence: 38, asOf: "2026-11-03T15:00:00Z"), at: nov22))
        _ = try sqlite3(
            other,
            "PRAGMA foreign_keys = OFF; DROP TRIGGER evaluation_no_delete; DROP TRIGGER finding_no_delete; DELETE "
                + "FROM finding WHERE evaluation_ref = 1; DELETE FROM evaluation WHERE id = 1;"
        )
        let report = try Ledger.open(path: other, hasher: OpenSSLProvider()).verifyChain()
        #expect(report.broken?.id == 2)
        #expect(
            report.broken?.reason == "prev_hash does not match the previous row's hash (a row was removed or reordered)"
        )
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("notes.sqlite")
        let content = Data("these are my notes, not a database\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: content)
        #expect(throws: VerifierError.self) { _ = try Ledger.open(path: path, hasher: OpenSSLProvider()) }
        do {
            _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
        } catch {
            #expect(error.code == .incompatibleDatabase)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherApplicationsSQLiteDatabaseIsRefusedAndLeftUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("other.sqlite")
        _ = try sqlite3(
            path,
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
            Issue.record("opened another application's database")
        } catch {
            #expect(error.code == .incompatibleDatabase)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aLedgerFromANewerSchemaVersionIsRefusedAndLeftUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("newer.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = ledger  // migrated to the current schema, then a future migration appears:
        _ = try sqlite3(
            path, "PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO grdb_migrations (identifier) VALUES ('v99-future');")
        _ = try sqlite3(path, "PRAGMA wal_checkpoint(TRUNCATE);")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
            Issue.record("opened a newer ledger")
        } catch {
            #expect(error.code == .incompatibleDatabase)
            #expect(
                error.message
                    == "\(path) was written by a newer version of reserve-verifier (unknown schema migrations); it "
                    + "was left untouched"
            )
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func twoLedgerConnectionsRecordingAtOnceBothSucceedAndKeepOneChain() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        _ = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let inputsA = try (0..<20).map {
            try factory.input(try factory.envelope(sequence: 100 + $0, variant: "a\($0)"), at: nov22)
        }
        let inputsB = try (0..<20).map {
            try factory.input(try factory.envelope(sequence: 100 + $0, variant: "b\($0)"), at: nov22)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for inputs in [inputsA, inputsB] {
                group.addTask {
                    let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())  // its own connection pool
                    for input in inputs { _ = try ledger.record(input) }
                }
            }
            try await group.waitForAll()
        }
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain() == ChainReport(rows: 40, broken: nil))
        #expect(try sqlite3(path, "SELECT count(*) FROM attestation") == "40")
    }

    @Test func historyListsEveryEvaluationOldestFirst() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try factory.input(try factory.envelope(sequence: 37), at: nov22))
        _ = try ledger.record(
            try factory.input(try factory.envelope(sequence: 36, asOf: "2026-09-30T15:00:00Z"), at: nov22))
        let history = try ledger.history(issuer: "sakura-pay", token: "SKJPY")
        #expect(history.map(\.sequence) == [37, 36])
        #expect(history.map(\.accepted) == [true, false])
        #expect(history[0].coverage == "1.00825")
        #expect(history.map(\.kind) == [.verify, .verify])
        #expect(history[1].asOf == Timestamp.parse("2026-09-30T15:00:00Z"))
        #expect(try ledger.history(issuer: "sakura-pay", token: "OTHER").isEmpty)
    }
}
