import Foundation
import GRDB
import ReserveCore

/// What `watch` keeps between rounds: each source's state, each coin's alert state, and the alert
/// outbox, through their records (``SourceState``, ``CoinStateRecord``, ``OutboxEntry``).
extension Ledger {
    /// The stored state of a source, or a fresh one before its first round.
    public func sourceState(_ source: String) throws(VerifierError) -> SourceState {
        do {
            return try pool.read { db in try SourceState.fetchOne(db, key: source) } ?? SourceState(source: source)
        } catch {
            throw Ledger.storageError(error, "\(path): source state")
        }
    }

    /// Writes a source's state (inserted or replaced), stamped `updated_at` = `time`.
    public func saveSourceState(_ state: SourceState, at time: Timestamp) throws(VerifierError) {
        var state = state
        state.updatedAt = time.description
        do {
            try pool.write { db in try state.upsert(db) }
        } catch {
            throw Ledger.storageError(error, "\(path): saving source state")
        }
    }

    /// Every source's state, by name (rows whose key starts with `#` are the job's own, not sources).
    public func sourceStates() throws(VerifierError) -> [SourceState] {
        do {
            return try pool.read { db in
                try SourceState.filter(!SourceState.Columns.source.like("#%"))
                    .order(SourceState.Columns.source).fetchAll(db)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): source states")
        }
    }

    /// The stored alert state of a coin, nil before its first round.
    public func coinState(issuer: String, token: String) throws(VerifierError) -> CoinAlertState? {
        do {
            return try pool.read { db in
                try CoinStateRecord.fetchOne(
                    db,
                    key: [
                        CoinStateRecord.Columns.issuer.name: issuer, CoinStateRecord.Columns.token.name: token,
                    ])?.state
            }
        } catch let error as DecodingError {
            throw VerifierError(
                .storage,
                "\(path): coin state: the stored state of \(issuer)/\(token) cannot be read: \(Self.reason(error))")
        } catch {
            throw Ledger.storageError(error, "\(path): coin state")
        }
    }

    /// Why a stored JSON column could not be decoded, in a few words naming the member.
    static func reason(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "the state" }
            return path.enumerated().map { i, key in
                key.intValue.map { "[\($0)]" } ?? (i == 0 ? key.stringValue : ".\(key.stringValue)")
            }.joined()
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "not JSON"
        case .dataCorrupted(let context): return "\(at(context.codingPath)) is malformed"
        case .typeMismatch(let type, let context): return "\(at(context.codingPath)) is not \(Self.article(type))"
        case .valueNotFound(let type, let context):
            return "\(at(context.codingPath)) is null, not \(Self.article(type))"
        case .keyNotFound(let key, _): return "\(key.stringValue) is missing"
        @unknown default: return "\(error)"
        }
    }

    private static func article(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "a boolean"
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is [Any].Type, is [String].Type: "an array"
        default: "an object"
        }
    }

    /// Saves a coin's new alert state and queues its alerts, in one transaction. An alert whose
    /// (dedup key, sink) is already queued is not queued again. Returns the number queued.
    public func commitCoinState(
        issuer: String, token: String, state: CoinAlertState,
        alerts: [(dedupKey: String, sink: String, alert: String)], at time: Timestamp
    ) throws(VerifierError) -> Int {
        do {
            return try pool.writeWithoutTransaction { db in
                var queued = 0
                try db.inTransaction(.immediate) {
                    try CoinStateRecord(issuer: issuer, token: token, state: state, updatedAt: time.description)
                        .upsert(db)
                    queued = try Self.queue(alerts, at: time, in: db)
                    return .commit
                }
                return queued
            }
        } catch {
            throw Ledger.storageError(error, "\(path): saving coin state and alerts")
        }
    }

    /// Queues alerts that belong to no coin state change (an alert parked, a source refused), once per
    /// (dedup key, sink). Returns the number queued.
    public func queueAlerts(
        _ alerts: [(dedupKey: String, sink: String, alert: String)],
        at time: Timestamp
    ) throws(VerifierError) -> Int {
        do {
            return try pool.write { db in try Self.queue(alerts, at: time, in: db) }
        } catch {
            throw Ledger.storageError(error, "\(path): queueing alerts")
        }
    }

    /// Inserts the alerts not already in the outbox for their (dedup key, sink); counts the new rows.
    static func queue(
        _ alerts: [(dedupKey: String, sink: String, alert: String)], at time: Timestamp, in db: Database
    ) throws -> Int {
        var queued = 0
        for alert in alerts {
            try OutboxEntry(dedupKey: alert.dedupKey, sink: alert.sink, alert: alert.alert, queuedAt: time)
                .insert(db, onConflict: .ignore)
            queued += db.changesCount
        }
        return queued
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
                return try rows.map { row throws -> CoinEvent in
                    let evaluationRef: Int64? = row["evaluation_ref"]
                    let failures = try evaluationRef.map { try Self.eventFailures(evaluationRef: $0, in: db) } ?? []
                    var messages: [String: String] = [:]
                    for failure in failures { messages[failure.rule.rawValue] = failure.message }
                    return CoinEvent(
                        attestationRef: row["id"], digest: row["digest"], sequence: row["sequence"],
                        trusted: row["trusted"], accepted: row["accepted"], failedRules: failures.map(\.rule),
                        messages: messages)
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): coin events")
        }
    }

    /// The rules a watch reports of an event (signature, time, rollback, equivocation, sequence step).
    static let eventRules: [RuleID] = [.sigTrusted, .attTime, .rollback, .equivocation, .sequenceJump]

    /// The failed ``eventRules`` of one evaluation, in the evaluation's order, with their messages.
    static func eventFailures(evaluationRef: Int64, in db: Database) throws -> [(rule: RuleID, message: String)] {
        var arguments: StatementArguments = [evaluationRef, FindingStatus.fail]
        arguments += StatementArguments(eventRules)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT rule, message FROM finding
                WHERE evaluation_ref = ? AND status = ? AND rule IN (?, ?, ?, ?, ?) ORDER BY position
                """, arguments: arguments)
        // The query names known ids only, so the conversion cannot fail.
        return rows.map { (rule: $0["rule"], message: $0["message"]) }
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
                try OutboxEntry.filter(
                    OutboxEntry.Columns.deliveredAt == nil && OutboxEntry.Columns.nextAttemptAt <= time.millisecondText
                ).order(OutboxEntry.Columns.id).fetchAll(db)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): pending alerts")
        }
    }

    /// Undelivered alerts per sink, parked ones aside (for metrics).
    public func pendingAlertCounts() throws(VerifierError) -> [String: Int] {
        try undeliveredCounts(OutboxEntry.Columns.nextAttemptAt != OutboxEntry.parkedMarker, "pending alert counts")
    }

    /// Parked alerts per sink (for metrics).
    public func parkedAlertCounts() throws(VerifierError) -> [String: Int] {
        try undeliveredCounts(OutboxEntry.Columns.nextAttemptAt == OutboxEntry.parkedMarker, "parked alert counts")
    }

    /// Undelivered alerts per sink among those `filter` selects.
    func undeliveredCounts(_ filter: SQLExpression, _ what: String) throws(VerifierError) -> [String: Int] {
        do {
            return try pool.read { db in
                let counts = try Row.fetchAll(
                    db,
                    OutboxEntry.select(OutboxEntry.Columns.sink, count(SQL("*")).forKey("n"))
                        .filter(OutboxEntry.Columns.deliveredAt == nil && filter)
                        .group(OutboxEntry.Columns.sink))
                var out: [String: Int] = [:]
                for row in counts { out[row["sink"]] = row["n"] }
                return out
            }
        } catch {
            throw Ledger.storageError(error, "\(path): \(what)")
        }
    }

    /// A delivered alert: delivered now, one more attempt, no error.
    public func markDelivered(_ entry: OutboxEntry, at time: Timestamp) throws(VerifierError) {
        try updateOutbox(
            entry,
            [
                OutboxEntry.Columns.deliveredAt.set(to: time.description),
                OutboxEntry.Columns.attempts.set(to: OutboxEntry.Columns.attempts + 1),
                OutboxEntry.Columns.lastError.set(to: nil),
            ], "marking an alert delivered")
    }

    /// A failed attempt, to be tried again at `retryAt`.
    public func markFailed(_ entry: OutboxEntry, error message: String, retryAt: Timestamp) throws(VerifierError) {
        try updateOutbox(
            entry, Self.failedAttempt(message, next: retryAt.millisecondText), "recording a failed delivery")
    }

    /// Parks an alert that keeps failing: it stays in the outbox, undelivered, and is no longer due.
    public func parkAlert(_ entry: OutboxEntry, error message: String) throws(VerifierError) {
        try updateOutbox(entry, Self.failedAttempt(message, next: OutboxEntry.parkedMarker), "parking an alert")
    }

    /// One more failed attempt: its error (at most 500 characters) and when to try again.
    static func failedAttempt(_ message: String, next: String) -> [ColumnAssignment] {
        [
            OutboxEntry.Columns.attempts.set(to: OutboxEntry.Columns.attempts + 1),
            OutboxEntry.Columns.lastError.set(to: String(message.prefix(500))),
            OutboxEntry.Columns.nextAttemptAt.set(to: next),
        ]
    }

    /// Changes delivery columns of one outbox row (the schema refuses changes to any other).
    func updateOutbox(_ entry: OutboxEntry, _ assignments: [ColumnAssignment], _ what: String) throws(VerifierError) {
        do {
            _ = try pool.write { db in try OutboxEntry.filter(key: entry.id).updateAll(db, assignments) }
        } catch {
            throw Ledger.storageError(error, "\(path): \(what)")
        }
    }
}
