import Foundation
import GRDB
import ReserveCore

/// One coin's current state, for `status`.
public struct CoinStatus: Sendable, Hashable {
    public var issuer: String
    public var token: String
    public var sequence: Int
    public var attestationId: String
    public var asOf: Timestamp
    public var digest: String
    public var eligible: Bool
    public var group: String
    public var profile: String
    public var blocking: [String]
    public var coverage: String?
    public var stressedCoverage: String?
    public var evaluatedAt: String
    public var freshnessDays: Int
    /// Any equivocation recorded for the coin.
    public var equivocations: Int
}

/// One evaluation, for `history`.
public struct HistoryEntry: Sendable, Hashable {
    public var evaluationID: Int64
    public var sequence: Int
    public var token: String
    public var asOf: String
    public var kind: String
    public var profile: String
    public var evaluatedAt: String
    public var eligible: Bool
    public var group: String
    public var blocking: [String]
    public var coverage: String?
    public var stressedCoverage: String?
    public var accepted: Bool
    public var digest: String
}

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

/// A stored envelope, for `reevaluate`.
public struct StoredEnvelope: Sendable {
    public var attestationRef: Int64
    public var source: String
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    public var freshnessDays: Int
    public var previousEligible: Bool
    public var previousProfile: String
}

private func blockingList(_ text: String) -> [String] {
    guard case .array(let items)? = try? JSONParser().parse(Array(text.utf8)) else { return [] }
    return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
}

extension Ledger {
    /// Each coin's latest accepted attestation with its latest evaluation (under `profile` only,
    /// matched by name whatever its version, when given).
    public func status(profile: String? = nil) throws(VerifierError) -> [CoinStatus] {
        do {
            return try pool.read { db in
                // The coins by a loose index scan of attestation_coin_sequence: each next issuer, and
                // each next token of an issuer, is one index seek (min(...) WHERE ... > previous), so
                // the cost grows with the number of coins, not of attestations (a GROUP BY scanned
                // the whole index: 100 ms at 1,000,000 attestations). Then each coin's newest
                // accepted attestation (a seek in attestation_coin) and its newest evaluation
                // (evaluation_attestation). The equivocation count starts from the partial index
                // finding_equivocation (CROSS JOIN keeps that order), not from the coin's evaluations.
                let rows = try Row.fetchAll(db, sql: """
                    WITH RECURSIVE
                      issuers(issuer) AS (
                        SELECT min(issuer) FROM attestation
                        UNION ALL
                        SELECT (SELECT min(issuer) FROM attestation WHERE issuer > issuers.issuer) FROM issuers WHERE issuers.issuer IS NOT NULL),
                      coins(issuer, token) AS (
                        SELECT issuer, (SELECT min(token) FROM attestation x WHERE x.issuer = issuers.issuer) FROM issuers WHERE issuer IS NOT NULL
                        UNION ALL
                        SELECT issuer, (SELECT min(token) FROM attestation x WHERE x.issuer = coins.issuer AND x.token > coins.token)
                        FROM coins WHERE coins.token IS NOT NULL),
                      latest(issuer, token, sequence) AS (
                        SELECT issuer, token,
                               (SELECT max(sequence) FROM attestation x WHERE x.issuer = coins.issuer AND x.token = coins.token AND x.accepted = 1)
                        FROM coins WHERE token IS NOT NULL)
                    SELECT a.issuer, a.token, a.sequence, a.attestation_id, a.as_of, a.digest,
                           e.eligible, e.coin_group, e.profile, e.blocking, e.coverage, e.stressed_coverage, e.evaluated_at, e.freshness_days,
                           (SELECT count(*) FROM finding f CROSS JOIN evaluation e2 ON f.evaluation_ref = e2.id
                             WHERE e2.issuer = a.issuer AND e2.token = a.token AND f.rule = 'EQUIVOCATION' AND f.status = 'fail') AS equivocations
                    FROM latest
                    JOIN attestation a ON a.issuer = latest.issuer AND a.token = latest.token AND a.sequence = latest.sequence AND a.accepted = 1
                    JOIN evaluation e ON e.id = (SELECT max(id) FROM evaluation WHERE attestation_ref = a.id
                        AND (?1 IS NULL OR profile = ?1 OR substr(profile, 1, length(?1) + 1) = ?1 || '@'))
                    ORDER BY a.issuer, a.token
                    """, arguments: [profile])
                return rows.compactMap { row -> CoinStatus? in
                    guard let asOf = Timestamp.parse(row["as_of"]) else { return nil }
                    return CoinStatus(issuer: row["issuer"], token: row["token"], sequence: row["sequence"], attestationId: row["attestation_id"],
                                      asOf: asOf, digest: row["digest"], eligible: row["eligible"], group: row["coin_group"],
                                      profile: row["profile"], blocking: blockingList(row["blocking"]), coverage: row["coverage"],
                                      stressedCoverage: row["stressed_coverage"], evaluatedAt: row["evaluated_at"],
                                      freshnessDays: row["freshness_days"], equivocations: row["equivocations"])
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): status")
        }
    }

    /// Every evaluation of an issuer's coins, oldest first.
    public func history(issuer: String, token: String?) throws(VerifierError) -> [HistoryEntry] {
        do {
            return try pool.read { db in
                var sql = """
                    SELECT e.id, e.sequence, e.token, e.as_of, e.kind, e.profile, e.evaluated_at, e.eligible, e.coin_group, e.blocking,
                           e.coverage, e.stressed_coverage, a.accepted, a.digest
                    FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref
                    WHERE e.issuer = ?
                    """
                var arguments: StatementArguments = [issuer]
                if let token {
                    sql += " AND e.token = ?"
                    arguments += [token]
                }
                sql += " ORDER BY e.id"
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    HistoryEntry(evaluationID: row["id"], sequence: row["sequence"], token: row["token"], asOf: row["as_of"],
                                 kind: row["kind"], profile: row["profile"], evaluatedAt: row["evaluated_at"], eligible: row["eligible"],
                                 group: row["coin_group"], blocking: blockingList(row["blocking"]), coverage: row["coverage"],
                                 stressedCoverage: row["stressed_coverage"], accepted: row["accepted"], digest: row["digest"])
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): history")
        }
    }

    /// Walks the evaluation hash chain from the first row and reports the first broken link.
    public func verifyChain() throws(VerifierError) -> ChainReport {
        do {
            return try pool.read { db in
                var previous = Ledger.genesisHash
                var count = 0
                let findingsStatement = try db.cachedStatement(sql: """
                    SELECT rule, status, message, basis, gating, evidence FROM finding WHERE evaluation_ref = ? ORDER BY position
                    """)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT e.*, a.digest, a.envelope_sha256, a.envelope FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref ORDER BY e.id
                    """)
                while let row = try rows.next() {
                    count += 1
                    let id: Int64 = row["id"]
                    let envelope: Data = row["envelope"]
                    let envelopeSHA: String = row["envelope_sha256"]
                    if hasher.sha256([UInt8](envelope)).hex != envelopeSHA {
                        return ChainReport(rows: count, broken: (id, "the stored envelope of its attestation no longer matches its recorded SHA-256"))
                    }
                    let prev: String = row["prev_hash"]
                    if prev != previous {
                        return ChainReport(rows: count, broken: (id, "prev_hash does not match the previous row's hash (a row was removed or reordered)"))
                    }
                    let findings = try Row.fetchAll(findingsStatement, arguments: [id]).map {
                        ChainRow.FindingRow(rule: $0["rule"], status: $0["status"], message: $0["message"], basis: $0["basis"],
                                            gating: $0["gating"], evidence: $0["evidence"])
                    }
                    let chain = ChainRow(
                        digest: row["digest"], envelopeSHA256: envelopeSHA, kind: row["kind"], profile: row["profile"],
                        toolVersion: row["tool_version"], evaluatedAt: row["evaluated_at"], eligible: row["eligible"],
                        group: row["coin_group"], blocking: row["blocking"], coverage: row["coverage"],
                        stressedCoverage: row["stressed_coverage"], freshnessDays: row["freshness_days"], findings: findings)
                    let computed = chain.hash(previous: prev, hasher: hasher)
                    let stored: String = row["row_hash"]
                    if computed != stored {
                        return ChainReport(rows: count, broken: (id, "its content no longer matches its hash (the row or its findings were edited)"))
                    }
                    previous = stored
                }
                return ChainReport(rows: count, broken: nil)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): ledger verify")
        }
    }

    /// The accepted attestations' envelopes with their latest evaluation, for `reevaluate`.
    public func acceptedEnvelopes() throws(VerifierError) -> [StoredEnvelope] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.id, a.source, a.envelope, a.detached_signature, e.freshness_days, e.eligible, e.profile
                    FROM attestation a JOIN evaluation e ON e.id = (SELECT max(id) FROM evaluation WHERE attestation_ref = a.id)
                    WHERE a.accepted = 1 ORDER BY a.id
                    """).map { row in
                    let envelope: Data = row["envelope"]
                    let detached: Data? = row["detached_signature"]
                    return StoredEnvelope(attestationRef: row["id"], source: row["source"], envelope: [UInt8](envelope),
                                          detachedSignature: detached.map { [UInt8]($0) }, freshnessDays: row["freshness_days"],
                                          previousEligible: row["eligible"], previousProfile: row["profile"])
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading stored envelopes")
        }
    }

    /// Appends a re-evaluation of a stored attestation (never rewrites the old ones).
    public func recordReevaluation(attestationRef: Int64, verified: VerifiedAttestation, evaluation: Evaluation, evaluatedAt: Timestamp,
                                   toolVersion: String, freshnessDays: Int) throws(VerifierError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    _ = try self.appendEvaluation(evaluation, attestationRef: attestationRef, digest: verified.digest,
                                                  attestation: verified.attestation, kind: "reevaluate", evaluatedAt: evaluatedAt,
                                                  toolVersion: toolVersion, freshnessDays: freshnessDays, db)
                    return .commit
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording a re-evaluation")
        }
    }
}
