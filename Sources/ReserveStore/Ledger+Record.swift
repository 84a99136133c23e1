import Foundation
import GRDB
import ReserveCore

extension Ledger {
    /// Records one envelope in one immediate transaction: reads the coin's history, hands it to
    /// `decide` (the evaluator: the ledger never decides a verdict), and appends what was decided:
    /// the attestation with its signature checks (unless it is already recorded) and the
    /// evaluation with its findings, chained to the previous row. A replay appends its
    /// evaluation too: every verdict the tool gave is on record.
    ///
    /// - Throws: E050 on a storage failure, or when the chain's newest row no longer matches its
    ///   hash (the ledger was edited): nothing is appended then.
    public func record(_ item: RecordItem, decide: (HistorySnapshot) -> Evaluation) throws(VerifierError)
        -> RecordOutcome
    {
        do {
            return try pool.writeWithoutTransaction { db in
                var outcome: RecordOutcome?
                try db.inTransaction(.immediate) {
                    var proven = ProvenRows()
                    outcome = try self.record(item, decide: decide, proven: &proven, in: db)
                    return .commit
                }
                guard let outcome else { throw VerifierError(.storage, "the record transaction produced no outcome") }
                return outcome
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording \(item.source)")
        }
    }

    /// Records several envelopes in one immediate transaction (group commit), in order: each reads
    /// the history the ones before it wrote. A crash or an error loses the whole batch, never part
    /// of it; a storage error rolls it back and is thrown.
    ///
    /// - Parameter decide: the evaluator, given the item's index and its history.
    public func record(batch items: [RecordItem], decide: (Int, HistorySnapshot) -> Evaluation)
        throws(VerifierError) -> [RecordOutcome]
    {
        guard !items.isEmpty else { return [] }
        do {
            return try pool.writeWithoutTransaction { db in
                var outcomes: [RecordOutcome] = []
                try db.inTransaction(.immediate) {
                    outcomes = []
                    var previous = try self.checkedHead(db)
                    // Attestation rows this transaction wrote or checked: it holds the write lock, so
                    // they stay as they are and are not checked again when a later item reads them.
                    var proven = ProvenRows()
                    for (i, item) in items.enumerated() {
                        let outcome = try self.record(
                            item, decide: { decide(i, $0) }, previous: previous, proven: &proven, in: db)
                        previous = outcome.rowHash
                        outcomes.append(outcome)
                    }
                    return .commit
                }
                return outcomes
            }
        } catch {
            throw Ledger.storageError(
                error, "\(path): recording \(items.count) attestation\(items.count == 1 ? "" : "s")")
        }
    }

    private func record(
        _ item: RecordItem, decide: (HistorySnapshot) -> Evaluation, previous: String? = nil,
        proven: inout ProvenRows, in db: Database
    ) throws -> RecordOutcome {
        let verified = item.verified
        let a = verified.attestation
        let (snapshot, existing) = try self.snapshot(verified, proven: &proven, db)
        let evaluation = decide(snapshot)
        var attestationRef: Int64
        // The attestation as the new record covers it: built here for a new row, read back for a
        // recorded one.
        var stored: (CompactRecord.AttestationRow, [CompactRecord.SignatureRow])?
        if let existing {
            attestationRef = existing
        } else {
            // The hashes of the stored bytes: the draft's, made where they were read, else here.
            let draft = item.draft
            let row = CompactRecord.AttestationRow(
                digest: verified.digest, attestationId: a.attestationId, issuedAt: a.issuedAt.description,
                envelopeKind: verified.envelope.rawValue,
                envelopeSHA256: draft?.envelopeSHA256 ?? hasher.sha256(item.envelope).hex,
                detachedSignatureSHA256: draft.map(\.detachedSignatureSHA256)
                    ?? item.detachedSignature.map { hasher.sha256($0).hex },
                source: item.source, receivedAt: item.evaluatedAt.description, trusted: verified.isTrusted,
                accepted: evaluation.admitted,
                timestampTokenSHA256: draft.map(\.timestampTokenSHA256)
                    ?? item.timestampToken.map { hasher.sha256($0).hex })
            let attestationInsert = try db.cachedStatement(
                sql: """
                    INSERT INTO attestation (digest, issuer, token, attestation_id, sequence, as_of, issued_at, \
                    envelope_kind, envelope,
                        envelope_sha256, detached_signature, source, received_at, trusted, accepted, timestamp_token)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            try attestationInsert.execute(arguments: [
                row.digest, a.issuer.id, a.token.symbol, row.attestationId, a.sequence, a.asOf.description,
                row.issuedAt, row.envelopeKind, Data(item.envelope), row.envelopeSHA256,
                item.detachedSignature.map { Data($0) }, row.source, row.receivedAt, row.trusted, row.accepted,
                item.timestampToken.map { Data($0) },
            ])
            attestationRef = db.lastInsertedRowID
            proven.written(attestationRef)
            let signatureInsert = try db.cachedStatement(
                sql: """
                    INSERT INTO signature_check (attestation_ref, position, key_id, role, algorithm, status, reason, \
                    duplicate)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let signatures = draft?.signatureRows ?? CompactRecord.signatureRows(verified.signatures)
            for s in signatures {
                try signatureInsert.execute(arguments: [
                    attestationRef, s.position, s.keyID, s.role, s.algorithm, s.status, s.reason, s.duplicate,
                ])
            }
            // Stored in position order (ties in insertion order), as reads return them.
            stored = (row, draft?.signatures ?? CompactRecord.inRecordOrder(signatures))
        }
        let hash = try appendEvaluation(
            evaluation, attestationRef: attestationRef, attestation: a, kind: .verify,
            evaluatedAt: item.evaluatedAt, toolVersion: item.toolVersion,
            freshnessDays: verified.freshnessDays, withdrawals: [], previous: previous, stored: stored,
            draft: item.draft, db)
        return RecordOutcome(
            evaluation: evaluation, recorded: existing == nil, accepted: evaluation.admitted, rowHash: hash)
    }

    /// The coin's history as the evaluator needs it, and the id of this payload's row if it is
    /// already recorded with the same trust.
    ///
    /// - Parameter proven: attestation rows the caller's transaction wrote or checked.
    func snapshot(_ verified: VerifiedAttestation, proven: inout ProvenRows, _ db: Database) throws -> (
        HistorySnapshot, Int64?
    ) {
        var snapshot = try coinHistory(verified, proven: &proven, db)
        var existing: Int64?
        // A copy with the same trust: an untrusted copy (a forged envelope around a genuine payload)
        // is kept apart from the trusted one, so its evaluation never becomes the coin's state.
        if let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, accepted, received_at,
                           EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = attestation.id) AS withdrawn
                    FROM attestation WHERE digest = ? AND trusted = ?
                    """), arguments: [verified.digest, verified.isTrusted])
        {
            try checkAttestation(row["id"], proven: &proven, db)
            guard let firstSeen = Timestamp.parse(row["received_at"]) else { return (snapshot, nil) }
            existing = row["id"]
            let accepted: Bool = row["accepted"]
            let withdrawn: Bool = row["withdrawn"]
            snapshot.recorded = HistorySnapshot.Recorded(admitted: accepted && !withdrawn, firstSeen: firstSeen)
        }
        return (snapshot, existing)
    }

    /// The coin's history without ``HistorySnapshot/recorded``: its newest accepted attestation and
    /// the trusted digests of this payload's sequence other than its own (what a re-evaluation,
    /// which sets `recorded` from the stored row it judges, reads).
    func coinHistory(_ verified: VerifiedAttestation, proven: inout ProvenRows, _ db: Database) throws
        -> HistorySnapshot
    {
        let a = verified.attestation
        var snapshot = HistorySnapshot()
        snapshot.latestAccepted = try latestAccepted(a, excluding: nil, proven: &proven, db)
        let twins = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, digest FROM attestation x
                    WHERE issuer = ? AND token = ? AND sequence = ? AND trusted = 1 AND digest != ?
                      AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = x.id)
                    ORDER BY id
                    """), arguments: [a.issuer.id, a.token.symbol, a.sequence, verified.digest])
        for twin in twins { try checkAttestation(twin["id"], proven: &proven, db) }
        snapshot.sameSequenceDigests = twins.map { $0["digest"] }
        return snapshot
    }

    /// Checks an attestation row that a decision reads (the coin's newest accepted state, a
    /// same-sequence twin, an earlier copy of the payload, an envelope's first sight) against the
    /// newest evaluation that records it: every attestation row is recorded with an evaluation in
    /// its transaction, and that evaluation's record holds the row's columns. An edited column is
    /// refused (E052) instead of believed. Rows that an edit hides from these queries (their coin,
    /// `accepted` or `trusted` changed) are not seen here; `ledger verify` finds them
    /// (docs/THREAT-MODEL.md).
    ///
    /// - Parameter tail: whether to compare the columns stored after the envelope too (its
    ///   SHA-256, source, first sight and `trusted`: several overflow pages a row), for a caller
    ///   that reads them.
    ///
    /// - Parameter full: check the evaluation with what the attestation's row shares with it in
    ///   full (``checkRow(_:id:depth:)`` at ``CompactCheck/Depth/attestation``: the attestation's
    ///   signature-check rows against its record's body, and the SHA-256 of its detached signature
    ///   and timestamp token), for a caller that copies those into a new record (`reevaluate`).
    /// - Returns: with `full`, what the check proved of the attestation as the tables hold it (for
    ///   the caller to copy instead of reading it again); nil when the transaction had proven the
    ///   row before, or its evaluation is of chain version 1 to 3.
    @discardableResult
    func checkAttestation(
        _ attestationID: Int64, tail: Bool = true, full: Bool = false, proven: inout ProvenRows, _ db: Database
    ) throws -> CompactCheck.ProvenAttestation? {
        if full ? proven.holdsInFull(attestationID) : proven.holds(attestationID, tail: tail) { return nil }
        let uncovered = VerifierError(
            .ledgerDamaged,
            """
            \(path) is damaged: attestation row \(attestationID) is covered by no evaluation (inserted outside \
            the tool); run `reserve-verifier ledger verify`
            """)
        guard
            let evaluation = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT max(id) FROM evaluation WHERE attestation_ref = ?"),
                arguments: [attestationID])
        else { throw uncovered }
        if full {
            // checkRow fetches the row itself. What a re-evaluation copies is proven; the old
            // evaluation's findings, which it does not copy, are not decoded.
            var attestation: CompactCheck.ProvenAttestation?
            _ = try checkRow(db, id: evaluation, depth: .attestation, proven: &attestation)
            proven.checkedInFull(attestationID)
            return attestation
        }
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: tail ? CompactCheck.selectByID : CompactCheck.historySelectByID),
                arguments: [evaluation])
        else { throw uncovered }
        try checkRead(row, attestationTail: tail, db)
        proven.checked(attestationID, tail: tail)
        return nil
    }

    /// The coin's history as recording would read it, without writing anything: for judging an
    /// attestation against a ledger that cannot be written (read-only media, a failed batch), so
    /// that failing to record never makes a verdict weaker than recording would.
    public func history(for verified: VerifiedAttestation) throws(VerifierError) -> HistorySnapshot {
        do {
            return try pool.read { db in
                var proven = ProvenRows()
                return try self.snapshot(verified, proven: &proven, db).0
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading the history of \(verified.attestation.issuer.id)")
        }
    }

    /// When the ledger first recorded each of these exact envelopes (by the SHA-256 of their bytes),
    /// each carrying its signatures inside it (no detached signature): the earliest time the
    /// verifier can prove their signatures existed.
    public func firstSeen(envelopeSHA256 hashes: [String]) throws(VerifierError) -> [String: Timestamp] {
        try firstSeen(Set(hashes).map { Sight(envelopeSHA256: $0, detachedSignature: nil, key: $0) })
    }

    /// One input as its first sight is looked up: the SHA-256 of its envelope bytes, the detached
    /// signature beside it (if any), and the key the caller finds the answer under.
    public struct Sight: Sendable, Hashable {
        public var envelopeSHA256: String
        public var detachedSignature: [UInt8]?
        public var key: String

        public init(envelopeSHA256: String, detachedSignature: [UInt8]?, key: String) {
            self.envelopeSHA256 = envelopeSHA256
            self.detachedSignature = detachedSignature
            self.key = key
        }
    }

    /// When the ledger first recorded each input, by ``Sight/key``: a row with the same envelope
    /// bytes **and the same detached signature** (none for none). The bytes of a detached pair's
    /// envelope are the bare payload, which proves nothing about a signature made later: the
    /// payload seen alone (unsigned, or beside another signature) before a key's revocation lent
    /// its time to a signature made with the key after it (red team, round 2, 2026-12-02; our
    /// integrity policy, `tool-calibration`).
    public func firstSeen(_ sights: [Sight]) throws(VerifierError) -> [String: Timestamp] {
        guard !sights.isEmpty else { return [:] }
        do {
            return try pool.read { db in
                var seen: [String: Timestamp] = [:]
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT id, received_at FROM attestation WHERE envelope_sha256 = ? AND detached_signature IS ? \
                        ORDER BY received_at LIMIT 1
                        """
                )
                var proven = ProvenRows()
                for sight in Set(sights) where seen[sight.key] == nil {
                    let detached = sight.detachedSignature.map { Data($0) }
                    guard let row = try Row.fetchOne(statement, arguments: [sight.envelopeSHA256, detached]) else {
                        continue
                    }
                    // The time that decides a key's validity: from a row that matches its record.
                    try self.checkAttestation(row["id"], proven: &proven, db)
                    if let time = Timestamp.parse(row["received_at"]) { seen[sight.key] = time }
                }
                return seen
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading first-seen times")
        }
    }

    /// Appends an evaluation row (chain version 6: its content in one compact record, the head on
    /// the row and hashed, the body in `evaluation_body` under its SHA-256), the index rows of its failed findings, and the withdrawals it records, chaining its
    /// hash to the previous row's after checking that row is intact.
    ///
    /// - Parameter stored: the attestation row and signature checks, when the caller has just
    ///   written them (else they are read back from the tables).
    func appendEvaluation(
        _ evaluation: Evaluation, attestationRef: Int64, attestation a: Attestation, kind: EvaluationKind,
        evaluatedAt: Timestamp, toolVersion: String, freshnessDays: Int, withdrawals: [Withdrawal],
        previous knownPrevious: String? = nil,
        stored: (CompactRecord.AttestationRow, [CompactRecord.SignatureRow])? = nil, draft: RecordDraft? = nil,
        _ db: Database
    ) throws -> String {
        // The row this one chains to, checked first (unless this transaction just wrote it).
        let previous = try knownPrevious ?? checkedHead(db)
        let v = evaluation.verdict
        guard
            let (attestationRow, signatures) = try stored
                ?? ChainContent.compactAttestation(db, id: attestationRef, hasher: hasher)
        else { throw VerifierError(.storage, "attestation row \(attestationRef) is missing") }
        let recordedAt = evaluatedAt.description
        let runtime = Ledger.runtime(hasher)
        let record = CompactRecord(
            header: CompactRecord.Header(
                kind: kind.rawValue, profile: v.profile, toolVersion: toolVersion, evaluatedAt: recordedAt,
                eligible: v.eligible, group: v.group.rawValue,
                blocking: JSONWriter.write(.strings(v.blocking.map(\.rawValue)), pretty: false),
                coverage: draft.map { $0.coverageText(evaluation.coverage) }
                    ?? evaluation.coverage.map { Amount.canonical($0) },
                stressedCoverage: draft.map { $0.stressedCoverageText(evaluation.stressedCoverage) }
                    ?? evaluation.stressedCoverage.map { Amount.canonical($0) },
                freshnessDays: freshnessDays, issuer: a.issuer.id, token: a.token.symbol, sequence: a.sequence,
                asOf: a.asOf.description, attestationRef: attestationRef, openssl: runtime.openssl,
                sqlite: runtime.sqlite),
            attestation: attestationRow, signatures: signatures,
            withdrawals: withdrawals.map {
                CompactRecord.WithdrawalRow(
                    kind: $0.kind.rawValue, reason: $0.reason, recordedAt: recordedAt,
                    statementSHA256: $0.statement.map { hasher.sha256($0).hex })
            },
            findings: evaluation.findings.map {
                CompactRecord.FindingEntry(
                    rule: $0.rule.rawValue, status: $0.status.rawValue, message: $0.message, basis: $0.basis.rawValue,
                    gating: $0.gating, evidence: .finding($0))
            })
        // The evidence the draft encoded before the verdict, when this evaluation starts with its findings.
        // Chain version 6: the row stores the head (its hash covers the body's SHA-256), the body
        // its own row in `evaluation_body`.
        let (bytes, body) = record.stored(
            prepared: draft?.preparedEvidence(for: evaluation.findings), hasher: hasher)
        let hash = CompactRecord.hash(previous: previous, bytes: bytes, hasher: hasher)
        let h = record.header
        let evaluationInsert = try db.cachedStatement(
            sql: """
                INSERT INTO evaluation (attestation_ref, issuer, token, sequence, as_of, kind, profile, tool_version, \
                evaluated_at, eligible,
                    coin_group, blocking, coverage, stressed_coverage, freshness_days, prev_hash, row_hash, \
                chain_version,
                    openssl_version, sqlite_version, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try evaluationInsert.execute(arguments: [
            attestationRef, h.issuer, h.token, h.sequence, h.asOf, h.kind, h.profile, h.toolVersion, h.evaluatedAt,
            h.eligible, h.group, h.blocking, h.coverage, h.stressedCoverage, h.freshnessDays, previous, hash,
            ChainRow.currentVersion, h.openssl, h.sqlite, Data(bytes),
        ])
        let evaluationRef = db.lastInsertedRowID
        if let body {
            try db.cachedStatement(sql: "INSERT INTO evaluation_body (evaluation_ref, body) VALUES (?, ?)")
                .execute(arguments: [evaluationRef, Data(body)])
        }
        try insertIndexRows(record, evaluationRef: evaluationRef, db)
        let withdrawalInsert = try db.cachedStatement(
            sql: """
                INSERT INTO withdrawal (attestation_ref, evaluation_ref, kind, reason, recorded_at, statement) VALUES \
                (?, ?, ?, ?, ?, ?)
                """)
        for w in withdrawals {
            try withdrawalInsert.execute(arguments: [
                attestationRef, evaluationRef, w.kind.rawValue, w.reason, recordedAt, w.statement.map { Data($0) },
            ])
        }
        return hash
    }

    /// The `finding` rows of a chain-version-4 evaluation: its failed findings only (the index that
    /// `status` counts equivocations with and `watch` reads its events from), at their positions.
    func insertIndexRows(_ record: CompactRecord, evaluationRef: Int64, _ db: Database) throws {
        let findingInsert = try db.cachedStatement(
            sql: """
                INSERT INTO finding (evaluation_ref, position, rule, status, message, basis, gating, evidence) VALUES \
                (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for i in record.findings.indices where ChainRow.isIndexed(status: record.findings[i].status) {
            let f = record.findings[i]
            try findingInsert.execute(arguments: [
                evaluationRef, i, f.rule, f.status, f.message, f.basis, f.gating, f.evidence.text,
            ])
        }
    }

    /// The newest row's hash, after checking that row against its content and its link: a ledger
    /// edited under the tool is refused before anything is chained to it.
    func checkedHead(_ db: Database) throws -> String {
        guard let id = try Int64.fetchOne(db, sql: "SELECT max(id) FROM evaluation") else { return Ledger.genesisHash }
        return try checkRow(db, id: id)
    }

    /// Checks one evaluation row (its content against its hash, and its link to the row before
    /// it) and returns its hash; throws E052 naming the row when it does not match. A
    /// chain-version-4 row is checked in full: its record against its hash, and every table row
    /// that copies part of it (evaluation, attestation, signature checks, withdrawals, index rows).
    ///
    /// - Parameter depth: how much of a chain-version-4 to -6 row to prove (``CompactCheck/Depth``).
    func checkRow(_ db: Database, id: Int64, depth: CompactCheck.Depth = .full) throws -> String {
        var attestation: CompactCheck.ProvenAttestation?
        return try checkRow(db, id: id, depth: depth, proven: &attestation)
    }

    /// ``checkRow(_:id:depth:)``, setting `attestation` to what a check at the `attestation` or
    /// `full` depth of a chain-version-4 to -6 row proved of its attestation.
    func checkRow(
        _ db: Database, id: Int64, depth: CompactCheck.Depth, proven attestation: inout CompactCheck.ProvenAttestation?
    ) throws -> String {
        attestation = nil
        if let row = try CompactCheck.fetch(db, id: id) {
            guard let written = try CompactCheck.columnsAsWritten(id: id, attestationTail: true, db) else {
                throw damaged(id: id, .content(CompactCheck.edited))
            }
            if (row[CompactCheck.Column.chainVersion] as Int) >= 4 {
                if let problem = try CompactCheck.problem(
                    row, depth: depth, written: written, db, hasher: hasher, proven: &attestation)
                {
                    throw damaged(id: id, problem)
                }
                return row[CompactCheck.Column.rowHash]
            }
        }
        guard let (chain, previous, stored) = try ChainContent.row(db, id: id, hasher: hasher) else {
            throw VerifierError(
                .ledgerDamaged,
                "\(path) is damaged: evaluation \(id) has no attestation row; run `reserve-verifier ledger verify`")
        }
        let expectedPrevious =
            try String.fetchOne(
                db, sql: "SELECT row_hash FROM evaluation WHERE id < ? ORDER BY id DESC LIMIT 1",
                arguments: [id]) ?? Ledger.genesisHash
        if previous != expectedPrevious {
            throw damaged(id: id, .link)
        }
        if chain.hash(previous: previous, hasher: hasher) != stored {
            throw damaged(id: id, .content("the row, its findings or its attestation were edited"))
        }
        return stored
    }

    /// Checks a row fetched with ``CompactCheck/select``: cheaply for chain version 4 (its record's
    /// hash, its link, and the columns the caller reports), in full for older rows.
    func checkRead(_ row: Row, attestationTail: Bool = true, _ db: Database) throws {
        let id: Int64 = row[CompactCheck.Column.id]
        guard let written = try CompactCheck.columnsAsWritten(id: id, attestationTail: attestationTail, db) else {
            throw damaged(id: id, .content(CompactCheck.edited))
        }
        guard (row[CompactCheck.Column.chainVersion] as Int) >= 4 else {
            _ = try checkRow(db, id: id)
            return
        }
        if let problem = try CompactCheck.problem(
            row, depth: .head, attestationTail: attestationTail, written: written, db, hasher: hasher)
        {
            throw damaged(id: id, problem)
        }
    }

    func damaged(id: Int64, _ problem: CompactCheck.Problem) -> VerifierError {
        switch problem {
        case .link:
            VerifierError(
                .ledgerDamaged,
                """
                \(path) is damaged: evaluation \(id) does not link to the row before it (a row was removed or \
                reordered); run `reserve-verifier ledger verify`
                """
            )
        case .content(let what):
            VerifierError(
                .ledgerDamaged,
                """
                \(path) is damaged: evaluation \(id) no longer matches its hash (\(what)); run `reserve-verifier \
                ledger verify`
                """
            )
        }
    }
}

/// Attestation rows one transaction has written or checked against their records: it holds its
/// lock (or its read snapshot) to the end, so they stay as they were and are not checked again.
struct ProvenRows {
    /// Rows proven with the columns after the envelope too.
    private var whole = Set<Int64>()
    /// Rows proven without them.
    private var head = Set<Int64>()

    /// Rows written, or checked in full (their signature checks and blobs too).
    private var full = Set<Int64>()

    func holds(_ id: Int64, tail: Bool) -> Bool { whole.contains(id) || (!tail && head.contains(id)) }

    func holdsInFull(_ id: Int64) -> Bool { full.contains(id) }

    mutating func written(_ id: Int64) {
        whole.insert(id)
        full.insert(id)
    }

    mutating func checkedInFull(_ id: Int64) {
        whole.insert(id)
        full.insert(id)
    }

    mutating func checked(_ id: Int64, tail: Bool) {
        if tail { whole.insert(id) } else { head.insert(id) }
    }
}
