import Foundation
import GRDB
import ReserveCore

/// Checking a chain-version-4, -5 or -6 evaluation row against its compact record (``CompactRecord``).
///
/// A read (`status`, `history`) fetches each row it reports with ``select``, which brings the
/// evaluation's columns, the attestation columns, the hash of the row before it and the number
/// of withdrawal rows beside the record; ``problem(_:depth:attestationTail:written:_:hasher:)``
/// then proves in a few microseconds that the record matches the row hash, that the row links to
/// the row before it, and that every one of those columns equals the record's copy. Deeper checks
/// (``Depth``) also compare the tables a read does not report from: the signature checks, the
/// withdrawals and the SHA-256 of the stored detached signature and timestamp token
/// (`attestation`: `reevaluate`'s check of the row it re-judges), and the failed-finding index
/// rows against the decoded findings (`full`: recording's head check, `ledger verify`, the
/// record/report commands).
enum CompactCheck {
    enum Problem: Equatable {
        /// `prev_hash` is not the previous row's hash.
        case link
        /// The record, or a column that copies part of it, no longer matches.
        case content(String)
    }

    /// The edited-content reason, as reads report it (the same words for every chain version).
    static let edited = "the row, its findings or its attestation were edited"

    /// The columns ``select`` returns, in order.
    enum Column {
        static let id = 0
        static let attestationRef = 1
        static let issuer = 2
        static let token = 3
        static let sequence = 4
        static let asOf = 5
        static let kind = 6
        static let profile = 7
        static let toolVersion = 8
        static let evaluatedAt = 9
        static let eligible = 10
        static let group = 11
        static let blocking = 12
        static let coverage = 13
        static let stressedCoverage = 14
        static let freshnessDays = 15
        static let prevHash = 16
        static let rowHash = 17
        static let chainVersion = 18
        static let openssl = 19
        static let sqlite = 20
        static let record = 21
        static let aDigest = 22
        static let aIssuer = 23
        static let aToken = 24
        static let aAttestationId = 25
        static let aSequence = 26
        static let aAsOf = 27
        static let aIssuedAt = 28
        static let aEnvelopeKind = 29
        static let aEnvelopeSHA256 = 30
        static let aSource = 31
        static let aReceivedAt = 32
        static let aTrusted = 33
        static let aAccepted = 34
        static let expectedPrevious = 35
        static let withdrawalRows = 36
        static let strayWithdrawals = 37
        /// Whether any withdrawal names the attestation (it left its coin's accepted history).
        static let withdrawn = 38
    }

    /// The text columns of ``select`` (`e.` the evaluation's, `a.` the attestation's); `tail`: those
    /// stored after the attestation's envelope.
    static let evaluationText = [
        "issuer", "token", "as_of", "kind", "profile", "tool_version", "evaluated_at", "coin_group", "blocking",
        "prev_hash", "row_hash",
    ]
    static let evaluationOptionalText = ["coverage", "stressed_coverage", "openssl_version", "sqlite_version"]
    static let attestationText = ["digest", "issuer", "token", "attestation_id", "as_of", "issued_at", "envelope_kind"]
    static let attestationTailText = ["envelope_sha256", "source", "received_at"]

    /// The storage classes the tool writes, tested in SQL so that no typed read of a row meets
    /// another: a value moved to another class with a `sqlite3` shell (a sequence stored as a
    /// BLOB sorts above every INTEGER; text stored as an INTEGER) would otherwise be read by
    /// converting it, or stop the process in GRDB's decoding. A row that fails is damaged (E052).
    /// A missing attestation row (all its columns NULL) is left to the checks that name it.
    /// `typeof` reads only a record's header, so the test costs no page read.
    static func storageClasses(attestationTail: Bool) -> String {
        let integer = ["attestation_ref", "sequence", "eligible", "freshness_days", "chain_version"]
        var aText = attestationText
        var aInteger = ["sequence", "accepted"]
        if attestationTail {
            aText += attestationTailText
            aInteger += ["trusted"]
        }
        let tests =
            evaluationText.map { "typeof(e.\($0)) = 'text'" }
            + evaluationOptionalText.map { "typeof(e.\($0)) IN ('text', 'null')" }
            + integer.map { "typeof(e.\($0)) = 'integer'" }
            + ["(typeof(e.record) = 'blob' OR (e.chain_version < 4 AND e.record IS NULL))"]
        let attestation = aText.map { "typeof(a.\($0)) = 'text'" } + aInteger.map { "typeof(a.\($0)) = 'integer'" }
        return "(" + tests.joined(separator: " AND ") + " AND (a.id IS NULL OR ("
            + attestation.joined(separator: " AND ") + ")))"
    }

    /// Proof that ``columnsAsWritten(id:attestationTail:_:)`` held for evaluation `id`: what
    /// ``problem(_:depth:attestationTail:written:_:hasher:)`` takes, so that no check reads a row by
    /// type before its storage classes were tested, and none tests them twice.
    struct AsWritten {
        let id: Int64
        /// Whether the attestation's columns stored after its envelope were tested too.
        let attestationTail: Bool
    }

    /// Whether evaluation `id`'s columns, and its attestation's, are as the tool writes them: each
    /// in its storage class (``storageClasses(attestationTail:)``) and no text holding a NUL byte
    /// (GRDB reads text up to its first NUL, so bytes hidden after one would compare equal to the
    /// record); nil when not. Run before any typed read of a row by the checks that decide and name
    /// damage; ``quickMatch(_:attestationTail:input:hasher:)`` tests the same of the columns it
    /// compares.
    static func columnsAsWritten(id: Int64, attestationTail: Bool, _ db: Database) throws -> AsWritten? {
        let held = try Bool.fetchOne(
            db.cachedStatement(sql: attestationTail ? asWrittenWithTail : asWrittenWithoutTail), arguments: [id])
        return held == true ? AsWritten(id: id, attestationTail: attestationTail) : nil
    }

    /// The query of ``columnsAsWritten(id:attestationTail:_:)``, built once (building it was most of
    /// the test's cost: 0.22 M of 0.30 M instructions a call, callgrind).
    private static let asWrittenWithTail = asWrittenSQL(attestationTail: true)
    private static let asWrittenWithoutTail = asWrittenSQL(attestationTail: false)

    private static func asWrittenSQL(attestationTail: Bool) -> String {
        let text =
            (evaluationText + evaluationOptionalText).map { "e.\($0)" }
            + (attestationText + (attestationTail ? attestationTailText : [])).map { "a.\($0)" }
        let nul = text.map { "coalesce(instr(CAST(\($0) AS BLOB), x'00'), 0)" }.joined(separator: " + ")
        return "SELECT " + storageClasses(attestationTail: attestationTail) + " AND (" + nul + ") = 0"
            + " FROM evaluation e LEFT JOIN attestation a ON a.id = e.attestation_ref WHERE e.id = ?"
    }

    /// `SELECT … FROM evaluation e LEFT JOIN attestation a`: append `WHERE …`.
    static let select = """
        SELECT e.id, e.attestation_ref, e.issuer, e.token, e.sequence, e.as_of, e.kind, e.profile, e.tool_version,
               e.evaluated_at, e.eligible, e.coin_group, e.blocking, e.coverage, e.stressed_coverage, e.freshness_days,
               e.prev_hash, e.row_hash, e.chain_version, e.openssl_version, e.sqlite_version, e.record,
               a.digest, a.issuer, a.token, a.attestation_id, a.sequence, a.as_of, a.issued_at, a.envelope_kind,
               a.envelope_sha256, a.source, a.received_at, a.trusted, a.accepted,
               (SELECT p.row_hash FROM evaluation p WHERE p.id < e.id ORDER BY p.id DESC LIMIT 1),
               (SELECT count(*) FROM withdrawal w WHERE w.evaluation_ref = e.id),
               (SELECT count(*) FROM withdrawal w LEFT JOIN evaluation we ON we.id = w.evaluation_ref
                 WHERE w.attestation_ref = e.attestation_ref AND (we.id IS NULL OR we.attestation_ref != \
        w.attestation_ref)),
               EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = a.id)
        FROM evaluation e LEFT JOIN attestation a ON a.id = e.attestation_ref
        """

    /// ``select`` and ``historySelect`` of one evaluation (`?`: its id), each built once: the
    /// statement cache looks a statement up by its text, which a query built at every call copies.
    static let selectByID = select + " WHERE e.id = ?"
    static let historySelectByID = historySelect + " WHERE e.id = ?"

    /// ``select`` as `history` runs it, for many rows of one coin: the attestation's columns stored
    /// after its envelope (envelope SHA-256, source, first sight, trusted), which `history`
    /// neither reports nor selects on, are NULL (reading them walks the envelope's overflow pages,
    /// several page reads a row), and `accepted` comes from the covering index `attestation_coin`
    /// (NULL when the attestation row is missing or its coin or sequence differ from the
    /// evaluation's). Check its rows with `attestationTail: false`.
    static let historySelect = """
        SELECT e.id, e.attestation_ref, e.issuer, e.token, e.sequence, e.as_of, e.kind, e.profile, e.tool_version,
               e.evaluated_at, e.eligible, e.coin_group, e.blocking, e.coverage, e.stressed_coverage, e.freshness_days,
               e.prev_hash, e.row_hash, e.chain_version, e.openssl_version, e.sqlite_version, e.record,
               a.digest, a.issuer, a.token, a.attestation_id, a.sequence, a.as_of, a.issued_at, a.envelope_kind,
               NULL, NULL, NULL, NULL,
               (SELECT x.accepted FROM attestation x INDEXED BY attestation_coin
                 WHERE x.issuer = a.issuer AND x.token = a.token AND x.accepted IN (0, 1) AND x.sequence = a.sequence
                   AND x.id = a.id),
               (SELECT p.row_hash FROM evaluation p WHERE p.id < e.id ORDER BY p.id DESC LIMIT 1),
               (SELECT count(*) FROM withdrawal w WHERE w.evaluation_ref = e.id),
               (SELECT count(*) FROM withdrawal w LEFT JOIN evaluation we ON we.id = w.evaluation_ref
                 WHERE w.attestation_ref = e.attestation_ref AND (we.id IS NULL OR we.attestation_ref != \
        w.attestation_ref)),
               EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = a.id)
        FROM evaluation e LEFT JOIN attestation a ON a.id = e.attestation_ref
        """

    /// A text column, nil when NULL. Read as `String` after a NULL test rather than as `String?`:
    /// the generic `Optional` decode looks its type's metadata up at run time on every call (12% of
    /// `history`'s instructions at 2,000 rows, callgrind).
    static func string(_ row: Row, _ column: Int) -> String? {
        row.hasNull(atIndex: column) ? nil : (row[column] as String)
    }

    /// Evaluation `id`'s body row (format 6, ``CompactRecord/stored(prepared:hasher:)``), or nil
    /// when it has none or its body is not a BLOB.
    static func body(_ db: Database, id: Int64) throws -> [UInt8]? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT typeof(body) = 'blob', body FROM evaluation_body WHERE evaluation_ref = ?"),
                arguments: [id]), row[0] as Bool
        else { return nil }
        return try row.withUnsafeData(atIndex: 1) { data in data.map { [UInt8]($0) } ?? [] }
    }

    /// The whole record of evaluation `id` whose `record` column is `bytes` from `start` on:
    /// formats 4 and 5 decoded as they are; format 6 joined with its body row, whose SHA-256 must
    /// be the head's. Nil (the row is damaged) when the body row is missing, not a BLOB, hashes
    /// to another digest or does not decode. Every read that reports findings or signature
    /// checks, and every full check, reads a record through this.
    static func wholeRecord(
        _ bytes: [UInt8], from start: Int = 0, id: Int64, _ db: Database, hasher: any CryptoProvider
    ) throws -> CompactRecord? {
        guard start < bytes.count else { return nil }
        guard bytes[start] >= CompactRecord.narrowFormat else { return CompactRecord.decode(bytes, from: start) }
        guard let body = try body(db, id: id),
            let joined = CompactRecord.joined(bytes, from: start, body: body, hasher: hasher)
        else { return nil }
        return CompactRecord.decode(joined, from: start)
    }

    static func fetch(_ db: Database, id: Int64) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: selectByID), arguments: [id])
    }

    /// Whether the signature checks of `attestationRef` and the withdrawal and index rows of
    /// evaluation `id` hold the storage classes the tool writes (as ``storageClasses`` for the row).
    static func tablesHoldTheirClasses(id: Int64, attestationRef: Int64, _ db: Database) throws -> Bool {
        let wrong = try Int.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT count(*) FROM signature_check WHERE attestation_ref = ?2 AND NOT (
                              typeof(position) = 'integer' AND typeof(key_id) IN ('text', 'null')
                              AND typeof(role) IN ('text', 'null') AND typeof(algorithm) IN ('text', 'null')
                              AND typeof(status) = 'text' AND typeof(reason) = 'text' AND typeof(duplicate) = 'integer'))
                         + (SELECT count(*) FROM withdrawal WHERE evaluation_ref = ?1 AND NOT (
                              typeof(attestation_ref) = 'integer' AND typeof(kind) = 'text' AND typeof(reason) = 'text'
                              AND typeof(recorded_at) = 'text' AND typeof(statement) IN ('blob', 'null')))
                         + (SELECT count(*) FROM finding WHERE evaluation_ref = ?1 AND NOT (
                              typeof(position) = 'integer' AND typeof(rule) = 'text' AND typeof(status) = 'text'
                              AND typeof(message) = 'text' AND typeof(basis) = 'text' AND typeof(gating) = 'integer'
                              AND typeof(evidence) = 'text'))
                         + (SELECT count(*) FROM evaluation_body WHERE evaluation_ref = ?1 AND typeof(body) != 'blob')
                    """), arguments: [id, attestationRef])
        return wrong == 0
    }

    /// How much of a row ``problem(_:depth:attestationTail:written:_:hasher:)`` proves.
    enum Depth {
        /// The record's hash, the row's link, and every evaluation and attestation column the row
        /// was fetched with against the record's head (`status`, `history`, the attestation rows
        /// recording reads).
        case head
        /// The head, the attestation's columns stored after its envelope, and what a re-evaluation
        /// copies from the attestation into its new record: the attestation's signature-check rows
        /// against the record's (a format-6 record's from its body, whose SHA-256 must be the
        /// head's) and the SHA-256 of its detached signature and timestamp token. The findings
        /// are not decoded: the record's hash already fixes them, and a re-evaluation copies none.
        case attestation
        /// Everything the row's record holds, decoded: also its findings against the
        /// failed-finding index rows (recording's chain-head check, `ledger verify`, the reads that
        /// print findings or signature checks).
        case full
    }

    /// Why the row no longer matches (nil: it does).
    ///
    /// - Parameter attestationTail: whether the row has the attestation's columns stored after its
    ///   envelope (``select``; not ``historySelect``) to compare; the `attestation` and `full`
    ///   depths always compare them.
    /// - Parameter written: the row's storage classes, tested (with the attestation's tail when
    ///   it is compared).
    static func problem(
        _ row: Row, depth: Depth, attestationTail: Bool = true, written: AsWritten, _ db: Database,
        hasher: any CryptoProvider
    ) throws -> Problem? {
        var proven: ProvenAttestation?
        return try problem(
            row, depth: depth, attestationTail: attestationTail, written: written, db, hasher: hasher,
            proven: &proven)
    }

    /// What a check at the `attestation` or `full` depth proved of the row's attestation, as the
    /// tables hold it: a re-evaluation copies it instead of reading it again.
    struct ProvenAttestation {
        var row: CompactRecord.AttestationRow
        var signatures: [CompactRecord.SignatureRow]
        /// Whether any withdrawal names the attestation.
        var withdrawn: Bool
    }

    /// ``problem(_:depth:attestationTail:written:_:hasher:)``, setting `proven` when the row holds
    /// at the `attestation` or `full` depth.
    static func problem(
        _ row: Row, depth: Depth, attestationTail: Bool = true, written: AsWritten, _ db: Database,
        hasher: any CryptoProvider, proven: inout ProvenAttestation?
    ) throws -> Problem? {
        proven = nil
        typealias C = Column
        let tail = attestationTail || depth != .head
        guard written.id == (row[C.id] as Int64), written.attestationTail || !tail else {
            assertionFailure("a row checked without the storage classes of the columns it compares")
            return .content(edited)
        }
        let previous: String = row[C.prevHash]
        // The bytes the row hash covers (previous + "\n" + record), copied once from the row (from
        // SQLite's buffer when the row is a cursor's); the record is decoded from them in place.
        guard
            let (input, start) = try row.withUnsafeData(
                atIndex: C.record, { data in data.map { CompactRecord.hashInput(previous: previous, record: $0) } })
        else { return .content(edited) }
        if previous != (string(row, C.expectedPrevious) ?? Ledger.genesisHash) { return .link }
        if hasher.sha256(input).hex != (row[C.rowHash] as String) { return .content(edited) }
        let head: (CompactRecord.Header, CompactRecord.AttestationRow, [CompactRecord.WithdrawalRow])
        var record: CompactRecord?
        var signatures: [CompactRecord.SignatureRow] = []
        switch depth {
        case .full:
            // A format-6 row's body is read, hashed against the head's digest and decoded with it.
            guard let decoded = try wholeRecord(input, from: start, id: row[C.id], db, hasher: hasher) else {
                return .content(edited)
            }
            record = decoded
            head = (decoded.header, decoded.attestation, decoded.withdrawals)
            signatures = decoded.signatures
        case .attestation:
            // The body (format 6) hashed against the head's digest; only its signature checks decoded.
            let body = input[start] >= CompactRecord.narrowFormat ? try self.body(db, id: row[C.id]) : nil
            guard let decoded = CompactRecord.signatures(input, from: start, body: body, hasher: hasher) else {
                return .content(edited)
            }
            head = decoded.head
            signatures = decoded.signatures
        case .head:
            guard let decoded = CompactRecord.decodeHead(input, from: start) else { return .content(edited) }
            head = decoded
        }
        let (h, a, withdrawals) = head
        // The format byte is the row's chain version (4, 5 or 6); a decoded record has one.
        let format = Int64(input[start])
        func text(_ column: Int, _ value: String?) -> Bool { string(row, column) == value }
        func number(_ column: Int, _ value: Int64) -> Bool {
            !row.hasNull(atIndex: column) && (row[column] as Int64) == value
        }
        func flag(_ column: Int, _ value: Bool) -> Bool { number(column, value ? 1 : 0) }
        var columns: [Bool] = [
            number(C.attestationRef, h.attestationRef), text(C.issuer, h.issuer), text(C.token, h.token),
            number(C.sequence, Int64(h.sequence)), text(C.asOf, h.asOf), text(C.kind, h.kind),
            text(C.profile, h.profile), text(C.toolVersion, h.toolVersion), text(C.evaluatedAt, h.evaluatedAt),
            flag(C.eligible, h.eligible), text(C.group, h.group), text(C.blocking, h.blocking),
            text(C.coverage, h.coverage), text(C.stressedCoverage, h.stressedCoverage),
            number(C.freshnessDays, Int64(h.freshnessDays)), text(C.openssl, h.openssl), text(C.sqlite, h.sqlite),
            text(C.aDigest, a.digest), text(C.aIssuer, h.issuer), text(C.aToken, h.token),
            text(C.aAttestationId, a.attestationId), number(C.aSequence, Int64(h.sequence)), text(C.aAsOf, h.asOf),
            text(C.aIssuedAt, a.issuedAt), text(C.aEnvelopeKind, a.envelopeKind), flag(C.aAccepted, a.accepted),
            number(C.withdrawalRows, Int64(withdrawals.count)), number(C.strayWithdrawals, 0),
            number(C.chainVersion, format),
        ]
        if tail {
            columns += [
                text(C.aEnvelopeSHA256, a.envelopeSHA256), text(C.aSource, a.source),
                text(C.aReceivedAt, a.receivedAt), flag(C.aTrusted, a.trusted),
            ]
        }
        guard !columns.contains(false) else { return .content(edited) }
        let id: Int64 = row[C.id]
        // The rows the full check (and a row's withdrawals) reads next, in the classes the tool writes.
        let deep = depth != .head
        if try (deep || !withdrawals.isEmpty) && !tablesHoldTheirClasses(id: id, attestationRef: h.attestationRef, db) {
            return .content(edited)
        }
        if deep || !withdrawals.isEmpty {
            let stored = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT attestation_ref, kind, reason, recorded_at, statement FROM withdrawal WHERE \
                        evaluation_ref = ? ORDER BY id
                        """), arguments: [id]
            ).map { w -> CompactRecord.WithdrawalRow? in
                guard (w["attestation_ref"] as Int64) == h.attestationRef else { return nil }
                let statement: Data? = w["statement"]
                return CompactRecord.WithdrawalRow(
                    kind: w["kind"], reason: w["reason"], recordedAt: w["recorded_at"],
                    statementSHA256: statement.map { hasher.sha256([UInt8]($0)).hex })
            }
            if stored != withdrawals.map(Optional.some) { return .content(edited) }
        }
        guard deep else { return nil }
        // The attestation row as stored (its detached signature and timestamp token hashed) and its
        // signature-check rows, against the record's.
        guard let (storedRow, stored) = try ChainContent.compactAttestation(db, id: h.attestationRef, hasher: hasher),
            storedRow == a, stored == signatures
        else { return .content(edited) }
        let copied = ProvenAttestation(row: storedRow, signatures: stored, withdrawn: row[C.withdrawn])
        guard let record else {
            proven = copied
            return nil
        }
        let indexRows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT position, rule, status, message, basis, gating, evidence FROM finding WHERE evaluation_ref \
                    = ? ORDER BY position, id
                    """), arguments: [id]
        ).map { f -> [String] in
            [
                String(f["position"] as Int), f["rule"], f["status"], f["message"], f["basis"],
                (f["gating"] as Bool) ? "1" : "0", f["evidence"],
            ]
        }
        let expected = record.findings.enumerated().filter { ChainRow.isIndexed(status: $0.element.status) }.map {
            i, f in
            [String(i), f.rule, f.status, f.message, f.basis, f.gating ? "1" : "0", f.evidence.text]
        }
        if indexRows != expected { return .content(edited) }
        proven = copied
        return nil
    }
}
