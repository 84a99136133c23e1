import Foundation
import GRDB
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport
import Testing

/// The watch's records (`SourceState`, `CoinAlertState` in `coin_state`, `OutboxEntry`) and the
/// column conversions of `RuleID` and `FindingStatus`.
@Suite struct WatchRecordTests {
    let t0 = Timestamp.parse("2026-12-01T00:00:00Z")!  // constant
    let t1 = Timestamp.parse("2026-12-01T01:00:00Z")!  // constant

    @Test func aSourceStateIsFreshBeforeItsFirstSaveAndReadsBackAsSaved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        #expect(try ledger.sourceState("a/A folder x") == SourceState(source: "a/A folder x"))
        var state = SourceState(
            source: "a/A folder x", etag: "\"e1\"", fingerprint: "f1", consecutiveFailures: 2, lastError: "timed out",
            lastSuccessAt: "2026-11-30T00:00:00Z")
        try ledger.saveSourceState(state, at: t0)
        state.updatedAt = "2026-12-01T00:00:00Z"
        #expect(try ledger.sourceState("a/A folder x") == state)
        // Saved again: the row is replaced, not added.
        state.consecutiveFailures = 0
        state.lastError = nil
        try ledger.saveSourceState(state, at: t1)
        state.updatedAt = "2026-12-01T01:00:00Z"
        #expect(try ledger.sourceState("a/A folder x") == state)
        #expect(
            try sqlite3(dir.path("l.sqlite"), "SELECT * FROM source_state")
                == "a/A folder x|\"e1\"|f1|0||2026-11-30T00:00:00Z|2026-12-01T01:00:00Z")
    }

    @Test func sourceStatesListsTheSourcesByNameWithoutTheJobsOwnRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        for name in ["b/B folder y", "#round", "a/A folder x"] {
            try ledger.saveSourceState(SourceState(source: name), at: t0)
        }
        #expect(try ledger.sourceStates().map(\.source) == ["a/A folder x", "b/B folder y"])
        #expect(try ledger.sourceStates().map(\.updatedAt) == ["2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"])
    }

    @Test func aCoinStateIsStoredAsItsJSONTextAndReadsBackEqual() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        #expect(try ledger.coinState(issuer: "a", token: "A") == nil)
        let state = CoinAlertState(
            eligible: false, blocking: [.rrtOC], stale: true, unreachable: ["folder x"], lastAttestationRef: 7,
            digest: "sha256:00", transitions: 3, warnings: ["coverage"])
        let queued = try ledger.commitCoinState(issuer: "a", token: "A", state: state, alerts: [], at: t0)
        #expect(queued == 0)
        #expect(try ledger.coinState(issuer: "a", token: "A") == state)
        #expect(try ledger.coinState(issuer: "a", token: "B") == nil)
        #expect(
            try sqlite3(dir.path("l.sqlite"), "SELECT state || '|' || updated_at FROM coin_state")
                == """
                {"blocking":["RRT-OC"],"digest":"sha256:00","eligible":false,"lastAttestationRef":7,"stale":true,\
                "transitions":3,"unreachable":["folder x"],"warnings":["coverage"]}|2026-12-01T00:00:00Z
                """)
        // A second commit replaces the coin's row.
        _ = try ledger.commitCoinState(issuer: "a", token: "A", state: CoinAlertState(), alerts: [], at: t1)
        #expect(try ledger.coinState(issuer: "a", token: "A") == CoinAlertState())
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM coin_state") == "1")
    }

    /// A ledger holding one coin state (a/A) whose stored text is then replaced by `text`.
    func ledgerWithStoredState(_ text: String, in dir: TemporaryDirectory) throws -> Ledger {
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.commitCoinState(issuer: "a", token: "A", state: CoinAlertState(), alerts: [], at: t0)
        let quoted = text.replacingOccurrences(of: "'", with: "''")
        #expect(try sqlite3(dir.path("l.sqlite"), "UPDATE coin_state SET state = '\(quoted)'") == "")
        return ledger
    }

    @Test func aStoredCoinStateThatIsNotJSONIsAStorageErrorNotAFreshState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try ledgerWithStoredState("garbage", in: dir)
        let error = #expect(throws: VerifierError.self) { try ledger.coinState(issuer: "a", token: "A") }
        #expect(error?.code == .storage)
        #expect(
            error?.message == "\(dir.path("l.sqlite")): coin state: the stored state of a/A cannot be read: not JSON")
    }

    @Test(
        arguments: [
            ("[]", "the state is not an object"),
            (#"{"stale":"yes"}"#, "stale is not a boolean"),
            (#"{"unreachable":["x",1]}"#, "unreachable[1] is not a string"),
        ])
    func aStoredCoinStateOfTheWrongShapeIsAStorageErrorNamingTheMember(text: String, reason: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try ledgerWithStoredState(text, in: dir)
        let error = #expect(throws: VerifierError.self) { try ledger.coinState(issuer: "a", token: "A") }
        #expect(error?.code == .storage)
        #expect(
            error?.message == "\(dir.path("l.sqlite")): coin state: the stored state of a/A cannot be read: \(reason)")
    }

    @Test func aStoredCoinStateNamingAnUnknownRuleIsLedgerDamagedNamingTheRule() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try ledgerWithStoredState(#"{"blocking":["RRT-OC","NO-SUCH-RULE"]}"#, in: dir)
        let error = #expect(throws: VerifierError.self) { try ledger.coinState(issuer: "a", token: "A") }
        #expect(error?.code == .ledgerDamaged)
        #expect(
            error?.message
                == #"the watch state's blocking names the rule "NO-SUCH-RULE", which this version does not know"#)
    }

    @Test func aStateWrittenBeforeEarlyWarningsReadsBackThroughTheLedgerWithNone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let old =
            #"{"blocking":["RRT-OC"],"digest":null,"eligible":null,"lastAttestationRef":3,"stale":false,"#
            + #""transitions":0,"unreachable":[]}"#
        let ledger = try ledgerWithStoredState(old, in: dir)
        #expect(
            try ledger.coinState(issuer: "a", token: "A") == CoinAlertState(blocking: [.rrtOC], lastAttestationRef: 3))
    }

    @Test func theStoredTextIsTheCanonicalJSONWithSlashesAndUnicodeAsWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let state = CoinAlertState(
            eligible: true, blocking: [.rrtOC], unreachable: ["https://x.example/a b", "folder r\u{e9}serves\u{7f}"],
            lastAttestationRef: 12, digest: "sha256:ab", transitions: 1)
        _ = try ledger.commitCoinState(issuer: "a", token: "A", state: state, alerts: [], at: t0)
        let stored = try sqlite3(dir.path("l.sqlite"), "SELECT state FROM coin_state")
        #expect(
            stored
                == #"{"blocking":["RRT-OC"],"digest":"sha256:ab","eligible":true,"lastAttestationRef":12,"#
                + #""stale":false,"transitions":1,"unreachable":["https://x.example/a "#
                + #"b","folder r\#u{e9}serves\u007f"]}"#
        )
        #expect(stored == state.json)
        #expect(try ledger.coinState(issuer: "a", token: "A") == state)
    }

    @Test func coinAlertStateCodableReadsTheStoredJSON() throws {
        let state = CoinAlertState(
            eligible: true, blocking: [], stale: false, unreachable: [], lastAttestationRef: 12,
            digest: "sha256:ab", transitions: 1)
        #expect(
            state.json
                == #"{"blocking":[],"digest":"sha256:ab","eligible":true,"lastAttestationRef":12,"stale":false,"#
                + #""transitions":1,"unreachable":[]}"#
        )
        #expect(try JSONDecoder().decode(CoinAlertState.self, from: Data(state.json.utf8)) == state)
        // A state written before early warnings (no `warnings` key) reads back with none.
        let old =
            #"{"blocking":[],"eligible":null,"lastAttestationRef":3,"stale":false,"transitions":0,"unreachable":[]}"#
        #expect(
            try JSONDecoder().decode(CoinAlertState.self, from: Data(old.utf8)) == CoinAlertState(lastAttestationRef: 3)
        )
    }

    @Test func theOutboxQueuesEachDedupKeyAndSinkOnceAndRecordsEveryAttempt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let alerts: [(dedupKey: String, sink: String, alert: String)] = [
            ("k1", "log", "{}"), ("k1", "hook", "{}"), ("k2", "log", "{\"n\":2}"),
        ]
        #expect(try ledger.queueAlerts(alerts, at: t0) == 3)
        #expect(try ledger.queueAlerts(alerts, at: t1) == 0)
        #expect(
            try ledger.commitCoinState(
                issuer: "a", token: "A", state: CoinAlertState(), alerts: [("k1", "log", "{}"), ("k3", "log", "{}")],
                at: t1) == 1)
        let pending = try ledger.pendingAlerts(due: t0)
        #expect(pending.map(\.id) == [1, 2, 3])
        #expect(pending.map(\.dedupKey) == ["k1", "k1", "k2"])
        #expect(pending.map(\.sink) == ["log", "hook", "log"])
        #expect(pending[2].alert == "{\"n\":2}")
        #expect(pending[0].createdAt == "2026-12-01T00:00:00Z")
        #expect(pending[0].nextAttemptAt == "2026-12-01T00:00:00.000Z")
        #expect(pending.allSatisfy { $0.attempts == 0 && $0.deliveredAt == nil && $0.lastError == nil })
        #expect(try ledger.pendingAlerts(due: t1).count == 4)

        try ledger.markDelivered(pending[0], at: t1)
        try ledger.markFailed(pending[1], error: String(repeating: "x", count: 600), retryAt: t1.adding(seconds: 60))
        try ledger.parkAlert(pending[2], error: "parked after 5 failed attempts")
        #expect(try ledger.pendingAlerts(due: t1).map(\.dedupKey) == ["k3"])
        let hook = try #require(try ledger.pendingAlerts(due: t1.adding(seconds: 60)).first { $0.sink == "hook" })
        #expect(hook.attempts == 1)
        #expect(hook.lastError == String(repeating: "x", count: 500))
        #expect(try ledger.pendingAlertCounts() == ["hook": 1, "log": 1])
        #expect(try ledger.parkedAlertCounts() == ["log": 1])
        #expect(
            try sqlite3(
                dir.path("l.sqlite"), "SELECT attempts, next_attempt_at, delivered_at, last_error FROM alert_outbox")
                    == """
                    1|2026-12-01T00:00:00.000Z|2026-12-01T01:00:00Z|
                    1|2026-12-01T01:01:00.000Z||\(String(repeating: "x", count: 500))
                    1|parked||parked after 5 failed attempts
                    0|2026-12-01T01:00:00.000Z||
                    """)
    }

    @Test func theOutboxStillRefusesToLoseOrRewriteAnAlert() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.queueAlerts([("k1", "log", "{}")], at: t0)
        let pool = try DatabaseQueue(path: dir.path("l.sqlite"))
        #expect(throws: DatabaseError.self) { try pool.write { db in try OutboxEntry.deleteAll(db) } }
        #expect(throws: DatabaseError.self) {
            try pool.write { db in try OutboxEntry.updateAll(db, OutboxEntry.Columns.alert.set(to: "{\"forged\":1}")) }
        }
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT alert FROM alert_outbox") == "{}")
    }

    @Test func ruleIDsAndFindingStatusesAreStoredAsTheirRawValues() {
        #expect(RuleID.rrtOC.databaseValue == "RRT-OC".databaseValue)
        #expect(RuleID.fromDatabaseValue("SIG-TRUSTED".databaseValue) == .sigTrusted)
        #expect(RuleID.fromDatabaseValue("NO-SUCH-RULE".databaseValue) == nil)
        #expect(FindingStatus.insufficientData.databaseValue == "insufficient-data".databaseValue)
        #expect(FindingStatus.fromDatabaseValue("fail".databaseValue) == .fail)
        #expect(FindingStatus.fromDatabaseValue("FAIL".databaseValue) == nil)
    }
}
