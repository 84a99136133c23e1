import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify attestation envelopes (files or folders) and decide Group 1b eligibility.",
        discussion:
            """
            Folders are walked recursively in byte order (*.json, *.jws, *.dsse; X.json.sig beside X.json is its \
            detached signature).
            """
    )

    @Argument(help: "Envelope files, folders, or https:// URLs.", completion: .file())
    var paths: [String]

    @OptionGroup var trustStore: KeysOption
    var keys: String { trustStore.keys }

    @OptionGroup var profile: ProfileOption

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var limits: LimitOptions

    @OptionGroup var database: DatabaseOption

    @OptionGroup var bank: BankPositionOptions

    @Flag(help: "Do not record in the ledger (no history rules but STALE on the attestation itself).")
    var noRecord = false

    @OptionGroup var global: GlobalOptions
    var verbose: Bool { global.verbose }

    @OptionGroup var signing: SigningOptions

    @OptionGroup var records: VerifyRecordOptions

    @Flag(
        help:
            "With several inputs, print every input's findings after the summary table (one input always prints them).")
    var details = false

    @Option(
        help: ArgumentHelp(
            "Inputs read, verified and assessed at once (default: one per active core); the ledger has one writer.",
            valueName: "n"))
    var jobs: Int?

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file, folder or URL") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for path in paths where RemoteSource.isURL(path) {
            if let problem = RemoteSource.validate(path) { throw ValidationError(problem) }
        }
    }

    func run() async throws {
        let evaluatedAt = at ?? Clock.now()
        let store: TrustStore
        let trustFiles: TrustStoreFiles
        var recordKey: PrivateKey?
        // Inputs in the command line's order; a URL holds its place until it is fetched.
        var inputs: [InputFile] = []
        var remote: [Int] = []
        let (activeProfile, policyFile) = try profile.resolved()
        do {
            (store, trustFiles) = try TrustStoreLoader.read(keys)
            for path in paths {
                if RemoteSource.isURL(path) {
                    remote.append(inputs.count)
                    inputs.append(InputFile(path: path, signaturePath: nil))
                } else {
                    inputs += try Inputs.collect([path])
                }
            }
            _ = try signing.key()
            if records.recordOut != nil { recordKey = try records.record.key(fallback: signing.keyPath) }
        }
        // Each URL is fetched once, within the same size limit as a file.
        if !remote.isEmpty {
            var settings = JobFile.HTTPSettings()
            settings.maxBytes = limits.maxBytes
            let fetched = await RemoteSource.fetch(remote.map { inputs[$0].path }, settings: settings)
            for (index, contents) in zip(remote, fetched) { inputs[index].contents = contents }
        }
        let provider = OpenSSLProvider()
        let evaluator = Evaluator(profile: activeProfile, position: bank.position)
        let decodingLimits = limits.limits
        let pipeline = VerifyPipeline(store: store, provider: provider, evaluator: evaluator, limits: decodingLimits)
        let workers = Workers.count(jobs: jobs, items: inputs.count)
        let loaded = VerifyPipeline.load(inputs, limit: limits.maxBytes, hasher: provider, workers: workers)
        // The ledger first: when it saw each envelope before is the earliest proven signing time.
        // A ledger that does not exist yet is created only when there is something to record.
        var ledger: Ledger?
        var ledgerFailure: VerifierError?
        var firstSeen: [String: Timestamp] = [:]
        let ledgerExisted = FileManager.default.fileExists(atPath: database.path)
        func openLedger() {
            do {
                let opened = try database.open(create: true, hasher: provider, announce: !global.quiet)
                firstSeen = try opened.firstSeen(loaded.compactMap { $0.sight(hasher: provider) })
                if let policyFile, let policy = activeProfile.policy {
                    try opened.recordPolicy(policyFile, name: policy.name, at: evaluatedAt)
                }
                ledger = opened
            } catch {
                ledgerFailure = error
            }
        }
        if !noRecord && ledgerExisted { openLedger() }
        // A ledger that exists but cannot be written still has a history to judge against: what is
        // not recorded is judged with it (read-only), never more leniently than recording would.
        let progress = Progress(
            total: loaded.count,
            enabled: format == .text && !global.quiet && loaded.count > 100 && Console.stderrIsTerminal)
        let tool = "reserve-verifier \(ReserveVerifier.version)"
        // The one writer records in batches, one transaction each (group commit: a crash loses at
        // most the batch in hand, never part of one), each chunk of inputs as soon as the workers
        // have checked it, while they check the next. What cannot be recorded is still judged.
        var recorder = RunRecorder(
            pipeline: pipeline, ledger: ledger, failure: ledgerFailure, at: evaluatedAt, tool: tool)
        // Each further worker its own trust store, parsed from the same files (no key shared between cores).
        VerifyPipeline.run(
            loaded, at: evaluatedAt, firstSeen: firstSeen, workers: workers, prepareRecords: !noRecord,
            makeWorker: { worker in
                // The first worker (the only one with --jobs 1) uses the keys parsed above.
                guard worker > 0, let own = try? trustFiles.load() else { return pipeline }
                return VerifyPipeline(
                    store: own, provider: OpenSSLProvider(), evaluator: evaluator, limits: decodingLimits)
            }, advance: { progress.advance() },
            consume: { _, chunk in
                // A new ledger (no firstSeen to read before verifying) once something is to be recorded.
                if !noRecord && !ledgerExisted && ledger == nil && ledgerFailure == nil
                    && chunk.contains(where: { (try? $0.outcome.get()) != nil })
                {
                    openLedger()
                    recorder.ledger = ledger
                    recorder.failure = ledgerFailure
                }
                recorder.record(chunk)
            })
        progress.finish()
        let reader: Ledger? =
            noRecord ? nil : (ledger ?? (try? Ledger.openForReading(path: database.path, hasher: provider)))
        let run = recorder.finish(reader: reader)
        let results = run.results
        let recorded = run.recorded
        ledgerFailure = run.failure
        if let open = ledger, recorded, ledgerFailure == nil {
            do {
                try writeCheckpoint(open, at: evaluatedAt, tool: tool)
            } catch {
                ledgerFailure = error
            }
        }
        for result in results {
            if case .error(let error) = result.outcome {
                Console.err("\(result.source): ")
                Console.error(error, verbose: verbose)
            }
        }
        let recordsFailed =
            recordKey.map {
                !writeRecords(
                    results, key: $0, store: store, ledger: ledgerFailure == nil ? ledger : nil, at: evaluatedAt,
                    tool: tool)
            } ?? false
        let report = RunReport(
            tool: tool, evaluatedAt: evaluatedAt, profile: activeProfile.versionedName, results: results,
            ledgerPath: recorded && ledgerFailure == nil ? database.path : nil)
        switch format {
        case .json: Console.out(ReportRenderer.json(report))
        case .text: Console.out(ReportRenderer.text(report, style: .init(color: Console.useColor), details: details))
        }
        if let ledgerFailure {
            Console.err("the results above were not recorded: ")
            Console.error(ledgerFailure, verbose: verbose)
            throw ExitCode.notChecked
        }
        if recordsFailed { throw ExitCode.notChecked }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// A signed checkpoint of the chain head, kept in the ledger and, with --checkpoint-out,
    /// in a file outside it. Without a verifier key nothing is signed.
    private func writeCheckpoint(_ ledger: Ledger, at time: Timestamp, tool: String) throws(VerifierError) {
        guard let key = try signing.key() else { return }
        let envelope = try CheckpointWriter.write(ledger, key: key, at: time, tool: tool)
        if let out = signing.checkpointOut { try Files.writeAtomically(envelope, to: out) }
    }
}
