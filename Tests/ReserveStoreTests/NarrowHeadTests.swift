import Foundation
import GRDB
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@testable import ReserveStore

/// Chain version 6: an evaluation row stores a narrow head (format byte, header, attestation row,
/// withdrawals, then the SHA-256 of the body) and its body (signature checks, evidence table,
/// findings) goes in `evaluation_body`. `history` and `status` hash the head only; `ledger
/// verify`, the head check before recording and every read of findings hash the body against the
/// head's digest (docs/LEDGER.md, docs/THREAT-MODEL.md).
@Suite struct NarrowHeadTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws {
        coin = try CoinFactory()
    }

    /// kizuna-yen 12 and 13: evaluations and attestations 1 and 2 (2 is the chain's head).
    func twoRows(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        _ = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5, ledger: ledger))
        return path
    }

    func next() throws -> TestRecord {
        try coin.input(try coin.envelope(sequence: 14, asOf: "2026-11-02T15:00:00Z"), at: nov5)
    }

    /// Rewrites a ledger this version wrote as the version before chain version 6 left it: each
    /// row's record made format 5 (its head without the digest, then its body, with format byte
    /// 5), the chain hashed again, and the body table and the `v8-narrow-heads` migration removed.
    static func downgradeToVersion5(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'evaluation_no_update'")
            try db.execute(sql: "DROP TRIGGER evaluation_no_update")
            var previous = Ledger.genesisHash
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.record, b.body FROM evaluation e JOIN evaluation_body b ON b.evaluation_ref = e.id
                    ORDER BY e.id
                    """)
            for row in rows {
                let head = [UInt8](row["record"] as Data)
                var record = Array(head.dropLast(CompactRecord.bodyDigestLength)) + [UInt8](row["body"] as Data)
                record[0] = 5
                let hash = CompactRecord.hash(previous: previous, bytes: record, hasher: OpenSSLProvider())
                try db.execute(
                    sql:
                        "UPDATE evaluation SET record = ?, prev_hash = ?, row_hash = ?, chain_version = 5 WHERE id = ?",
                    arguments: [Data(record), previous, hash, row["id"] as Int64])
                previous = hash
            }
            try db.execute(sql: try #require(trigger))
            try db.execute(
                sql: """
                    DROP TABLE evaluation_body;
                    DELETE FROM grdb_migrations WHERE identifier = 'v8-narrow-heads';
                    """)
        }
    }

    // MARK: The format

    /// A signature check as a record holds it.
    static let signature = CompactRecord.SignatureRow(
        position: 0, keyID: "k", role: "issuer", algorithm: "ed25519", status: "valid", reason: "ok", duplicate: false)

    @Test func aVersion6RecordSplitsIntoAHeadAndABodyAndJoinsBack() throws {
        let hasher = OpenSSLProvider()
        let signature = Self.signature
        var record = CompactRecord.fixture(
            signatures: [signature],
            entries: [
                .init(
                    rule: "R", status: "fail", message: "m", basis: "b", gating: true,
                    evidence: .object(["a": .string("b")]))
            ])
        #expect(record.format == 6)
        let (head, body) = record.stored(hasher: hasher)
        let whole = record.encoded()
        let bodyBytes = try #require(body)
        // The body is the record's bytes after the withdrawals, as format 5 writes them.
        #expect(Array(whole.suffix(bodyBytes.count)) == bodyBytes)
        #expect(Array(head.dropLast(32)) + bodyBytes == whole)
        #expect(Array(head.suffix(32)) == hasher.sha256(bodyBytes))
        #expect(CompactRecord.decodeHead(head) != nil)
        let joined = try #require(CompactRecord.joined(head, from: 0, body: bodyBytes, hasher: hasher))
        #expect(CompactRecord.decode(joined) == record)
        // The same bytes after the format byte as format 5.
        record.format = 5
        #expect(record.stored(hasher: hasher).body == nil)
        #expect(Array(record.encoded().dropFirst()) == Array(whole.dropFirst()))

        // Refused: a body edited by one byte, a head without its digest or with a byte more, a
        // head alone read as a whole record.
        var edited = bodyBytes
        edited[edited.count - 1] ^= 1
        #expect(CompactRecord.joined(head, from: 0, body: edited, hasher: hasher) == nil)
        #expect(CompactRecord.decodeHead(Array(head.dropLast())) == nil)
        #expect(CompactRecord.decodeHead(head + [0]) == nil)
        #expect(CompactRecord.joined(head + [0], from: 0, body: bodyBytes, hasher: hasher) == nil)
        #expect(CompactRecord.decode(head) != record)
    }

    /// The signature checks alone, as `reevaluate`'s check of the row it re-judges reads them:
    /// the whole record's rows, from a format-6 head and its body or from a format-5 record, and
    /// nothing for another body, a missing one, or a head with a byte more or less.
    @Test func theSignatureChecksAloneReadFromAHeadAndTheBodyItsDigestNames() throws {
        let hasher = OpenSSLProvider()
        let signature = Self.signature
        var record = CompactRecord.fixture(
            signatures: [signature, signature],
            entries: [.init(rule: "R", status: "fail", message: "m", basis: "b", gating: true, evidence: .object([:]))])
        let (head, body) = record.stored(hasher: hasher)
        let read = try #require(CompactRecord.signatures(head, from: 0, body: body, hasher: hasher))
        #expect(read.signatures == record.signatures)
        #expect(read.head.0 == record.header && read.head.1 == record.attestation && read.head.2 == record.withdrawals)
        // After a prefix (the row's previous hash and a newline, as a check hashes them).
        let prefix = Array("abc\n".utf8)
        #expect(
            CompactRecord.signatures(prefix + head, from: 4, body: body, hasher: hasher)?.signatures == [
                signature, signature,
            ])

        var edited = try #require(body)
        edited[edited.count - 1] ^= 1
        #expect(CompactRecord.signatures(head, from: 0, body: edited, hasher: hasher) == nil)
        #expect(CompactRecord.signatures(head, from: 0, body: nil, hasher: hasher) == nil)
        #expect(CompactRecord.signatures(head + [0], from: 0, body: body, hasher: hasher) == nil)
        #expect(CompactRecord.signatures(Array(head.dropLast()), from: 0, body: body, hasher: hasher) == nil)
        #expect(CompactRecord.signatures(head, from: head.count, body: body, hasher: hasher) == nil)

        record.format = 5
        let whole = record.encoded()
        #expect(CompactRecord.signatures(whole, from: 0, body: nil, hasher: hasher)?.signatures == record.signatures)
        // A format-5 record cut inside its signature checks.
        let cut = Array(whole.prefix(head.count - CompactRecord.bodyDigestLength + 3))
        #expect(CompactRecord.signatures(cut, from: 0, body: nil, hasher: hasher) == nil)
    }

    @Test func newRowsAreVersion6WithOneBodyRowEachAndReadBackInFull() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try coin.twinLedger(in: dir, at: nov5)
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "6,6,6")
        #expect(try sqlite3(path, "SELECT group_concat(hex(substr(record, 1, 1))) FROM evaluation") == "06,06,06")
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation_body") == "3")
        // The head is narrow: a fraction of the body.
        let sizes = try sqlite3(
            path,
            "SELECT max(length(e.record)) || ',' || min(length(b.body)) FROM evaluation e JOIN evaluation_body b "
                + "ON b.evaluation_ref = e.id"
        ).split(separator: ",").compactMap { Int($0) }
        #expect(sizes.count == 2 && sizes[0] * 4 < sizes[1], "\(sizes)")
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        let stored = try #require(try ledger.evaluation(id: 3))
        #expect(stored.summary.findings.count > 20)
        #expect(stored.summary.findings.contains { $0.rule == "EQUIVOCATION" && $0.status == "fail" })
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).count == 3)
        #expect(try ledger.status().first?.equivocations == 1)
    }

    // MARK: Version-5 rows, then version-6 rows

    @Test func aVersion5LedgerMigratesAndContinuesItsChainWithVersion6Rows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try twoRows(dir)
        try Self.downgradeToVersion5(path)
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "5,5")
        #expect(try sqlite3(path, "SELECT count(*) FROM sqlite_master WHERE name = 'evaluation_body'") == "0")

        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try sqlite3(path, "SELECT count(*) FROM sqlite_master WHERE name = 'evaluation_body'") == "1")
        #expect(try ledger.verifyChain() == ChainReport(rows: 2, broken: nil))
        let head = try sqlite3(path, "SELECT row_hash FROM evaluation WHERE id = 2")
        #expect(try ledger.record(try next()).recorded)
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "5,5,6")
        #expect(try sqlite3(path, "SELECT prev_hash FROM evaluation WHERE id = 3") == head)
        #expect(try sqlite3(path, "SELECT group_concat(evaluation_ref) FROM evaluation_body") == "3")
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).count == 3)
        #expect(try ledger.status().count == 1)
        #expect(try ledger.evaluation(id: 1)?.summary.findings.count ?? 0 > 20)
        #expect(try ledger.evaluation(id: 3)?.summary.findings.count ?? 0 > 20)

        // The version-5 rows are still checked as such: an edit of one's record (a finding, in
        // its whole record) is found by history too.
        _ = try sqlite3(
            path,
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET record = substr(record, 1, length(record) - 1) "
                + "|| x'20' WHERE id = 1")
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try reopened.verifyChain().broken?.id == 1)
        let error = #expect(throws: VerifierError.self) { try reopened.history(issuer: "kizuna-yen", token: nil) }
        #expect(error?.code == .ledgerDamaged)
    }

    /// A version-5 row's record must not gain a body: a body row that no version-6 evaluation
    /// owns (attached to a version-5 row, or to no row) is damage `ledger verify` reports.
    @Test(arguments: [1, 99])
    func aBodyRowNoVersion6EvaluationOwnsIsFoundByLedgerVerify(owner: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try twoRows(dir)
        try Self.downgradeToVersion5(path)
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.record(try next()).recorded)
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        _ = try sqlite3(path, "INSERT INTO evaluation_body (evaluation_ref, body) VALUES (\(owner), x'0102')")
        let report = try ledger.verifyChain()
        #expect(report.broken?.id == 0)
        #expect(
            report.broken?.reason
                == "the body row of evaluation \(owner) is covered by no chain-version-6 evaluation's hash "
                + "(inserted outside the tool)", "\(String(describing: report.broken))")
    }

    // MARK: Edits of a body

    /// Edits of evaluation 2's body row made outside the tool.
    enum BodyEdit: String, CaseIterable, Sendable {
        case lastByte, firstByte, deleted, asText, asInteger

        func apply(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "DROP TRIGGER evaluation_body_no_update; DROP TRIGGER evaluation_body_no_delete")
                var body = [UInt8](
                    try #require(
                        try Data.fetchOne(db, sql: "SELECT body FROM evaluation_body WHERE evaluation_ref = 2")))
                let update = "UPDATE evaluation_body SET body = ? WHERE evaluation_ref = 2"
                switch self {
                case .lastByte:
                    body[body.count - 1] ^= 1
                    try db.execute(sql: update, arguments: [Data(body)])
                case .firstByte:
                    body[0] ^= 1
                    try db.execute(sql: update, arguments: [Data(body)])
                case .deleted: try db.execute(sql: "DELETE FROM evaluation_body WHERE evaluation_ref = 2")
                case .asText:
                    try db.execute(sql: "UPDATE evaluation_body SET body = CAST(body AS TEXT) WHERE evaluation_ref = 2")
                case .asInteger: try db.execute(sql: "UPDATE evaluation_body SET body = 7 WHERE evaluation_ref = 2")
                }
            }
        }
    }

    /// An edited, deleted or retyped body: `ledger verify`, the head check before recording and
    /// `evaluation` (which prints findings) refuse it with E052 naming the evaluation, never a
    /// crash. `history` and `status` report only head fields and do not read the body, so they
    /// do not find it: the approved principle (every read proves each byte it reports).
    @Test(arguments: BodyEdit.allCases)
    func anEditedOrMissingBodyIsFoundByFullChecksNotByHistory(edit: BodyEdit) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try twoRows(dir)
        let control = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try control.verifyChain() == ChainReport(rows: 2, broken: nil))
        #expect(try control.evaluation(id: 2) != nil)
        try edit.apply(path)
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let message =
            "\(path) is damaged: evaluation 2 no longer matches its hash (the row, its findings or its "
            + "attestation were edited); run `reserve-verifier ledger verify`"

        #expect(try ledger.verifyChain().broken?.id == 2, "\(edit)")
        let recording = #expect(throws: VerifierError.self, "\(edit)") { try ledger.record(try next()) }
        #expect(recording?.code == .ledgerDamaged, "\(edit)")
        #expect(recording?.message == message, "\(edit)")
        let read = #expect(throws: VerifierError.self, "\(edit)") { try ledger.evaluation(id: 2) }
        #expect(read?.code == .ledgerDamaged, "\(edit)")
        #expect(read?.message == message, "\(edit)")
        // The row before is untouched and reads.
        #expect(try ledger.evaluation(id: 1) != nil)
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "2")

        // history and status do not read the body: they report the head fields, which still prove.
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).count == 2)
        #expect(try ledger.status().count == 1)
    }

    /// The head is still everything `history` reports: an edit of it is found there (the
    /// control case of the test above).
    @Test func anEditedHeadIsFoundByHistory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try twoRows(dir)
        // One byte of the header's kind ("verify"), the row otherwise as written.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER evaluation_no_update")
            var record = [UInt8](try #require(try Data.fetchOne(db, sql: "SELECT record FROM evaluation WHERE id = 2")))
            record[3] ^= 1
            try db.execute(sql: "UPDATE evaluation SET record = ? WHERE id = 2", arguments: [Data(record)])
        }
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain().broken?.id == 2)
        let error = #expect(throws: VerifierError.self) { try ledger.history(issuer: "kizuna-yen", token: nil) }
        #expect(error?.code == .ledgerDamaged)
        let status = #expect(throws: VerifierError.self) { try ledger.status() }
        #expect(status?.code == .ledgerDamaged)
    }
}
