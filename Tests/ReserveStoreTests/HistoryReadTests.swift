import Foundation
import GRDB
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@testable import ReserveStore

/// `history` checks each row as its statement steps to it (the record hashed from the bytes SQLite
/// read, decoded in place): what it proves must not change.
@Suite struct HistoryReadTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws {
        coin = try CoinFactory()
    }

    /// kizuna-yen 12, 13 and an equivocating twin of 13 (``CoinFactory/twinLedger(in:at:)``).
    func ledger(_ dir: TemporaryDirectory) throws -> (Ledger, String) {
        try coin.twinLedger(in: dir, at: nov5)
    }

    /// The record decodes in place inside its hash input (previous + "\n" + record), as alone;
    /// cut short, with a byte more, or read from the wrong offset, it does not.
    @Test func theRecordDecodesInPlaceInsideItsHashInput() throws {
        // Format 5: the whole record on the row (a format-6 row's head is NarrowHeadTests').
        let record = CompactRecord(
            format: 5,
            header: .init(
                kind: "verify", profile: "p", toolVersion: "t", evaluatedAt: "e", eligible: false, group: "2",
                blocking: "[]", coverage: "1.5", stressedCoverage: nil, freshnessDays: 35, issuer: "i", token: "T",
                sequence: 1, asOf: "a", attestationRef: 1, openssl: nil, sqlite: nil),
            attestation: .init(
                digest: "d", attestationId: "x", issuedAt: "x", envelopeKind: "dsse", envelopeSHA256: "00",
                detachedSignatureSHA256: nil, source: "s", receivedAt: "r", trusted: true, accepted: true,
                timestampTokenSHA256: nil),
            signatures: [],
            withdrawals: [.init(kind: "correction", reason: "r", recordedAt: "t", statementSHA256: nil)],
            findings: [
                .init(
                    rule: "R", status: "fail", message: "m", basis: "b", gating: true,
                    evidence: .object(["a": .number("1"), "b": .string("x")]))
            ])
        let bytes = record.encoded()
        let previous = String(repeating: "ab", count: 32)
        let (input, start) = CompactRecord.hashInput(previous: previous, record: Data(bytes))
        #expect(start == 65)
        #expect(Array(input[start...]) == bytes)
        let hasher = OpenSSLProvider()
        #expect(hasher.sha256(input).hex == CompactRecord.hash(previous: previous, bytes: bytes, hasher: hasher))
        #expect(CompactRecord.decode(input, from: start) == record)
        #expect(CompactRecord.decodeHead(input, from: start)?.0 == record.header)
        #expect(CompactRecord.decodeHead(input, from: start)?.2 == record.withdrawals)
        let short = CompactRecord.hashInput(previous: previous, record: Data(bytes.dropLast()))
        #expect(CompactRecord.decode(short.bytes, from: short.recordStart) == nil)
        let long = CompactRecord.hashInput(previous: previous, record: Data(bytes + [0]))
        #expect(CompactRecord.decode(long.bytes, from: long.recordStart) == nil)
        #expect(CompactRecord.decodeHead(input, from: 0) == nil, "the previous hash is not a record")
    }

    /// Edits anywhere in the coin's rows: the first damaged row (in id order) is the one reported,
    /// and a removed attestation row is damage, not a row left out; through the pool's read
    /// connections and through a read-only connection as the CLI opens it.
    @Test(arguments: [
        ("UPDATE evaluation SET record = substr(record, 1, length(record) - 1) || x'20' WHERE id = 2", 2),
        ("UPDATE evaluation SET prev_hash = (SELECT prev_hash FROM evaluation WHERE id = 1) WHERE id = 2", 2),
        ("DELETE FROM attestation WHERE id = 2", 2),
        ("DELETE FROM attestation WHERE id = 3; UPDATE evaluation SET coverage = '9.99' WHERE id = 2", 2),
        ("DELETE FROM attestation WHERE id = 1", 1),
    ])
    func historyReportsTheFirstDamagedRowAndARemovedAttestation(edit: String, id: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try ledger(dir)
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).map(\.evaluationID) == [1, 2, 3])
        #expect(try ledger.history(issuer: "kizuna-yen", token: "KZJPY").count == 3)
        _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; DROP TRIGGER attestation_no_delete; " + edit)
        let readers = [
            try Ledger.open(path: path, hasher: OpenSSLProvider()),
            try Ledger.openForReading(path: path, hasher: OpenSSLProvider()),
        ]
        for reader in readers {
            for token in [nil, "KZJPY"] as [String?] {
                let error = #expect(throws: VerifierError.self, "\(edit)") {
                    try reader.history(issuer: "kizuna-yen", token: token)
                }
                #expect(error?.code == .ledgerDamaged)
                #expect(
                    error?.message.contains("is damaged: evaluation \(id) ") == true, "\(String(describing: error))")
            }
        }
    }

    /// What the raw-column check (``CompactCheck/quickMatch(_:attestationTail:input:hasher:)``, the fast
    /// path of `history` and `status`) says of every row of the coin, beside what ``CompactCheck/problem``
    /// says: each edit is damage `problem` reports (`damaged`) or an edit it tolerates and the raw
    /// check declines (`tolerated`; none since `problem` refuses another storage class and text with
    /// a NUL byte, which GRDB would read cut at the NUL).
    func verdicts(_ reader: Ledger, tail: Bool) throws -> [(id: Int64, quick: Bool, problem: Bool)] {
        try reader.pool.read { db in
            let statement = try db.makeStatement(
                sql: (tail ? CompactCheck.select : CompactCheck.historySelect) + " ORDER BY e.id")
            let columns = RawColumns(statement: statement.sqliteStatement)
            let rows = try Row.fetchCursor(statement)
            var input: [UInt8] = []
            var out: [(id: Int64, quick: Bool, problem: Bool)] = []
            while let row = try rows.next() {
                let quick = CompactCheck.quickMatch(
                    columns, attestationTail: tail, input: &input, hasher: reader.hasher)
                let id: Int64 = row[CompactCheck.Column.id]
                let problem = try CompactCheck.columnsAsWritten(id: id, attestationTail: tail, db).map {
                    try CompactCheck.problem(
                        row, depth: .head, attestationTail: tail, written: $0, db, hasher: reader.hasher)
                }
                out.append((id, quick, problem != .some(nil)))
            }
            return out
        }
    }

    /// Each edit with the rows `problem` then refuses in `history` and in `status` (which also
    /// compares the attestation's tail), and the rows it still accepts that the raw check declines.
    @Test(
        arguments: [
            ("", [], [], []),
            ("UPDATE evaluation SET coverage = '9.99' WHERE id = 2", [2], [2], []),
            ("UPDATE evaluation SET token = 'KZJPX' WHERE id = 2", [2], [2], []),
            ("UPDATE evaluation SET prev_hash = upper(prev_hash) WHERE id = 2", [2], [2], []),
            ("UPDATE evaluation SET row_hash = upper(row_hash) WHERE id = 2", [2, 3], [2, 3], []),
            (
                "UPDATE evaluation SET record = substr(record, 1, length(record) - 1) || x'20' WHERE id = 2", [2], [2],
                []
            ),
            ("UPDATE attestation SET issued_at = issued_at || 'x' WHERE id = 2", [2], [2], []),
            ("UPDATE attestation SET source = source || 'x' WHERE id = 2", [], [2], []),
            ("UPDATE evaluation SET profile = profile || char(0) || 'x' WHERE id = 2", [2], [2], []),
            ("UPDATE evaluation SET record = CAST(record AS TEXT) WHERE id = 2", [2], [2], []),
            ("UPDATE evaluation SET sequence = CAST(sequence AS BLOB) WHERE id = 2", [2], [2], []),
        ] as [(String, [Int64], [Int64], [Int64])])
    func theRawColumnCheckNeverAcceptsARowTheCheckRefuses(
        edit: String, damagedInHistory: [Int64], damagedInStatus: [Int64], tolerated: [Int64]
    ) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try ledger(dir)
        let before = try ledger.history(issuer: "kizuna-yen", token: nil)
        #expect(before.map(\.evaluationID) == [1, 2, 3])
        if !edit.isEmpty {
            _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; DROP TRIGGER attestation_no_update; " + edit)
        }
        let reader = try Ledger.openForReading(path: path, hasher: OpenSSLProvider())
        for (tail, damaged) in [(false, damagedInHistory), (true, damagedInStatus)] {
            let rows = try verdicts(reader, tail: tail)
            #expect(rows.map(\.id) == [1, 2, 3])
            for row in rows {
                #expect(!(row.quick && row.problem), "row \(row.id): accepted raw, refused by problem")
                #expect(row.problem == damaged.contains(row.id), "row \(row.id), tail \(tail): \(edit)")
                #expect(
                    row.quick == !(damaged.contains(row.id) || tolerated.contains(row.id)),
                    "row \(row.id), tail \(tail): \(edit)")
            }
        }
        if let first = damagedInHistory.first {
            let error = #expect(throws: VerifierError.self) { try reader.history(issuer: "kizuna-yen", token: nil) }
            #expect(error?.message.contains("is damaged: evaluation \(first) ") == true)
        } else {
            // Rows the raw check declines are checked and read the ordinary way: the same entries.
            #expect(try reader.history(issuer: "kizuna-yen", token: nil) == before)
        }
    }
}
