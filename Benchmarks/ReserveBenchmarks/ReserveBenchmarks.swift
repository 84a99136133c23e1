// The performance suite (README "Performance"):
//
//   swift package --scratch-path .build-bench benchmark --target ReserveBenchmarks
//
// Benchmarks 1, 2 and 3's insert rate measure their baseline in the same process and iteration
// and report the ratio as a custom metric (percentages are integers: 2.9% is 290 in "(x0.01 %)"
// units), with the absolute rates beside it. Benchmark 3's status and history baseline (the seed
// ledger of 2,000 evaluations) is measured once, in its setup, before the ledger grows; 1b
// reports time per stage and has no baseline. 1c and 1d are the first two goals: `verify`'s
// loop on a folder (read, hash, verify, assess on N workers, record in batches; FolderRun) against
// one-thread bare verify of the same signatures, measured in the same iteration. The CLI's
// multi-core figure and the Python peer (the third goal) run from Benchmarks/run-cli.sh, which
// needs separate processes.
import Benchmark
import BenchmarkFixtures
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore

/// A custom metric: larger is better unless said otherwise; never scaled.
func metric(_ name: String, smaller: Bool = false) -> BenchmarkMetric {
    .custom(name, polarity: smaller ? .prefersSmaller : .prefersLarger, useScalingFactor: false)
}

/// Shows `metrics` as they are (no automatic K/M scaling, which would round the figures away).
func exact(_ metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkUnits] {
    Dictionary(uniqueKeysWithValues: metrics.map { ($0, .count) })
}

/// Percent with two decimals as an integer (custom metrics are integers).
func hundredths(_ ratio: Double) -> Int { Int((ratio * 10_000).rounded()) }

let environment = ProcessInfo.processInfo.environment
/// BENCH_ENVELOPES / BENCH_EVALUATIONS shrink the workloads for a quick try; the README's figures
/// use the defaults.
let envelopeCount = Int(environment["BENCH_ENVELOPES"] ?? "") ?? 20_000
let scaleEvaluationsPerCoin = (Int(environment["BENCH_EVALUATIONS"] ?? "") ?? 1_000_000) / 500

struct VerifyState {
    let corpus: BenchCorpus
    let verifier: AttestationVerifier
    let evaluator = Evaluator(profile: .bcbs)
}

/// This process's folder runs write under this prefix, so the teardown removes only its own folders.
let folderRunPrefix = "reserve-bench-folder-\(ProcessInfo.processInfo.processIdentifier)-"

/// A corpus written to a folder (envelopes and keys), for the folder runs.
struct FolderState {
    let corpus: BenchCorpus
    let directory: String

    init(count: Int, lines: Int) throws {
        corpus = try BenchCorpus.make(count: count, coins: 100, lines: lines, ed25519: false)
        directory = NSTemporaryDirectory() + folderRunPrefix + UUID().uuidString
        try corpus.write(to: directory)
    }

    /// Bare verify on one thread, then the folder run on `workers` workers into a fresh ledger;
    /// both rates (per second) and the ratio.
    func measure(_ benchmark: Benchmark, workers: Int) throws -> (ours: Double, bare: Double) {
        let count = Double(corpus.envelopes.count)
        let bare = try seconds { try Workloads.bareVerify(corpus) }
        let (ledger, dir) = try Workloads.freshLedger("folder")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var result: FolderRun.Result?
        benchmark.startMeasurement()
        let ours = try seconds {
            result = try FolderRun.run(
                folder: directory + "/envelopes", keys: directory + "/keys", workers: workers, ledger: ledger)
        }
        benchmark.stopMeasurement()
        guard result?.trusted == corpus.envelopes.count else { throw BenchFailure.notAllTrusted }
        return (count / ours, count / bare)
    }
}

enum BenchFailure: Error { case notAllTrusted }

struct ScaleState {
    let scale: ScaleLedger
    let ledger: Ledger
    let seedQueries: ScaleLedger.QueryTimings
    /// One batch per iteration, each with later sequences than the one before.
    let batches: [BenchCorpus]
}

let scaleIterations = 3
nonisolated(unsafe) var scaleIteration = 0

let benchmarks: @Sendable () -> Void = {
    // 1. Verify throughput, end to end, one thread, against bare EVP_DigestVerify.
    let e2eRate = metric("end to end (envelopes/s)")
    let bareRate = metric("bare verify (verifies/s)")
    let e2eRatio = metric("end to end / bare verify (x0.01 %)")
    Benchmark(
        "1 Verify end to end: \(envelopeCount) DSSE (P-256 + Ed25519, 40 lines), decode + verify + bcbs + record, 1 thread",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, e2eRate, bareRate, e2eRatio],
            timeUnits: .milliseconds, units: exact([e2eRate, bareRate, e2eRatio]), warmupIterations: 0,
            maxDuration: .seconds(600), maxIterations: 3)
    ) { (benchmark: Benchmark, state: VerifyState) throws in
        let count = Double(state.corpus.envelopes.count)
        let bare = try seconds { try Workloads.bareVerify(state.corpus) }
        let (ledger, dir) = try Workloads.freshLedger("e2e")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        benchmark.startMeasurement()
        let e2e = try seconds {
            try Workloads.endToEnd(state.corpus, verifier: state.verifier, evaluator: state.evaluator, ledger: ledger)
        }
        benchmark.stopMeasurement()
        benchmark.measurement(bareRate, Int(count / bare))
        benchmark.measurement(e2eRate, Int(count / e2e))
        benchmark.measurement(e2eRatio, hundredths(bare / e2e))
    } setup: {
        let corpus = try BenchCorpus.make(count: envelopeCount, coins: 100, lines: 40)
        return VerifyState(
            corpus: corpus, verifier: AttestationVerifier(store: try corpus.trustStore(), provider: OpenSSLProvider()))
    }

    // 1c, 1d. The goals: a folder of small (3-line) ECDSA P-256 envelopes, verified, evaluated
    // and recorded on every core, at least 1.0x one-thread bare verify of the same signatures;
    // 40-line envelopes (also ECDSA P-256) on one worker, at least 60%.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    for (label, lines, workers, goal) in [
        ("1c", 3, cores, "goal 100 %"), ("1d", 40, 1, "goal 60 %"),
    ] {
        let oursRate = metric("folder run (envelopes/s)")
        let bareOne = metric("bare verify, 1 thread (verifies/s)")
        let ratio = metric("folder run / bare verify (x0.01 %, \(goal))")
        Benchmark(
            "\(label) Folder: \(envelopeCount) DSSE (ECDSA P-256, \(lines) lines), read + verify + bcbs + record in batches, \(workers) worker(s)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, oursRate, bareOne, ratio], timeUnits: .milliseconds,
                units: exact([oursRate, bareOne, ratio]), warmupIterations: 0, maxDuration: .seconds(600),
                maxIterations: 3)
        ) { (benchmark: Benchmark, state: FolderState) throws in
            let (ours, bare) = try state.measure(benchmark, workers: workers)
            benchmark.measurement(oursRate, Int(ours))
            benchmark.measurement(bareOne, Int(bare))
            benchmark.measurement(ratio, hundredths(ours / bare))
        } setup: {
            try FolderState(count: envelopeCount, lines: lines)
        } teardown: {
            let tmp = NSTemporaryDirectory()
            for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
            where name.hasPrefix(folderRunPrefix) {
                try? FileManager.default.removeItem(atPath: tmp + name)
            }
        }
    }

    // 1b. Where the time of 1 goes, stage by stage (each timed alone; microseconds per envelope).
    let stageMetrics = [
        "bare verify", "open envelope", "decode payload", "signature check", "verify (all three)", "evaluate bcbs",
        "record",
    ]
    .map { metric("\($0) (us/envelope)", smaller: true) }
    Benchmark(
        "1b Verify end to end: time per stage",
        configuration: .init(
            metrics: stageMetrics, timeUnits: .milliseconds, units: exact(stageMetrics), warmupIterations: 0,
            maxDuration: .seconds(600), maxIterations: 1)
    ) { (benchmark: Benchmark, state: VerifyState) throws in
        let count = Double(state.corpus.envelopes.count)
        let bare = try seconds { try Workloads.bareVerify(state.corpus) }
        let (ledger, dir) = try Workloads.freshLedger("stages")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try StageTimings.measure(
            state.corpus, verifier: state.verifier, evaluator: state.evaluator, ledger: ledger)
        for (m, value) in zip(stageMetrics, [bare, t.open, t.decode, t.signature, t.verify, t.evaluate, t.record]) {
            benchmark.measurement(m, Int((value / count * 1e6).rounded()))
        }
    } setup: {
        let corpus = try BenchCorpus.make(count: min(envelopeCount, 5_000), coins: 100, lines: 40)
        return VerifyState(
            corpus: corpus, verifier: AttestationVerifier(store: try corpus.trustStore(), provider: OpenSSLProvider()))
    }

    // 2. One large attestation: 5,000 and 50,000 reserve lines, open + decode + signature + every rule.
    let largeTime = metric("50,000 lines: verify + rules (ms)", smaller: true)
    let smallTime = metric("5,000 lines: verify + rules (ms)", smaller: true)
    let growth = metric("time 50,000 / time 5,000 (x0.01)", smaller: true)
    let largeMemory = metric("50,000 lines: peak memory / file size (x0.01)", smaller: true)
    let smallMemory = metric("5,000 lines: peak memory / file size (x0.01)", smaller: true)
    let fileSize = metric("50,000 lines: file size (KB)", smaller: true)
    let foundationParse = metric("50,000 lines: JSONSerialization parse of the payload (ms)", smaller: true)
    Benchmark(
        "2 Large attestation: 5,000 and 50,000 reserve lines, verify + all rules",
        configuration: .init(
            metrics: [largeTime, smallTime, growth, largeMemory, smallMemory, fileSize, foundationParse],
            timeUnits: .milliseconds,
            units: exact([largeTime, smallTime, growth, largeMemory, smallMemory, fileSize, foundationParse]),
            warmupIterations: 1, maxDuration: .seconds(120), maxIterations: 5)
    ) { (benchmark: Benchmark, state: (LargeAttestation, LargeAttestation)) throws in
        let (small, large) = state
        var before = ResidentMemory.resetPeak()
        let s = try small.run()
        let smallPeak = ResidentMemory.peak() - before
        before = ResidentMemory.resetPeak()
        let l = try large.run()
        let largePeak = ResidentMemory.peak() - before
        benchmark.measurement(largeTime, Int((l.total * 1e3).rounded()))
        benchmark.measurement(smallTime, Int((s.total * 1e3).rounded()))
        benchmark.measurement(growth, hundredths(l.total / s.total) / 100)
        benchmark.measurement(largeMemory, hundredths(Double(largePeak) / Double(large.envelope.count)) / 100)
        benchmark.measurement(smallMemory, hundredths(Double(smallPeak) / Double(small.envelope.count)) / 100)
        benchmark.measurement(fileSize, large.envelope.count / 1000)
        let payload = try EnvelopeReader().open(large.envelope).payload
        let parse = try seconds { blackHole(try JSONSerialization.jsonObject(with: Data(payload))) }
        benchmark.measurement(foundationParse, Int((parse * 1e3).rounded()))
    } setup: {
        (try LargeAttestation.make(lines: 5_000), try LargeAttestation.make(lines: 50_000))
    }

    // 3. The ledger at scale: 1,000,000 evaluations for 500 coins, against the same coins at
    //    2,000 evaluations (baseline) and a fresh ledger (for the insert rate).
    let statusTime = metric("status at scale (ms)", smaller: true)
    let historyTime = metric("history of one coin at scale (ms)", smaller: true)
    let statusSeed = metric("status at 2,000 evaluations (ms)", smaller: true)
    let historySeed = metric("history at 2,000 evaluations (ms)", smaller: true)
    let insertScale = metric("record at scale (evaluations/s)")
    let insertFresh = metric("record into a fresh ledger (evaluations/s)")
    let insertRatio = metric("record at scale / fresh (x0.01 %)")
    let insertBatch = metric("record in batches of 256 into a fresh ledger (evaluations/s)")
    let ledgerSize = metric("ledger file (MB)", smaller: true)
    Benchmark(
        "3 Ledger at scale: \(scaleEvaluationsPerCoin * 500) evaluations for 500 coins: status, history, record",
        configuration: .init(
            metrics: [
                statusTime, historyTime, statusSeed, historySeed, insertScale, insertFresh, insertRatio, insertBatch,
                ledgerSize,
            ],
            timeUnits: .milliseconds,
            units: exact([
                statusTime, historyTime, statusSeed, historySeed, insertScale, insertFresh, insertRatio, insertBatch,
                ledgerSize,
            ]), warmupIterations: 1, maxDuration: .seconds(1200), maxIterations: scaleIterations)
    ) { (benchmark: Benchmark, state: ScaleState) throws in
        let queries = try ScaleLedger.queries(state.ledger, evaluations: state.scale.evaluations, runs: 3)
        let batch = state.batches[min(scaleIteration, state.batches.count - 1)]
        scaleIteration += 1
        let (fresh, dir) = try Workloads.freshLedger("fresh")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputs = try ScaleLedger.recordInputs(batch)
        let freshRate = try ScaleLedger.recordRate(inputs, into: fresh)
        let scaleRate = try ScaleLedger.recordRate(inputs, into: state.ledger)
        let (batched, batchDir) = try Workloads.freshLedger("fresh")
        defer { try? FileManager.default.removeItem(atPath: batchDir) }
        let batchRate = try ScaleLedger.batchRecordRate(inputs, into: batched)
        benchmark.measurement(statusTime, Int((queries.status * 1e3).rounded()))
        benchmark.measurement(historyTime, Int((queries.history * 1e3).rounded()))
        benchmark.measurement(statusSeed, Int((state.seedQueries.status * 1e3).rounded()))
        benchmark.measurement(historySeed, Int((state.seedQueries.history * 1e3).rounded()))
        benchmark.measurement(insertScale, Int(scaleRate))
        benchmark.measurement(insertFresh, Int(freshRate))
        benchmark.measurement(insertRatio, hundredths(scaleRate / freshRate))
        benchmark.measurement(insertBatch, Int(batchRate))
        benchmark.measurement(ledgerSize, state.scale.bytes / 1_000_000)
    } setup: {
        let scale: ScaleLedger
        let seedQueries: ScaleLedger.QueryTimings
        do {
            // The seed ledger closes at the end of this scope, before the copies are made.
            let (seeded, seedLedger) = try ScaleLedger.seed(coins: 500, perCoin: scaleEvaluationsPerCoin)
            seedQueries = try ScaleLedger.queries(seedLedger, evaluations: 500 * seeded.seedPerCoin)
            scale = seeded
        }
        try scale.grow()
        let ledger = try Ledger.open(path: scale.path, hasher: OpenSSLProvider())
        // 1,000 recordings per iteration (and the warm-up): two new sequences for each coin.
        let batches = try (0...scaleIterations).map { i in
            try BenchCorpus.make(
                count: 1_000, coins: 500, lines: 40, firstSequence: scaleEvaluationsPerCoin + 1 + 2 * i)
        }
        return ScaleState(scale: scale, ledger: ledger, seedQueries: seedQueries, batches: batches)
    } teardown: {
        // The ledger is gigabytes: remove every scale ledger this process made.
        let tmp = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
        where name.hasPrefix("reserve-bench-scale-") {
            try? FileManager.default.removeItem(atPath: tmp + name)
        }
    }
}
