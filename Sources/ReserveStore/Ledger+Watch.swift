import Foundation
import GRDB
import ReserveCore

/// What the ledger remembers of a source between rounds.
public struct SourceState: Sendable, Hashable {
    public var etag: String?
    public var fingerprint: String?
    public var consecutiveFailures: Int
    public var lastError: String?
    public var lastSuccessAt: String?

    public init(
        etag: String? = nil, fingerprint: String? = nil, consecutiveFailures: Int = 0, lastError: String? = nil,
        lastSuccessAt: String? = nil
    ) {
        self.etag = etag
        self.fingerprint = fingerprint
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.lastSuccessAt = lastSuccessAt
    }
}

/// An alert waiting for (or past) delivery to one sink.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var dedupKey: String
    public var sink: String
    public var alert: String
    public var attempts: Int
}

/// A recorded attestation of a coin, newer than a watch's last look.
public struct CoinEvent: Sendable, Hashable {
    public var attestationRef: Int64
    public var digest: String
    public var sequence: Int
    public var trusted: Bool
    public var accepted: Bool
    /// Failing history or signature rules of its first evaluation (SIG-TRUSTED, ROLLBACK, EQUIVOCATION).
    public var failedRules: [RuleID]
    public var messages: [String: String]
}

extension Ledger {
    public func sourceState(_ source: String) throws(VerifierError) -> SourceState {
        do {
            return try pool.read { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM source_state WHERE source = ?", arguments: [source])
                else {
                    return SourceState()
                }
                return SourceState(
                    etag: row["etag"], fingerprint: row["fingerprint"],
                    consecutiveFailures: row["consecutive_failures"],
                    lastError: row["last_error"], lastSuccessAt: row["last_success_at"])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): source state")
        }
    }

    public func saveSourceState(_ source: String, _ state: SourceState, at time: Timestamp) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO source_state (source, etag, fingerprint, consecutive_failures, last_error, last_success_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source) DO UPDATE SET etag = excluded.etag, fingerprint = excluded.fingerprint,
                            consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
                            last_success_at = excluded.last_success_at, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        source, state.etag, state.fingerprint, state.consecutiveFailures, state.lastError,
                        state.lastSuccessAt, time.description,
                    ])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): saving source state")
        }
    }

    /// The stored alert state of a coin (JSON text), nil before its first round.
    public func coinState(issuer: String, token: String) throws(VerifierError) -> String? {
        do {
            return try pool.read { db in
                try String.fetchOne(
                    db, sql: "SELECT state FROM coin_state WHERE issuer = ? AND token = ?", arguments: [issuer, token])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): coin state")
        }
    }

    /// Saves a coin's new alert state and queues its alerts, in one transaction. An alert whose
    /// (dedup key, sink) is already queued is not queued again.
    public func commitCoinState(
        issuer: String, token: String, state: String, alerts: [(dedupKey: String, sink: String, alert: String)],
        at time: Timestamp
    ) throws(VerifierError) -> Int {
        do {
            return try pool.writeWithoutTransaction { db in
                var queued = 0
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: """
                            INSERT INTO coin_state (issuer, token, state, updated_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT (issuer, token) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                            """, arguments: [issuer, token, state, time.description])
                    let insert = try db.cachedStatement(
                        sql: """
                            INSERT OR IGNORE INTO alert_outbox (dedup_key, sink, alert, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)
                            """)
                    for alert in alerts {
                        try insert.execute(arguments: [
                            alert.dedupKey, alert.sink, alert.alert, time.description, time.millisecondText,
                        ])
                        queued += db.changesCount
                    }
                    return .commit
                }
                return queued
            }
        } catch {
            throw Ledger.storageError(error, "\(path): saving coin state and alerts")
        }
    }

    /// Attestations of a coin recorded after `afterRef`, with the integrity and history rules
    /// that failed in their first evaluation.
    public func events(issuer: String, token: String, after afterRef: Int64) throws(VerifierError) -> [CoinEvent] {
        do {
            return try pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.digest, a.sequence, a.trusted, a.accepted,
                               (SELECT min(id) FROM evaluation WHERE attestation_ref = a.id) AS evaluation_ref
                        FROM attestation a WHERE a.issuer = ? AND a.token = ? AND a.id > ? ORDER BY a.id
                        """, arguments: [issuer, token, afterRef])
                return try rows.map { row in
                    let evaluationRef: Int64? = row["evaluation_ref"]
                    var failed: [RuleID] = []
                    var messages: [String: String] = [:]
                    if let evaluationRef {
                        for f in try Row.fetchAll(
                            db,
                            sql: """
                                SELECT rule, message FROM finding WHERE evaluation_ref = ? AND status = 'fail'
                                  AND rule IN ('SIG-TRUSTED', 'ATT-TIME', 'ROLLBACK', 'EQUIVOCATION') ORDER BY position
                                """, arguments: [evaluationRef])
                        {
                            let rule: String = f["rule"]
                            // The query names these ids only.
                            if let id = RuleID(rawValue: rule) { failed.append(id) }
                            messages[rule] = f["message"]
                        }
                    }
                    return CoinEvent(
                        attestationRef: row["id"], digest: row["digest"], sequence: row["sequence"],
                        trusted: row["trusted"],
                        accepted: row["accepted"], failedRules: failed, messages: messages)
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): coin events")
        }
    }

    /// The highest attestation row id (0 when empty).
    public func lastAttestationRef() throws(VerifierError) -> Int64 {
        do {
            return try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM attestation") ?? 0 }
        } catch {
            throw Ledger.storageError(error, "\(path): reading attestations")
        }
    }

    /// Undelivered alerts due at `time`, oldest first.
    public func pendingAlerts(due time: Timestamp) throws(VerifierError) -> [OutboxEntry] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, dedup_key, sink, alert, attempts FROM alert_outbox
                        WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY id
                        """, arguments: [time.millisecondText]
                ).map {
                    OutboxEntry(
                        id: $0["id"], dedupKey: $0["dedup_key"], sink: $0["sink"], alert: $0["alert"],
                        attempts: $0["attempts"])
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): pending alerts")
        }
    }

    /// Undelivered alerts per sink, parked ones aside (for metrics).
    public func pendingAlertCounts() throws(VerifierError) -> [String: Int] {
        do {
            return try pool.read { db in
                var out: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT sink, count(*) AS n FROM alert_outbox
                        WHERE delivered_at IS NULL AND next_attempt_at != ? GROUP BY sink
                        """, arguments: [Ledger.parkedMarker])
                {
                    out[row["sink"]] = row["n"]
                }
                return out
            }
        } catch {
            throw Ledger.storageError(error, "\(path): pending alert counts")
        }
    }

    public func markDelivered(_ id: Int64, at time: Timestamp) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql:
                        "UPDATE alert_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                    arguments: [time.description, id])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): marking an alert delivered")
        }
    }

    public func markFailed(_ id: Int64, error message: String, retryAt: Timestamp) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql:
                        "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    arguments: [String(message.prefix(500)), retryAt.millisecondText, id])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording a failed delivery")
        }
    }
}

/// A source's stored state, for `status --sources`.
public struct SourceStateRow: Sendable, Hashable {
    public var source: String
    public var state: SourceState
    public var updatedAt: String
}

extension Ledger {
    /// `next_attempt_at` of a parked alert: sorts after every timestamp, so it is never due.
    static let parkedMarker = "parked"

    /// Every source's state, by name (rows whose key starts with `#` are the job's own, not sources).
    public func sourceStates() throws(VerifierError) -> [SourceStateRow] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM source_state WHERE source NOT LIKE '#%' ORDER BY source"
                ).map { row in
                    SourceStateRow(
                        source: row["source"],
                        state: SourceState(
                            etag: row["etag"], fingerprint: row["fingerprint"],
                            consecutiveFailures: row["consecutive_failures"], lastError: row["last_error"],
                            lastSuccessAt: row["last_success_at"]), updatedAt: row["updated_at"])
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): source states")
        }
    }

    /// Parks an alert that keeps failing: it stays in the outbox, undelivered, and is no longer due.
    public func parkAlert(_ id: Int64, error message: String) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?
                        """, arguments: [String(message.prefix(500)), Ledger.parkedMarker, id])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): parking an alert")
        }
    }

    /// Parked alerts per sink (for metrics).
    public func parkedAlertCounts() throws(VerifierError) -> [String: Int] {
        do {
            return try pool.read { db in
                var out: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT sink, count(*) AS n FROM alert_outbox
                        WHERE delivered_at IS NULL AND next_attempt_at = ? GROUP BY sink
                        """, arguments: [Ledger.parkedMarker])
                {
                    out[row["sink"]] = row["n"]
                }
                return out
            }
        } catch {
            throw Ledger.storageError(error, "\(path): parked alert counts")
        }
    }

    /// Queues alerts that belong to no coin state change (an alert parked, a source refused), once per
    /// (dedup key, sink).
    public func queueAlerts(
        _ alerts: [(dedupKey: String, sink: String, alert: String)],
        at time: Timestamp
    ) throws(VerifierError) -> Int {
        do {
            return try pool.write { db in
                var queued = 0
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO alert_outbox (dedup_key, sink, alert, created_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                for alert in alerts {
                    try insert.execute(arguments: [
                        alert.dedupKey, alert.sink, alert.alert, time.description,
                        time.millisecondText,
                    ])
                    queued += db.changesCount
                }
                return queued
            }
        } catch {
            throw Ledger.storageError(error, "\(path): queueing alerts")
        }
    }
}
