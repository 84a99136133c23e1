import Foundation
import ReserveCore
import ReserveCrypto
import ReservePipeline
import ReserveStore
import TestSupport
import Testing

/// A `watch` round's recording (``VerifyPipeline/record(batch:in:tool:workers:)``) assesses and
/// drafts its inputs on workers, then records them in one transaction: the same bytes as the round
/// recorded without drafts.
@Suite struct RoundDraftTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws { coin = try CoinFactory() }

    /// kizuna-yen 12, 13, an equivocating twin of 13, then 12 again (a replay), as a round takes them in.
    func inputs() throws -> [VerifiedInput] {
        let envelopes = [
            try coin.envelope(sequence: 12),
            try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"),
            try coin.envelope(sequence: 13, asOf: "2026-11-01T16:00:00Z", variant: "twin"),
            try coin.envelope(sequence: 12),
        ]
        return try envelopes.map { envelope in
            VerifiedInput(
                verified: try coin.input(envelope, at: nov5).item.verified, envelope: envelope,
                detachedSignature: nil, source: "https://issuer.example/attestation", at: nov5)
        }
    }

    /// The round as recorded before drafts: assessed here, recorded whole by the writer.
    func recordWhole(_ inputs: [VerifiedInput], in ledger: Ledger, evaluator: Evaluator) throws(VerifierError)
        -> [RecordOutcome]
    {
        let assessments = inputs.map { evaluator.assess($0.verified, at: $0.at) }
        return try ledger.record(
            batch: inputs.map {
                RecordItem(
                    source: $0.source, envelope: $0.envelope, detachedSignature: $0.detachedSignature,
                    verified: $0.verified, evaluatedAt: $0.at, toolVersion: "watch")
            }
        ) { k, history in evaluator.decide(assessments[k], history: history) }
    }

    @Test(arguments: [1, 2])
    func aDraftedRoundStoresTheBytesOfAWholeOne(workers: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inputs = try inputs()
        let evaluator = Evaluator(profile: CoinFactory.historyProfile)
        let pipeline = VerifyPipeline(
            verifier: AttestationVerifier(store: coin.store, provider: OpenSSLProvider()), evaluator: evaluator)
        let drafted = try Ledger.open(path: dir.path("drafted.sqlite"), hasher: OpenSSLProvider())
        let whole = try Ledger.open(path: dir.path("whole.sqlite"), hasher: OpenSSLProvider())
        let outcomes = try pipeline.record(batch: inputs, in: drafted, tool: "watch", workers: workers)
        let expected = try recordWhole(inputs, in: whole, evaluator: evaluator)
        #expect(outcomes.map(\.rowHash) == expected.map(\.rowHash))
        #expect(outcomes.map(\.recorded) == [true, true, true, false])
        #expect(outcomes[2].evaluation.status(.equivocation) == .fail)
        #expect(try sqlite3(drafted.path, ".dump") == (try sqlite3(whole.path, ".dump")))
        #expect(try drafted.verifyChain() == ChainReport(rows: 4, broken: nil))
    }

    @Test func aRoundOnADamagedLedgerRecordsNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inputs = try inputs()
        let pipeline = VerifyPipeline(
            verifier: AttestationVerifier(store: coin.store, provider: OpenSSLProvider()),
            evaluator: Evaluator(profile: CoinFactory.historyProfile))
        let path = dir.path("l.sqlite")
        _ = try pipeline.record(
            batch: Array(inputs.prefix(1)), in: try Ledger.open(path: path, hasher: OpenSSLProvider()), tool: "watch")
        _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET eligible = 1 - eligible")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let error = #expect(throws: VerifierError.self) {
            try pipeline.record(batch: Array(inputs.dropFirst()), in: ledger, tool: "watch", workers: 2)
        }
        #expect(error?.code == .ledgerDamaged)
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "1")
    }
}
