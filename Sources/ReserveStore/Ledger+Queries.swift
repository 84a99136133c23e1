import Foundation
import GRDB
import ReserveCore

/// An evaluation row's `blocking` column as rule ids; an id this version does not know fails (E052).
private func blockingList(_ text: String, evaluation id: Int64) throws(VerifierError) -> [RuleID] {
    try RuleID.stored(json: text, field: "evaluation \(id)'s blocking")
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
                let statement = try db.cachedStatement(
                    sql: """
                        WITH RECURSIVE
                          issuers(issuer) AS (
                            SELECT min(issuer) FROM attestation
                            UNION ALL
                            SELECT (SELECT min(issuer) FROM attestation WHERE issuer > issuers.issuer) FROM issuers \
                        WHERE issuers.issuer IS NOT NULL),
                          coins(issuer, token) AS (
                            SELECT issuer, (SELECT min(token) FROM attestation x WHERE x.issuer = issuers.issuer) FROM \
                        issuers WHERE issuer IS NOT NULL
                            UNION ALL
                            SELECT issuer, (SELECT min(token) FROM attestation x WHERE x.issuer = coins.issuer AND \
                        x.token > coins.token)
                            FROM coins WHERE coins.token IS NOT NULL),
                          latest(issuer, token, attestation_id) AS (
                            SELECT issuer, token,
                                   (SELECT x.id FROM attestation x WHERE x.issuer = coins.issuer AND x.token = \
                        coins.token AND x.accepted = 1
                                      AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = x.id)
                                    ORDER BY x.sequence DESC LIMIT 1)
                            FROM coins WHERE token IS NOT NULL)
                        SELECT a.issuer, a.token, a.sequence, a.attestation_id, a.as_of, a.digest, e.id AS \
                        evaluation_id,
                               e.eligible, e.coin_group, e.profile, e.blocking, e.coverage, e.stressed_coverage, \
                        e.evaluated_at, e.freshness_days,
                               (SELECT count(*) FROM finding f CROSS JOIN evaluation e2 ON f.evaluation_ref = e2.id
                                 WHERE e2.issuer = a.issuer AND e2.token = a.token AND f.rule = 'EQUIVOCATION' AND \
                        f.status = 'fail') AS equivocations
                        FROM latest
                        JOIN attestation a ON a.id = latest.attestation_id
                        JOIN evaluation e ON e.id = (SELECT max(id) FROM evaluation WHERE attestation_ref = a.id
                            AND (?1 IS NULL OR profile = ?1 OR substr(profile, 1, length(?1) + 1) = ?1 || '@'))
                        ORDER BY a.issuer, a.token
                        """)
                // What status reports rests on these rows: each must still match its hash (chain
                // version 4: its record's hash and link, and the columns reported equal the record's).
                // Each row is first checked from its raw column bytes (CompactCheck.quickMatch, on a
                // statement of its own, stepped once an id) and, when that check accepts it, read
                // from its raw columns too; a row that check does not accept is fetched and checked
                // as before (checkRead), which decides, and read the ordinary way. The blocking
                // lists are read once every row has passed, so damage is reported first, as before.
                let check = try db.makeStatement(sql: CompactCheck.select + " WHERE e.id = ?")
                let columns = RawColumns(statement: check.sqliteStatement)
                let raw = RawColumns(statement: statement.sqliteStatement)
                var input: [UInt8] = []
                var coins: [(coin: CoinStatus, blocking: String, id: Int64)] = []
                let rows = try Row.fetchCursor(statement, arguments: [profile])
                while let row = try rows.next() {
                    let id: Int64 = raw.integer(StatusColumn.evaluationID) ?? row["evaluation_id"]
                    // Stepped by a cursor of the first column (e.id), which makes no `Row` (a statement
                    // row builds a dictionary of its 39 column names), kept alive while the columns
                    // are read (its end resets the statement).
                    let cursor = try Int64.fetchCursor(check, arguments: [id])
                    let matched = try withExtendedLifetime(cursor) {
                        try cursor.next() == id
                            && CompactCheck.quickMatch(columns, attestationTail: true, input: &input, hasher: hasher)
                    }
                    if matched, let read = statusEntry(raw) {
                        if let read { coins.append((read.coin, read.blocking, id)) }
                        continue
                    }
                    if !matched {
                        guard let checked = try CompactCheck.fetch(db, id: id) else {
                            throw VerifierError(.storage, "evaluation \(id) vanished")
                        }
                        try self.checkRead(checked, db)
                    }
                    guard let asOf = Timestamp.parse(row["as_of"]) else { continue }
                    let coin = CoinStatus(
                        issuer: row["issuer"], token: row["token"], sequence: row["sequence"],
                        attestationId: row["attestation_id"],
                        asOf: asOf, digest: row["digest"], eligible: row["eligible"], group: row["coin_group"],
                        profile: row["profile"], blocking: [], coverage: row["coverage"],
                        stressedCoverage: row["stressed_coverage"], evaluatedAt: row["evaluated_at"],
                        freshnessDays: row["freshness_days"], equivocations: row["equivocations"])
                    coins.append((coin, row["blocking"], id))
                }
                return try coins.map { item in
                    var coin = item.coin
                    coin.blocking = try blockingList(item.blocking, evaluation: item.id)
                    return coin
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
                // Each row comes with what its check needs (CompactCheck.select): the row before's
                // hash and the withdrawal counts; the attestation is LEFT JOINed so that a row whose
                // attestation was removed is reported as damage, not silently left out.
                typealias C = CompactCheck.Column
                var sql = CompactCheck.historySelect + " WHERE e.issuer = ?"
                var arguments: StatementArguments = [issuer]
                if let token {
                    sql += " AND e.token = ?"
                    arguments += [token]
                }
                sql += " ORDER BY e.id"
                // Each row is checked as the statement steps to it (not copied into an array
                // first); its entry is kept, and the blocking lists are read once every row has
                // passed, so a damaged row is reported before any other error, as before.
                // A row is first checked from its raw column bytes (CompactCheck.quickMatch, no
                // `Row` subscripts); a row that check does not accept goes through checkRead,
                // which decides, and its entry is read as before.
                var entries: [(entry: HistoryEntry, blocking: String)] = []
                let statement = try db.cachedStatement(sql: sql)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                let columns = RawColumns(statement: statement.sqliteStatement)
                var input: [UInt8] = []
                while let row = try rows.next() {
                    if CompactCheck.quickMatch(columns, attestationTail: false, input: &input, hasher: hasher),
                        let read = historyEntry(columns)
                    {
                        if let read { entries.append(read) }
                        continue
                    }
                    try self.checkRead(row, attestationTail: false, db)
                    // Both columns were written from these types, and the row matched its hash.
                    guard let asOf = Timestamp.parse(row[C.asOf]), let kind = EvaluationKind(rawValue: row[C.kind])
                    else { continue }
                    let entry = HistoryEntry(
                        evaluationID: row[C.id], sequence: row[C.sequence], token: row[C.token], asOf: asOf,
                        kind: kind, profile: row[C.profile], evaluatedAt: row[C.evaluatedAt],
                        eligible: row[C.eligible], group: row[C.group], blocking: [],
                        coverage: CompactCheck.string(row, C.coverage),
                        stressedCoverage: CompactCheck.string(row, C.stressedCoverage),
                        accepted: (row[C.aAccepted] as Bool) && !(row[C.withdrawn] as Bool),
                        digest: row[C.aDigest])
                    let blocking: String = row[C.blocking]
                    entries.append((entry, blocking))
                }
                // Most rows share a few blocking lists: each distinct text (by its bytes) is parsed
                // once; a text that fails is parsed again on each row, so the error names the first.
                var lists: [[UInt8]: [RuleID]] = [:]
                return try entries.map { item in
                    var entry = item.entry
                    let key = Array(item.blocking.utf8)
                    if let list = lists[key] {
                        entry.blocking = list
                    } else {
                        let list = try blockingList(item.blocking, evaluation: entry.evaluationID)
                        lists[key] = list
                        entry.blocking = list
                    }
                    return entry
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): history")
        }
    }

    /// Walks the evaluation hash chain from the first row and reports the first broken link; then
    /// checks that nothing sits outside the chain (an attestation no evaluation covers, a
    /// withdrawal not recorded with a version-2 evaluation) and that every stored checkpoint
    /// matches the chain.
    public func verifyChain() throws(VerifierError) -> ChainReport {
        do {
            return try pool.read { db in
                var previous = Ledger.genesisHash
                var previousVersion = 0
                var count = 0
                let ids = try Int64.fetchCursor(db, sql: "SELECT id FROM evaluation ORDER BY id")
                while let id = try ids.next() {
                    count += 1
                    // Versions only go up along the chain: a row relabelled to an older version (whose
                    // hash covers less) after a newer one is a downgrade, refused before its hash is read.
                    let version =
                        try Int.fetchOne(
                            db.cachedStatement(sql: "SELECT chain_version FROM evaluation WHERE id = ?"),
                            arguments: [id]) ?? 0
                    if version < previousVersion {
                        return ChainReport(
                            rows: count,
                            broken: (
                                id, "its chain version \(version) is older than the row before it (\(previousVersion))"
                            ))
                    }
                    previousVersion = version
                    let fetched = try CompactCheck.fetch(db, id: id)
                    let written =
                        fetched == nil ? nil : try CompactCheck.columnsAsWritten(id: id, attestationTail: true, db)
                    if fetched != nil && written == nil {
                        return ChainReport(
                            rows: count,
                            broken: (
                                id, "a column holds another storage class than the tool writes (edited outside it)"
                            ))
                    }
                    if let row = fetched, let written, (row[CompactCheck.Column.chainVersion] as Int) >= 4 {
                        let envelope =
                            try Data.fetchOne(
                                db.cachedStatement(sql: "SELECT envelope FROM attestation WHERE id = ?"),
                                arguments: [row[CompactCheck.Column.attestationRef] as Int64]) ?? Data()
                        if row[CompactCheck.Column.aDigest] as String? == nil {
                            return ChainReport(rows: count, broken: (id, "its attestation row is missing"))
                        }
                        if hasher.sha256([UInt8](envelope)).hex != row[CompactCheck.Column.aEnvelopeSHA256] as String {
                            return ChainReport(
                                rows: count,
                                broken: (
                                    id, "the stored envelope of its attestation no longer matches its recorded SHA-256"
                                ))
                        }
                        if (row[CompactCheck.Column.prevHash] as String) != previous {
                            return ChainReport(
                                rows: count,
                                broken: (
                                    id,
                                    "prev_hash does not match the previous row's hash (a row was removed or reordered)"
                                ))
                        }
                        switch try CompactCheck.problem(row, depth: .full, written: written, db, hasher: hasher) {
                        case nil: break
                        case .link?:
                            return ChainReport(
                                rows: count,
                                broken: (
                                    id,
                                    "prev_hash does not match the previous row's hash (a row was removed or reordered)"
                                ))
                        case .content?:
                            return ChainReport(
                                rows: count,
                                broken: (
                                    id,
                                    """
                                    its content no longer matches its hash (the row, its findings, its attestation or \
                                    signature checks were edited)
                                    """
                                ))
                        }
                        previous = row[CompactCheck.Column.rowHash]
                        continue
                    }
                    guard let (chain, prev, stored) = try ChainContent.row(db, id: id, hasher: hasher) else {
                        return ChainReport(rows: count, broken: (id, "its attestation row is missing"))
                    }
                    let envelope =
                        try Data.fetchOne(
                            db,
                            sql: """
                                SELECT a.envelope FROM attestation a JOIN evaluation e ON e.attestation_ref = a.id \
                                WHERE e.id = ?
                                """, arguments: [id]) ?? Data()
                    if hasher.sha256([UInt8](envelope)).hex != chain.envelopeSHA256 {
                        return ChainReport(
                            rows: count,
                            broken: (
                                id, "the stored envelope of its attestation no longer matches its recorded SHA-256"
                            ))
                    }
                    if prev != previous {
                        return ChainReport(
                            rows: count,
                            broken: (
                                id, "prev_hash does not match the previous row's hash (a row was removed or reordered)"
                            ))
                    }
                    if chain.hash(previous: prev, hasher: hasher) != stored {
                        return ChainReport(
                            rows: count,
                            broken: (
                                id,
                                """
                                its content no longer matches its hash (the row, its findings, its attestation or \
                                signature checks were edited)
                                """
                            ))
                    }
                    previous = stored
                }
                if let orphan = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT a.id FROM attestation a WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE \
                        e.attestation_ref = a.id) LIMIT 1
                        """)
                {
                    return ChainReport(
                        rows: count,
                        broken: (0, "attestation row \(orphan) is covered by no evaluation (inserted outside the tool)")
                    )
                }
                if let stray = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT w.id FROM withdrawal w LEFT JOIN evaluation e ON e.id = w.evaluation_ref
                        WHERE e.id IS NULL OR e.chain_version < 2 OR e.attestation_ref != w.attestation_ref LIMIT 1
                        """)
                {
                    return ChainReport(
                        rows: count,
                        broken: (
                            0, "withdrawal \(stray) is covered by no evaluation's hash (inserted outside the tool)"
                        ))
                }
                if let stray = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT b.evaluation_ref FROM evaluation_body b LEFT JOIN evaluation e ON e.id = \
                        b.evaluation_ref WHERE e.id IS NULL OR e.chain_version < 6 LIMIT 1
                        """)
                {
                    return ChainReport(
                        rows: count,
                        broken: (
                            0,
                            """
                            the body row of evaluation \(stray) is covered by no chain-version-6 evaluation's hash \
                            (inserted outside the tool)
                            """
                        ))
                }
                if let stray = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT f.id FROM finding f LEFT JOIN evaluation e ON e.id = f.evaluation_ref WHERE e.id IS \
                        NULL LIMIT 1
                        """)
                {
                    return ChainReport(rows: count, broken: (0, "finding \(stray) belongs to no evaluation"))
                }
                if let stray = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT s.id FROM signature_check s LEFT JOIN attestation a ON a.id = s.attestation_ref WHERE \
                        a.id IS NULL LIMIT 1
                        """)
                {
                    return ChainReport(rows: count, broken: (0, "signature check \(stray) belongs to no attestation"))
                }
                for policy in try Row.fetchAll(db, sql: "SELECT sha256, content FROM bank_policy ORDER BY sha256") {
                    let content: Data = policy["content"]
                    let sha: String = policy["sha256"]
                    if hasher.sha256([UInt8](content)).hex != sha {
                        return ChainReport(
                            rows: count,
                            broken: (0, "bank policy \(sha.prefix(12))… no longer matches its SHA-256 (edited)"))
                    }
                }
                for checkpoint in try Row.fetchAll(
                    db, sql: "SELECT id, evaluations, head_hash FROM checkpoint ORDER BY id")
                {
                    let id: Int64 = checkpoint["id"]
                    let n: Int = checkpoint["evaluations"]
                    let head: String = checkpoint["head_hash"]
                    if let problem = try self.mismatch(evaluations: n, headHash: head, db) {
                        return ChainReport(rows: count, broken: (0, "stored checkpoint \(id): \(problem)"))
                    }
                }
                return ChainReport(rows: count, broken: nil)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): ledger verify")
        }
    }

    /// Why the chain does not hold a checkpoint of `evaluations` rows with head `headHash` (nil: it does).
    func mismatch(evaluations n: Int, headHash: String, _ db: Database) throws -> String? {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation") ?? 0
        if total < n {
            return "the checkpoint covers \(n) evaluations, the ledger holds \(total): rows were removed (truncated)"
        }
        guard n > 0 else { return headHash == Ledger.genesisHash ? nil : "an empty checkpoint with a head hash" }
        let hash = try String.fetchOne(
            db, sql: "SELECT row_hash FROM evaluation ORDER BY id LIMIT 1 OFFSET ?", arguments: [n - 1])
        if hash != headHash {
            return "evaluation \(n)'s hash is not the checkpoint's head: the chain was rewritten"
        }
        return nil
    }

    /// The chain's head: the number of evaluations and the newest row's hash (checked first).
    public func head() throws(VerifierError) -> (evaluations: Int, hash: String) {
        do {
            return try pool.read { db in
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation") ?? 0
                return (n, try self.checkedHead(db))
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading the chain head")
        }
    }

    /// Checks a checkpoint (already verified as signed by the verifier's key) against the chain.
    /// - Returns: nil when the ledger holds it; else what is wrong (truncation, rewrite).
    public func check(checkpoint: Checkpoint) throws(VerifierError) -> String? {
        do {
            return try pool.read { db in
                try self.mismatch(evaluations: checkpoint.evaluations, headHash: checkpoint.headHash, db)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): checking a checkpoint")
        }
    }

    /// Keeps a version of the bank's policy file, once (changes to the registry are recorded as
    /// new versions; evaluations name the version they used in their profile string).
    public func recordPolicy(_ content: [UInt8], name: String, at time: Timestamp) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO bank_policy (sha256, name, content, first_used_at) VALUES (?, ?, ?, ?)",
                    arguments: [hasher.sha256(content).hex, name, Data(content), time.description])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording the bank policy")
        }
    }

    /// Stores a signed checkpoint (a DSSE envelope) beside the chain it covers.
    public func store(checkpoint: Checkpoint, envelope: [UInt8]) throws(VerifierError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO checkpoint (evaluations, head_hash, created_at, envelope) VALUES (?, ?, ?, ?)",
                    arguments: [
                        checkpoint.evaluations, checkpoint.headHash, checkpoint.time.description, Data(envelope),
                    ])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): storing a checkpoint")
        }
    }

    /// The stored checkpoints' envelopes, oldest first.
    public func checkpointEnvelopes() throws(VerifierError) -> [[UInt8]] {
        do {
            return try pool.read { db in
                try Data.fetchAll(db, sql: "SELECT envelope FROM checkpoint ORDER BY id").map { [UInt8]($0) }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading checkpoints")
        }
    }

    /// The accepted (not withdrawn) attestations' envelopes with their latest evaluation, for `reevaluate`.
    public func acceptedEnvelopes() throws(VerifierError) -> [StoredEnvelope] {
        try storedEnvelopes(where: "a.accepted = 1", arguments: [])
    }

    /// The trusted, not withdrawn, attestation with this payload digest (for `ledger withdraw`).
    public func trustedEnvelope(digest: String) throws(VerifierError) -> StoredEnvelope? {
        try storedEnvelopes(where: "a.trusted = 1 AND a.digest = ?", arguments: [digest]).first
    }

    private func storedEnvelopes(where condition: String, arguments: StatementArguments) throws(VerifierError)
        -> [StoredEnvelope]
    {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.digest, a.source, a.envelope, a.detached_signature, a.timestamp_token, \
                        a.received_at,
                               e.freshness_days, e.eligible, e.profile
                        FROM attestation a JOIN evaluation e ON e.id = (SELECT max(id) FROM evaluation WHERE \
                        attestation_ref = a.id)
                        WHERE \(condition) AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = a.id)
                        ORDER BY a.id
                        """, arguments: arguments
                ).map { StoredEnvelope(row: $0) }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading stored envelopes")
        }
    }

    /// Appends a re-evaluation of a stored attestation (never rewrites the old ones). The history
    /// is read inside the transaction and handed to `decide`, as when recording. When the
    /// attestation is no longer trusted (a key revocation found to predate its proven signing
    /// time), a withdrawal is appended with the evaluation and the attestation leaves its coin's
    /// accepted history; a correction does the same on the operator's signed word.
    ///
    /// - Returns: the evaluation and whether it withdrew the attestation.
    public func reevaluate(
        attestationRef: Int64, verified: VerifiedAttestation, evaluatedAt: Timestamp, toolVersion: String,
        correction: Withdrawal? = nil, stored: StoredEnvelope? = nil,
        decide: (HistorySnapshot) -> Evaluation
    ) throws(VerifierError) -> (Evaluation, withdrawn: Bool) {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: (Evaluation, Bool)?
                try db.inTransaction(.immediate) {
                    var proven = ProvenRows()
                    let outcome = try self.reevaluate(
                        ReevaluationItem(
                            attestationRef: attestationRef, verified: verified, correction: correction, stored: stored),
                        evaluatedAt: evaluatedAt, toolVersion: toolVersion, decide: decide, previous: nil,
                        proven: &proven, db)
                    result = (outcome.evaluation, outcome.withdrawn)
                    return .commit
                }
                guard let result else { throw VerifierError(.storage, "the re-evaluation produced no outcome") }
                return result
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording a re-evaluation")
        }
    }

    /// The coin's newest accepted attestation that no withdrawal names (other than `id`, when
    /// given), checked against its record: the state the history rules compare a new one with.
    /// Recording reads it for every attestation; a re-evaluation that withdraws the coin's newest
    /// reads it again without that one.
    func latestAccepted(_ a: Attestation, excluding id: Int64?, proven: inout ProvenRows, _ db: Database) throws
        -> HistorySnapshot.Accepted?
    {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, sequence, as_of, digest FROM attestation x
                        WHERE issuer = ? AND token = ? AND accepted = 1 AND id IS NOT ?
                          AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = x.id)
                        ORDER BY sequence DESC LIMIT 1
                        """), arguments: [a.issuer.id, a.token.symbol, id])
        else { return nil }
        // Read for its sequence, date and digest (the record's head) and `accepted` (from the
        // covering index): the columns after its envelope are not read.
        try checkAttestation(row["id"], tail: false, proven: &proven, db)
        guard let asOf = Timestamp.parse(row["as_of"]) else { return nil }
        return HistorySnapshot.Accepted(sequence: row["sequence"], asOf: asOf, digest: row["digest"])
    }
}

/// A ``CompactCheck/historySelect`` row's entry and blocking text, read from its raw columns after
/// ``CompactCheck/quickMatch(_:attestationTail:input:hasher:)`` accepted it (so each column read
/// was compared with the record and reads as GRDB reads it). `.some(nil)`: its as-of time or kind
/// does not parse, and the row is left out as `history` always has; nil: a column is not of the
/// storage class expected, and the row is read the ordinary way.
private func historyEntry(_ c: RawColumns) -> (entry: HistoryEntry, blocking: String)?? {
    typealias C = CompactCheck.Column
    guard let asOfText = c.string(C.asOf), let kindText = c.string(C.kind), let id = c.integer(C.id),
        let sequence = c.integer(C.sequence), let token = c.string(C.token), let profile = c.string(C.profile),
        let evaluatedAt = c.string(C.evaluatedAt), let eligible = c.integer(C.eligible), let group = c.string(C.group),
        let accepted = c.integer(C.aAccepted), let withdrawn = c.integer(C.withdrawn), let digest = c.string(C.aDigest),
        let blocking = c.string(C.blocking)
    else { return nil }
    guard let asOf = Timestamp.parse(asOfText), let kind = EvaluationKind(rawValue: kindText) else { return .some(nil) }
    let entry = HistoryEntry(
        evaluationID: id, sequence: Int(sequence), token: token, asOf: asOf, kind: kind, profile: profile,
        evaluatedAt: evaluatedAt, eligible: eligible != 0, group: group, blocking: [],
        coverage: c.string(C.coverage), stressedCoverage: c.string(C.stressedCoverage),
        accepted: accepted != 0 && withdrawn == 0, digest: digest)
    return (entry, blocking)
}

/// The columns of `status`'s query, in order.
private enum StatusColumn {
    static let issuer = 0
    static let token = 1
    static let sequence = 2
    static let attestationID = 3
    static let asOf = 4
    static let digest = 5
    static let evaluationID = 6
    static let eligible = 7
    static let group = 8
    static let profile = 9
    static let blocking = 10
    static let coverage = 11
    static let stressedCoverage = 12
    static let evaluatedAt = 13
    static let freshnessDays = 14
    static let equivocations = 15
}

/// A `status` row's coin and blocking text, read from its raw columns once
/// ``CompactCheck/quickMatch(_:attestationTail:input:hasher:)`` accepted its evaluation (so each
/// column read here but the equivocation count was compared with the record and reads as GRDB
/// reads it). `.some(nil)`: its as-of time does not parse, and the coin is left out as `status`
/// always has; nil: a column is not of the storage class expected, and the row is read the
/// ordinary way.
private func statusEntry(_ c: RawColumns) -> (coin: CoinStatus, blocking: String)?? {
    typealias C = StatusColumn
    guard let issuer = c.string(C.issuer), let token = c.string(C.token), let sequence = c.integer(C.sequence),
        let attestationID = c.string(C.attestationID), let asOfText = c.string(C.asOf),
        let digest = c.string(C.digest), let eligible = c.integer(C.eligible), let group = c.string(C.group),
        let profile = c.string(C.profile), let blocking = c.string(C.blocking),
        c.isNull(C.coverage) || c.text(C.coverage) != nil,
        c.isNull(C.stressedCoverage) || c.text(C.stressedCoverage) != nil,
        let evaluatedAt = c.string(C.evaluatedAt), let freshnessDays = c.integer(C.freshnessDays),
        let equivocations = c.integer(C.equivocations)
    else { return nil }
    guard let asOf = Timestamp.parse(asOfText) else { return .some(nil) }
    let coin = CoinStatus(
        issuer: issuer, token: token, sequence: Int(sequence), attestationId: attestationID, asOf: asOf,
        digest: digest, eligible: eligible != 0, group: group, profile: profile, blocking: [],
        coverage: c.string(C.coverage), stressedCoverage: c.string(C.stressedCoverage), evaluatedAt: evaluatedAt,
        freshnessDays: Int(freshnessDays), equivocations: Int(equivocations))
    return (coin, blocking)
}
