import Foundation
import ReserveAlerts
import ReserveCore
import ReserveStore
import TestSupport
import Testing

/// A round records all its evaluations in one transaction (group commit), each judged against
/// the history the ones before it in the round wrote.
@Suite struct WatchRoundBatchTests {
    let kizuna: KizunaFactory

    init() throws { kizuna = try KizunaFactory() }

    static let sourceKey = "kizuna-yen/KZJPY \(WatchRound.url)"

    func evaluations(_ watch: WatchRound) throws -> Int {
        Int(try sqlite3(watch.ledger.path, "SELECT count(*) FROM evaluation")) ?? -1
    }

    @Test func aStoreFailingMidRoundRecordsNothingAndTheNextRoundRedoesIt() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        // The ledger refuses the round's second evaluation (sequence 14) as a full disk would.
        #expect(
            try sqlite3(
                watch.ledger.path,
                """
                CREATE TRIGGER test_full_disk BEFORE INSERT ON evaluation WHEN NEW.sequence = 14
                BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                """) == "")
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 14, eligible: false))
        await #expect(throws: VerifierError.self) { try await runner.runRound() }
        // Nothing of the round: no evaluation (not even sequence 13's), no alert, no source state.
        #expect(try evaluations(watch) == 0)
        #expect(try sqlite3(watch.ledger.path, "SELECT count(*) FROM attestation") == "0")
        #expect(try watch.ledger.pendingAlertCounts().values.reduce(0, +) == 0)
        #expect(try watch.ledger.sourceState(Self.sourceKey).lastSuccessAt == nil)
        #expect(watch.delivery.drain().isEmpty)

        // The disk has room again; the source serves the same two envelopes (it was never told
        // they were taken in): the round records both, in order.
        #expect(try sqlite3(watch.ledger.path, "DROP TRIGGER test_full_disk") == "")
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 14, eligible: false))
        let round = try await runner.runRound()
        #expect(round.verified == 2 && round.recorded == 2 && round.replays == 0 && round.failures == 0)
        #expect(try evaluations(watch) == 2)
        #expect(watch.delivery.drain().map(\.type) == [.notEligible])
        #expect(try watch.ledger.sourceState(Self.sourceKey).lastSuccessAt == "2026-11-22T00:00:00Z")
        #expect(try watch.ledger.verifyChain().broken == nil)
    }

    @Test func anEnvelopeServedTwiceInOneRoundIsAReplay() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        let bytes = try kizuna.envelope(sequence: 12)
        watch.sources.serve(WatchRound.url, bytes)
        watch.sources.serve(WatchRound.url, bytes)
        let round = try await runner.runRound()
        #expect(round.verified == 2 && round.recorded == 1 && round.replays == 1 && round.failures == 0)
        #expect(try evaluations(watch) == 2)
        #expect(try sqlite3(watch.ledger.path, "SELECT count(*) FROM attestation") == "1")
        let second = try #require(try watch.ledger.evaluation(id: 2))
        #expect(second.summary.findings.contains { $0.rule == "REPLAY" && $0.status == "warn" })
        #expect(second.summary.eligible)
        #expect(watch.delivery.drain().isEmpty)
    }

    @Test func conflictingEnvelopesInOneRoundAreAnEquivocation() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        // Two validly signed payloads for sequence 13 of the same coin, in one round.
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13, eligible: false))
        let round = try await runner.runRound()
        #expect(round.verified == 2 && round.recorded == 2)
        let history = try watch.ledger.history(issuer: "kizuna-yen", token: "KZJPY")
        #expect(history.map(\.sequence) == [13, 13])
        #expect(history.map(\.accepted) == [true, false])
        #expect(history.last?.blocking.contains(.equivocation) == true)
        #expect(watch.delivery.drain().map(\.type).contains(.equivocation))
        #expect(try watch.ledger.verifyChain().broken == nil)
    }
}
