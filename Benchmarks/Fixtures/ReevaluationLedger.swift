import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

#if canImport(Glibc)
    import Glibc
#endif

/// A ledger of real recordings for `reevaluate` at scale: every attestation signed, verified,
/// assessed and recorded (no SQL copies, whose envelopes would be their seed's).
public enum ReevaluationLedger {
    /// Signs `coins` x `perCoin` 3-line envelopes (coin `i % coins`, sequence `i / coins + 1`, as
    /// ``ScaleLedger/seed(coins:perCoin:seedPerCoin:lines:)`` with every attestation seeded) and
    /// records them at `path` as `verify` records a folder: checked and drafted on every core, recorded
    /// by this thread in batches of 256 (one transaction each) while the workers go on. Returns the
    /// evaluations recorded.
    public static func build(
        at path: String, coins: Int, perCoin: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> Int {
        let corpus = try BenchCorpus.make(count: coins * perCoin, coins: coins, lines: 3)
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let provider = OpenSSLProvider()
        let evaluator = Evaluator(profile: .bcbs)
        let pipeline = VerifyPipeline(store: try corpus.trustStore(), provider: provider, evaluator: evaluator)
        let loaded = VerifyPipeline.load(
            corpus.envelopes.map { InputFile(path: $0.fileName, signaturePath: nil, contents: .success($0.bytes)) },
            limit: DecodingLimits.default.maxBytes, hasher: provider, workers: workers)
        let at = corpus.evaluatedAt
        var recorded = 0
        var failure: VerifierError?
        // Not a RunRecorder: it keeps every input's report for the run's output, which a ledger of
        // this size does not need.
        VerifyPipeline.run(
            loaded, at: at, firstSeen: [:], workers: workers, prepareRecords: true,
            makeWorker: { worker in
                guard worker > 0, let own = try? corpus.trustStore() else { return pipeline }
                return VerifyPipeline(store: own, provider: OpenSSLProvider(), evaluator: evaluator)
            },
            consume: { _, chunk in
                guard failure == nil else { return }
                let ready = chunk.compactMap { c -> (RecordItem, Assessment)? in
                    guard case .success(let assessment) = c.outcome else { return nil }
                    return (
                        RecordItem(
                            source: c.source, envelope: c.envelope, detachedSignature: nil,
                            verified: assessment.verified, evaluatedAt: at, toolVersion: Workloads.toolVersion,
                            draft: c.draft), assessment
                    )
                }
                do throws(VerifierError) {
                    recorded += try ledger.record(batch: ready.map(\.0)) { k, history in
                        evaluator.decide(ready[k].1, history: history)
                    }.filter(\.recorded).count
                } catch {
                    failure = error
                }
            })
        if let failure { throw failure }
        guard recorded == coins * perCoin else {
            throw VerifierError(.storage, "only \(recorded) of \(coins * perCoin) were recorded")
        }
        return recorded
    }
}

/// CPU seconds used so far (`clock_gettime`): by the process (every thread), or by the calling thread.
public enum CPUTime {
    public static var process: Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }
    public static var thread: Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
