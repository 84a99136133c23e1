import Foundation
import GRDB
import ReserveCore
import ReserveCrypto
@_spi(Fixtures) import ReserveStore
import TestSupport
import Testing

/// The benchmark's scale ledger (Benchmarks/Fixtures/ScaleLedger.swift) hashes its copies of
/// recorded rows through `ChainRowTemplate`: its hashes must be the ledger's own.
@Suite struct LedgerFixtureTests {
    @Test func templateHashesAreTheLedgersAndSplicingChangesNothing() throws {
        let factory = try SakuraFactory()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("ledger.sqlite")
        do {
            let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
            for sequence in [37, 38] {
                _ = try ledger.record(try factory.input(try factory.envelope(sequence: sequence), at: nov22))
            }
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let hasher = OpenSSLProvider()
        try queue.read { db in
            let templates = try ChainRowTemplate.load(db, ids: 1...2, hasher: hasher)
            #expect(templates.count == 2)
            let hashes = try String.fetchAll(db, sql: "SELECT row_hash FROM evaluation ORDER BY id")
            let t = templates[1]
            // The row itself, "copied" with its own values, hashes to what the ledger stored.
            #expect(
                t.copyHash(
                    previous: hashes[0], attestationRef: t.attestationRef, digest: t.digest,
                    attestationId: t.attestationId,
                    sequence: t.sequence, hasher: hasher) == hashes[1])
            let splicer = ChainRowTemplate.Splicer(t)
            #expect(
                splicer.hash(
                    previous: hashes[0], attestationRef: t.attestationRef, digest: t.digest,
                    attestationId: t.attestationId,
                    sequence: t.sequence, hasher: hasher) == hashes[1])
            // Copies with other values: the spliced JSON hashes as the full row does.
            for n in 1...3 {
                let args = (
                    ref: t.attestationRef + Int64(n * 2), digest: t.digest + "#\(n)", id: t.attestationId + "#\(n)",
                    seq: t.sequence + n * 10
                )
                let full = t.copyHash(
                    previous: hashes[1], attestationRef: args.ref, digest: args.digest, attestationId: args.id,
                    sequence: args.seq, hasher: hasher)
                #expect(full != hashes[1])
                #expect(
                    splicer.hash(
                        previous: hashes[1], attestationRef: args.ref, digest: args.digest, attestationId: args.id,
                        sequence: args.seq, hasher: hasher) == full)
            }
        }
    }
}
