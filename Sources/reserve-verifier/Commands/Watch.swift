import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveIO

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scheduled verification job: fetch what is new, verify, record, alert on changes of state.",
        discussion: """
            Paths in the job file are relative to the job file's folder. With --once, one round runs and the \
            command exits (cron, systemd timers, Kubernetes CronJobs); otherwise rounds repeat every --interval \
            until SIGTERM or SIGINT, which finish the attestation in hand first. Exit 0 after a clean round, 2 \
            when the job could not run (bad job file, ledger or trust store failure).
            """)

    @Option(help: "The job file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var config: String

    @Flag(help: "Run one round and exit.")
    var once = false

    @Option(help: "Time between rounds: e.g. 30s, 15m, 1h (default 15m).")
    var interval: String = "15m"

    @Option(help: "Write Prometheus metrics here after each round (overrides the job file).", completion: .file())
    var metricsFile: String?

    @Option(name: .customLong("db"), help: "The ledger (overrides the job file and RESERVE_VERIFIER_DB).", completion: .file())
    var db: String?

    @Option(help: "Pin the clock to this RFC 3339 UTC time (for tests and replays of a past round).")
    var at: Timestamp?

    func validate() throws {
        guard Self.seconds(interval) != nil else { throw ValidationError("--interval must look like 30s, 15m or 1h (at least 1s)") }
    }

    static func seconds(_ text: String) -> UInt64? {
        guard let unit = text.last, let number = UInt64(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        default: return nil
        }
    }

    func run() async throws {
        let stop = StopFlag()
        let sources = installSignalHandlers(stop)
        defer { sources.forEach { $0.cancel() } }
        let runner: WatchRunner
        do throws(VerifierError) {
            let bytes = try Files.read(config, limit: 1 << 20)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw VerifierError(.invalidConfiguration, "\(config) is not UTF-8 text")
            }
            let job = try JobFile.decode(text, file: config)
            let base = (config as NSString).deletingLastPathComponent
            let ledgerPath = db ?? ProcessInfo.processInfo.environment["RESERVE_VERIFIER_DB"].flatMap { $0.isEmpty ? nil : $0 }
            let pinned = at
            runner = try WatchRunner(job: job, base: base.isEmpty ? "." : base, ledgerPath: ledgerPath, metricsPath: metricsFile, stop: stop,
                                     clock: { pinned ?? Clock.now() })
        } catch {
            Console.error(error)
            throw ExitCode(2)
        }
        var failed = false
        while !stop.isSet {
            do {
                let summary = try await runner.runRound()
                Console.err(summary.line + "\n")
            } catch let error as VerifierError {
                Console.error(error)
                failed = true
                if once { break }
            } catch {
                Console.err("error: \(error)\n")
                failed = true
                if once { break }
            }
            if once || stop.isSet { break }
            // Sleep in short steps so that a signal ends the wait promptly.
            let total = (Self.seconds(interval) ?? 900) * 10
            for _ in 0..<total where !stop.isSet { try? await Task.sleep(nanoseconds: 100_000_000) }
        }
        await runner.shutdown()
        if failed { throw ExitCode(2) }
    }

    private func installSignalHandlers(_ stop: StopFlag) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Console.err("signal \(signalNumber): finishing the attestation in hand, then stopping\n")
                stop.set()
            }
            source.resume()
            return source
        }
    }
}
