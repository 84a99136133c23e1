// bench-corpus: writes the benchmark corpus for the CLI and the Python peer, and runs one
// workload once for profiling (perf, callgrind). The package-benchmark suite is ReserveBenchmarks.
//
//   bench-corpus write DIR [--count 20000] [--coins 100] [--lines 40] [--ecdsa-only]
//   bench-corpus queries LEDGER [--runs 5] [--coin 250] [--fresh] [--history-only]
//                                                    one coin's history and status on a ledger
//   bench-corpus large FILE --lines 50000            one signed DSSE envelope with that many lines
//   bench-corpus decode direct|tree --lines L [--repeat R]
//                                                    decodes one payload of L lines R times (R = 0: only
//                                                    makes it), through AttestationDecoder (direct) or
//                                                    the JSONValue tree as before it (tree): for callgrind
//   bench-corpus profile bare|signature|e2e|verify-evaluate|verify-evaluate-2|stages|large|scale|record|reevaluate [--count N] [--lines L] [--repeat R]
//   bench-corpus profile reevaluate [--coins C] [--per-coin P] [--jobs J] [--page-loop] [--ledger PATH] [--repeat 0]
//                                                    reevaluate of a ledger of C x P real recordings (kept at
//                                                    PATH if given, reused when it exists), as the CLI runs it
//                                                    on J workers, or the page loop before it
//   bench-corpus profile folder [--count N] [--lines L] [--ecdsa-only] [--jobs J] [--repeat R] [--no-record]
//                                                    verify's loop on a folder written first (read, hash,
//                                                    verify, assess on J workers, record in batches),
//                                                    against one-thread bare verify of the same signatures
//                                                    (--repeat 0: only writes the folder: for callgrind)
import BenchmarkFixtures
import Foundation
import ReserveCore
import ReserveCrypto
import ReservePipeline
import ReserveStore

func option(_ name: String, _ fallback: Int) -> Int {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let value = Int(args[i + 1]) else { return fallback }
    return value
}

/// The flag is on the command line.
func flag(_ name: String) -> Bool { CommandLine.arguments.contains(name) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    fail(
        "usage: bench-corpus write DIR [--count N] [--coins C] [--lines L] | large FILE --lines N | profile WORKLOAD [--count N] [--lines L]"
    )
}

do {
    switch args[1] {
    case "write":
        let count = option("--count", 20_000)
        var corpus: BenchCorpus?
        let made = try seconds {
            corpus = try BenchCorpus.make(
                count: count, coins: option("--coins", 100), lines: option("--lines", 40),
                ed25519: !flag("--ecdsa-only"))
        }
        try corpus!.write(to: args[2])
        print(
            "wrote \(count) envelopes to \(args[2])/envelopes and the trust store to \(args[2])/keys (signed in \(String(format: "%.1f", made)) s)"
        )

    case "queries":
        // One coin's history and status on an existing ledger (opening it migrates it), --runs
        // times each (5; 0 only opens: a callgrind baseline), coin --coin (250). --fresh: each run
        // on a new read-only connection (Ledger.openForReading, as a CLI process opens it: SQLite's
        // page cache empty, the OS's as it is), opened outside the timing. --history-only: no status.
        let path = args[2]
        var opened: Ledger?
        let openTime = try seconds { opened = try Ledger.open(path: path, hasher: OpenSSLProvider()) }
        let ledger = opened!
        let open: () throws -> Ledger =
            flag("--fresh") ? { try Ledger.openForReading(path: path, hasher: OpenSSLProvider()) } : { ledger }
        let runs = option("--runs", 5)
        let coin = option("--coin", 250)
        let history = try ScaleLedger.historyRuns(runs, coin: coin, open: open)
        print(
            String(format: "opened in %.1f s; history of coin %d: %d rows, ", openTime, coin, history.rows)
                + ScaleLedger.summary(history.seconds))
        if !flag("--history-only") {
            let status = try ScaleLedger.statusRuns(runs, open: open)
            print("status: \(status.rows) coins, " + ScaleLedger.summary(status.seconds))
        }

    case "large":
        let envelope = try LargeAttestation.envelope(lines: option("--lines", 50_000))
        try Data(envelope).write(to: URL(fileURLWithPath: args[2]))
        print("wrote \(envelope.count) bytes to \(args[2])")

    case "decode":
        // Instructions per decode under callgrind: (Ir at --repeat R) - (Ir at --repeat 0), over R.
        let payload = PayloadFactory.payload(
            issuer: BenchCorpus.issuer(coin: 0), token: BenchCorpus.token(coin: 0), sequence: 1,
            lines: option("--lines", 40))
        let decoder = AttestationDecoder()
        var lines = 0
        for _ in 0..<option("--repeat", 1) {
            switch args[2] {
            case "direct": lines += try decoder.decode(payload).reserves.count
            case "tree":
                guard case .success(let a) = decoder.decodeAll(try JSONParser().parse(payload)) else {
                    fail("decode: the payload has problems")
                }
                lines += a.reserves.count
            default: fail("unknown decoder \(args[2])")
            }
        }
        print("decoded \(lines) reserve lines from \(payload.count) bytes")

    case "profile":
        let count = option("--count", 20_000)
        let lines = option("--lines", 40)
        let verifier: AttestationVerifier
        let evaluator = Evaluator(profile: .bcbs)
        switch args[2] {
        case "scale":
            let coins = option("--coins", 500)
            let perCoin = option("--per-coin", 2000)
            var scale: ScaleLedger!
            var seedLedger: Ledger!
            let seeded = try seconds { (scale, seedLedger) = try ScaleLedger.seed(coins: coins, perCoin: perCoin) }
            print(
                String(format: "seeded in %.1f s", seeded),
                try ScaleLedger.queries(seedLedger, evaluations: coins * scale.seedPerCoin))
            seedLedger = nil
            let grown = try seconds { try scale.grow() }
            print(
                String(
                    format: "grown to %d evaluations in %.1f s, %.2f GB", scale.evaluations, grown,
                    Double(scale.bytes) / 1e9))
            let ledger = try Ledger.open(path: scale.path, hasher: OpenSSLProvider())
            if option("--verify-chain", 0) != 0 {
                var report: ChainReport!
                let walked = try seconds { report = try ledger.verifyChain() }
                print(
                    String(format: "ledger verify: %d rows in %.1f s, ", report.rows, walked)
                        + (report.broken.map { "broken at evaluation \($0.id): \($0.reason)" } ?? "intact"))
            }
            defer { if option("--keep", 0) == 0 { scale.remove() } }
            if option("--keep", 0) != 0 { print("kept: \(scale.path)") }
            print(try ScaleLedger.queries(ledger, evaluations: scale.evaluations))
            // --batch 0: no recording (the kept ledger stays as grown).
            if option("--batch", 2000) > 0 {
                let batch = try BenchCorpus.make(
                    count: option("--batch", 2000), coins: coins, lines: lines, firstSequence: perCoin + 1)
                let (fresh, freshDir) = try Workloads.freshLedger("fresh")
                defer { try? FileManager.default.removeItem(atPath: freshDir) }
                let inputs = try ScaleLedger.recordInputs(batch)
                let freshRate = try ScaleLedger.recordRate(inputs, into: fresh)
                let scaleRate = try ScaleLedger.recordRate(inputs, into: ledger)
                print(
                    String(
                        format: "record: %.0f /s into a fresh ledger, %.0f /s into the %d-evaluation ledger",
                        freshRate, scaleRate, scale.evaluations))
            }
        case "reevaluate":
            // `reevaluate` of a ledger of --coins x --per-coin evaluations (every attestation
            // accepted). By default as the CLI runs it (`VerifyPipeline.reevaluate`): pages of 256
            // read, re-checked, assessed and drafted on --jobs workers (default 1: everything on this
            // thread, for callgrind), each page recorded in one transaction by this thread while the
            // workers check the next. --page-loop: the loop before it (one thread, a page re-checked,
            // then recorded without drafts). --repeat 0 stops after building the ledger.
            // --ledger PATH: re-evaluate that ledger, or build it there (recorded in batches of 256 by
            // `verify`'s folder path on every core) and keep it; every run appends one evaluation per
            // accepted attestation.
            let coins = option("--coins", 500)
            let perCoin = option("--per-coin", 40)
            let keep = CommandLine.arguments.firstIndex(of: "--ledger").map { args[$0 + 1] }
            var scale: ScaleLedger?
            if let keep {
                if !FileManager.default.fileExists(atPath: keep) {
                    var recorded = 0
                    let built = try seconds {
                        recorded = try ReevaluationLedger.build(at: keep, coins: coins, perCoin: perCoin)
                    }
                    print(String(format: "built %@: %d evaluations in %.1f s", keep, recorded, built))
                }
            } else {
                // Every attestation signed and recorded (no SQL copies: a copy's envelope is its seed's, which
                // a re-check would judge as the seed, not as the copied row). The seeding ledger's connection
                // is dropped at once (only its file is kept).
                scale = try ScaleLedger.seed(coins: coins, perCoin: perCoin, seedPerCoin: perCoin).0
                print(String(format: "recorded %d evaluations", scale!.evaluations))
            }
            defer { scale?.remove() }
            let ledger = try Ledger.open(path: keep ?? scale!.path, hasher: OpenSSLProvider())
            let keys = try BenchCorpus.make(count: 1, coins: coins, lines: 3)
            let verifier = AttestationVerifier(store: try keys.trustStore(), provider: OpenSSLProvider())
            let evaluator = Evaluator(profile: .hkma)
            let at = PayloadFactory.evaluatedAt
            var (count, after) = (0, Int64(0))
            var (read, check, record) = (0.0, 0.0, 0.0)
            let (cpu0, thread0) = (CPUTime.process, CPUTime.thread)
            let total = try seconds {
                guard option("--repeat", 1) > 0 else { return }
                if !flag("--page-loop") {
                    let pipeline = VerifyPipeline(verifier: verifier, evaluator: evaluator)
                    try pipeline.reevaluate(
                        ledger, at: at, tool: Workloads.toolVersion, workers: option("--jobs", 1),
                        makeWorker: { worker in
                            // Each further worker its own keys, as the CLI's.
                            guard worker > 0, let own = try? keys.trustStore() else { return pipeline }
                            return VerifyPipeline(
                                verifier: AttestationVerifier(store: own, provider: OpenSSLProvider()),
                                evaluator: evaluator)
                        }, consume: { page in count += page.count })
                    return
                }
                while true {
                    var page: [StoredEnvelope] = []
                    read += try seconds {
                        page = try ledger.acceptedEnvelopes(after: after, limit: Ledger.reevaluationPage)
                    }
                    guard let last = page.last else { break }
                    after = last.attestationRef
                    var assessments: [Assessment] = []
                    check += try seconds {
                        assessments = try page.map { s in
                            evaluator.assess(
                                try verifier.verify(
                                    s.envelope, detachedSignature: s.detachedSignature,
                                    timestampToken: s.timestampToken,
                                    at: at, firstSeen: s.firstSeen), at: at)
                        }
                    }
                    let items = zip(page, assessments).map {
                        ReevaluationItem(attestationRef: $0.attestationRef, verified: $1.verified)
                    }
                    record += try seconds {
                        _ = try ledger.reevaluate(batch: items, evaluatedAt: at, toolVersion: Workloads.toolVersion) {
                            k, history in evaluator.decide(assessments[k], history: history)
                        }
                    }
                    count += page.count
                }
            }
            let (cpu, writer) = (CPUTime.process - cpu0, CPUTime.thread - thread0)
            print(
                String(
                    format:
                        "reevaluate %d evaluations (%@, %d jobs) in %.1f s: %.0f /s; CPU %.1f s, of which this (the writer's) thread %.1f s%@",
                    count, flag("--page-loop") ? "page loop" : "pipeline",
                    flag("--page-loop") ? 1 : option("--jobs", 1),
                    total, Double(count) / total, cpu, writer,
                    flag("--page-loop")
                        ? String(format: " (read %.1f s, verify+assess %.1f s, record %.1f s)", read, check, record)
                        : ""))
        case "record":
            // Recording only (verified and evaluated beforehand), into fresh ledgers: one
            // transaction per attestation, then batches of --batch (256) per transaction.
            // --drafts: each record's draft prepared beforehand too, as `verify`'s workers do, so
            // only the writer's share is timed.
            let batch = try BenchCorpus.make(count: count, coins: option("--coins", 100), lines: lines)
            let inputs = try ScaleLedger.recordInputs(batch, drafts: flag("--drafts"))
            let (one, oneDir) = try Workloads.freshLedger("record")
            let (many, manyDir) = try Workloads.freshLedger("record")
            defer { for dir in [oneDir, manyDir] { try? FileManager.default.removeItem(atPath: dir) } }
            let single = try ScaleLedger.recordRate(inputs, into: one)
            let batched = try ScaleLedger.batchRecordRate(inputs, into: many, batch: option("--batch", 256))
            print(
                String(
                    format:
                        "record %d attestations of %d lines%@: %.0f /s one per transaction, %.0f /s in batches of %d (%.2fx)",
                    count, lines, flag("--drafts") ? " (drafts prepared beforehand)" : "", single, batched,
                    option("--batch", 256), batched / single))
        case "folder":
            // The goals' first two figures: verify + evaluate + record from a folder on --jobs
            // workers, as a ratio of the one-thread bare verify rate of the same signatures.
            let corpus = try BenchCorpus.make(
                count: count, coins: option("--coins", 100), lines: lines, ed25519: !flag("--ecdsa-only"))
            let dir = NSTemporaryDirectory() + "reserve-bench-folder-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try corpus.write(to: dir)
            let jobs = option("--jobs", ProcessInfo.processInfo.activeProcessorCount)
            for _ in 0..<option("--repeat", 1) {
                let bare = try seconds { try Workloads.bareVerify(corpus) }
                let ledgerPath = dir + "/ledger.sqlite"
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledgerPath + suffix) }
                let ledger = flag("--no-record") ? nil : try Ledger.open(path: ledgerPath, hasher: OpenSSLProvider())
                var result: FolderRun.Result!
                let ours = try seconds {
                    result = try FolderRun.run(
                        folder: dir + "/envelopes", keys: dir + "/keys", workers: jobs, ledger: ledger)
                }
                guard result.inputs == count, result.trusted == count else {
                    fail("folder: \(result.trusted) of \(count) envelopes were trusted")
                }
                print(
                    String(
                        format:
                            "folder: %d envelopes of %d lines (%@), %d jobs%@: %.3f s, %.0f /s; bare verify, 1 thread: %.3f s, %.0f /s; ratio %.3f",
                        count, lines, flag("--ecdsa-only") ? "ECDSA P-256" : "P-256 + Ed25519", jobs,
                        flag("--no-record") ? ", no recording" : "", ours, Double(count) / ours, bare,
                        Double(count) / bare, bare / ours))
            }
        case "large":
            let large = try LargeAttestation.make(lines: option("--lines", 50_000))
            let peakBefore = ResidentMemory.resetPeak()
            let t = try large.run()
            let peak = ResidentMemory.peak() - peakBefore
            let b = try large.breakdown()
            print(
                String(
                    format:
                        "large %d lines, %d bytes: %.3f s (verify %.3f: open %.3f, decode %.3f, signature %.3f; rules %.3f), peak +%.1f MB (%.2fx file), %d findings, eligible %@",
                    option("--lines", 50_000), large.envelope.count, t.total, t.verify, b.open, b.decode, b.signature,
                    t.rules,
                    Double(peak) / 1e6, Double(peak) / Double(large.envelope.count), t.findings,
                    t.eligible ? "yes" : "no"))
        default:
            let corpus = try BenchCorpus.make(count: count, coins: option("--coins", 100), lines: lines)
            verifier = AttestationVerifier(store: try corpus.trustStore(), provider: OpenSSLProvider())
            var elapsed = 0.0
            for _ in 0..<option("--repeat", 1) {
                switch args[2] {
                case "bare":
                    elapsed = try seconds { try Workloads.bareVerify(corpus) }
                case "signature":
                    // SignatureChecker alone in a tight loop, on envelopes opened and decoded before.
                    let opened = try corpus.envelopes.map { e in
                        let envelope = try EnvelopeReader().open(e.bytes)
                        return (envelope, try AttestationDecoder().decode(envelope.payload))
                    }
                    let checker = SignatureChecker(store: verifier.store)
                    let proof = SigningTimeProof(time: corpus.evaluatedAt, source: .evaluation)
                    elapsed = try seconds {
                        for (e, a) in opened {
                            _ = try checker.check(e, issuer: a.issuer.id, signingTime: proof, issuedAt: a.issuedAt)
                        }
                    }
                case "verify-evaluate-2":
                    // The same on two threads (DispatchQueue.concurrentPerform), sharing the verifier.
                    let envelopes = corpus.envelopes
                    let at = corpus.evaluatedAt
                    elapsed = seconds {
                        DispatchQueue.concurrentPerform(iterations: 2) { half in
                            for i in stride(from: half, to: envelopes.count, by: 2) {
                                if let verified = try? verifier.verify(envelopes[i].bytes, at: at) {
                                    _ = evaluator.evaluate(verified, history: .unrecorded, at: at)
                                }
                            }
                        }
                    }
                case "verify-evaluate":
                    elapsed = try seconds {
                        try Workloads.verifyEvaluate(corpus, verifier: verifier, evaluator: evaluator)
                    }
                case "stages":
                    let (ledger, dir) = try Workloads.freshLedger("profile")
                    defer { try? FileManager.default.removeItem(atPath: dir) }
                    var stages = StageTimings()
                    elapsed = try seconds {
                        stages = try StageTimings.measure(
                            corpus, verifier: verifier, evaluator: evaluator, ledger: ledger)
                    }
                    print(stages)
                case "e2e":
                    let (ledger, dir) = try Workloads.freshLedger("profile")
                    defer { try? FileManager.default.removeItem(atPath: dir) }
                    var trusted = 0
                    elapsed = try seconds {
                        trusted = try Workloads.endToEnd(
                            corpus, verifier: verifier, evaluator: evaluator, ledger: ledger)
                    }
                    guard trusted == count else {
                        fail("e2e: only \(trusted) of \(count) envelopes were recorded as trusted")
                    }
                default:
                    fail("unknown workload \(args[2])")
                }
            }
            print(
                String(
                    format: "%@: %d envelopes in %.3f s: %.0f /s (last of %d runs)", args[2], count, elapsed,
                    Double(count) / elapsed, option("--repeat", 1)))
        }

    default:
        fail("unknown command \(args[1])")
    }
} catch {
    fail("bench-corpus: \(error)")
}
