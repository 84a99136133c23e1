import ArgumentParser
import Foundation
import Logging
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run a scheduled verification job: fetch what is new, verify, record, alert on changes of state.",
        discussion: """
            Paths in the job file are relative to the job file's folder. With --once, one round runs and the \
            command exits (cron, systemd timers, Kubernetes CronJobs); otherwise rounds repeat every --interval \
            until SIGTERM or SIGINT, which cancel fetches and deliveries in flight and finish at most the \
            database transaction in hand. Exit 0 after clean rounds; 1 with --once when a source, an input or \
            a delivery failed in the round; 2 when the job could not run (bad job file, ledger or trust store \
            failure).
            """)

    @Option(help: "The job file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var config: String

    @Flag(help: "Run one round and exit.")
    var once = false

    @Option(help: "Time between rounds: e.g. 30s, 15m, 1h; from 1s to 31 days (default 15m).")
    var interval: String = "15m"

    @Option(help: "Write Prometheus metrics here after each round (overrides the job file).", completion: .file())
    var metricsFile: String?

    @Option(
        name: .customLong("db"), help: "The ledger (overrides the job file and RESERVE_VERIFIER_DB).",
        completion: .file())
    var db: String?

    @OptionGroup var signing: SigningOptions

    @Option(help: "Pin the clock to this RFC 3339 UTC time (for tests and replays of a past round).")
    var at: Timestamp?

    @Option(help: "Log format on stderr: text, logfmt or json.")
    var logFormat: LogFormat = .text

    @Option(
        help:
            """
            Least severe log level written: debug, info, notice, warning or error (default: info; warning with \
            --quiet, debug with --verbose).
            """
    )
    var logLevel: String?

    /// --log-level, else what --quiet or --verbose imply, else info.
    var level: String { logLevel ?? (global.quiet ? "warning" : global.verbose ? "debug" : "info") }

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard Logger.Level(rawValue: level) != nil, !["trace", "critical"].contains(level) else {
            throw ValidationError("--log-level must be one of debug, info, notice, warning, error")
        }
        guard Self.seconds(interval) != nil else {
            throw ValidationError(
                "--interval must look like 30s, 15m or 1h, from 1s to 31 days (\(Self.maxInterval) s)")
        }
    }

    /// The longest --interval: 31 days.
    static let maxInterval: UInt64 = 31 * 86_400

    /// Seconds, or nil when the text is not a number with a unit or lies outside 1 s ... 31 days.
    static func seconds(_ text: String) -> UInt64? {
        guard let unit = text.last, text.count <= 20, let number = UInt64(text.dropLast()), number > 0 else {
            return nil
        }
        let scale: UInt64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        default: return nil
        }
        let (total, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow, total <= maxInterval else { return nil }
        return total
    }

    func run() async throws {
        // A command sink that exits without reading its input must not kill `watch` with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let stop = StopFlag()
        let sources = installSignalHandlers(stop)
        defer { for source in sources { source.cancel() } }
        let format = logFormat
        let level = Logger.Level(rawValue: level) ?? .info
        let logger = Logger(
            label: "reserve-verifier.watch",
            factory: { _ in
                WatchLogHandler(
                    format: format,
                    level: level)
            })
        let runner: WatchRunner
        let signingKey: PrivateKey?
        let pinned = at
        do {
            signingKey = try signing.key()
            let bytes = try Files.read(config, limit: ReaderLimits.jobFile.maxFileBytes)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw VerifierError(.invalidConfiguration, "\(config) is not UTF-8 text")
            }
            let job = try JobFile.decode(text, file: config)
            let base = (config as NSString).deletingLastPathComponent
            let ledgerPath =
                db ?? ProcessInfo.processInfo.environment["RESERVE_VERIFIER_DB"].flatMap { $0.isEmpty ? nil : $0 }
            runner = try WatchRunner(
                job: job, base: base.isEmpty ? "." : base, ledgerPath: ledgerPath,
                metricsPath: metricsFile, stop: stop, toolVersion: ReserveVerifier.version, logger: logger,
                clock: { pinned ?? Clock.now() })
        }
        let once = once
        let pause = Self.seconds(interval) ?? 900
        // The rounds run in a task of their own, which a signal cancels: fetches and deliveries in
        // flight stop, the sleep between rounds ends.
        let rounds = Task { () -> Int32 in
            var code: Int32 = 0
            while !stop.isSet {
                do {
                    let summary = try await runner.runRound()
                    // Each round that recorded signs a checkpoint of the chain (with the verifier's key).
                    if summary.recorded > 0, let key = signingKey {
                        let envelope = try CheckpointWriter.write(
                            runner.ledger, key: key, at: pinned ?? Clock.now(),
                            tool: "reserve-verifier \(ReserveVerifier.version)")
                        if let out = signing.checkpointOut { try Files.writeAtomically(envelope, to: out) }
                    }
                    logger.info(
                        "\(summary.line)",
                        metadata: [
                            "verified": "\(summary.verified)", "recorded": "\(summary.recorded)",
                            "failures": "\(summary.failures)",
                            "alertsRaised": "\(summary.alertsQueued)", "alertsDelivered": "\(summary.alertsDelivered)",
                            "alertsPending": "\(summary.alertsPending)",
                            "deliveryFailures": "\(summary.deliveryFailures)",
                        ])
                    if once && summary.hadFailures { code = 1 }
                } catch let error as VerifierError {
                    // With --once the root command reports it and exits 2; a repeating watch logs it,
                    // goes on with the next round, and exits 2 when stopped.
                    if once { throw error }
                    Console.error(error)
                    code = ExitCode.notChecked.rawValue
                } catch {
                    Console.err("error: \(error)\n")
                    code = ExitCode.notChecked.rawValue
                    if once { break }
                }
                if once || stop.isSet { break }
                try? await Task.sleep(nanoseconds: pause * 1_000_000_000)
            }
            return code
        }
        stop.onSet { rounds.cancel() }
        let outcome = await rounds.result
        await runner.shutdown()
        let code = try outcome.get()
        if code != 0 { throw ExitCode(code) }
    }

    private func installSignalHandlers(_ stop: StopFlag) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Console.err("signal \(signalNumber): cancelling fetches and deliveries in flight, then stopping\n")
                stop.set()
            }
            source.resume()
            return source
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
