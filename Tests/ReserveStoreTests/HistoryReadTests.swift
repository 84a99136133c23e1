import Foundation
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
        let record = CompactRecord(
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
}
