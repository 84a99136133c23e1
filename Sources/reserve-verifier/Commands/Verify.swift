import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveIO
import ReserveCrypto
import ReserveStore

/// Options shared by the commands that read attestations.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file or decoded payload, in bytes.")
    var maxBytes: Int = DecodingLimits.default.maxBytes

    @Option(help: "Most reserve lines in one attestation.")
    var maxReserveLines: Int = DecodingLimits.default.maxReserveLines

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
        guard maxReserveLines > 0 else { throw ValidationError("--max-reserve-lines must be positive") }
    }

    var limits: DecodingLimits {
        var l = DecodingLimits()
        l.maxBytes = maxBytes
        l.maxReserveLines = maxReserveLines
        return l
    }
}

struct ProfileOption: ParsableArguments {
    @Option(help: "Rule profile: \(Profile.all.map(\.name).joined(separator: ", ")). Default: $RESERVE_VERIFIER_PROFILE, else the configuration file's profile, else bcbs.")
    var profile: ProfileName?

    func validate() throws {
        // The option is checked as it is parsed; the environment's value here.
        if profile == nil, Profile.named(Environment.profile) == nil {
            throw ValidationError("unknown profile '\(Environment.profile)' in RESERVE_VERIFIER_PROFILE (use \(Profile.all.map(\.name).joined(separator: ", ")))")
        }
    }

    /// The profile's name, e.g. `bcbs`.
    var name: String { value.name }

    @Option(help: "The bank's own policy file (bank-policy/1): accepted regimes, approved parties, network assessments, calibrations. Default: $RESERVE_VERIFIER_POLICY, else the configuration file's policy.",
            completion: .file())
    var policy: String?

    /// The named profile, without the bank's policy.
    var value: Profile { profile?.profile ?? Profile.named(Environment.profile) ?? .bcbs }

    var policyPath: String? {
        policy ?? Environment.policy
    }

    /// The profile with the bank's policy applied, when one is given (its identity, name and
    /// SHA-256 of the file, then names every verdict's profile), and the policy file's bytes.
    func resolved() throws(VerifierError) -> (profile: Profile, policyFile: [UInt8]?) {
        guard let path = policyPath else { return (value, nil) }
        let bytes = try Files.read(path, limit: 1 << 20)
        let policy: BankPolicy
        do {
            policy = try BankPolicy.decode(bytes, sha256: OpenSSLProvider().sha256(bytes).hex)
        } catch {
            throw VerifierError(error.code, "\(path): \(error.message)", detail: error.detail)
        }
        return (value.applying(policy), bytes)
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify attestation envelopes (files or folders) and decide Group 1b eligibility.",
        discussion: "Folders are walked recursively in byte order (*.json, *.jws, *.dsse; X.json.sig beside X.json is its detached signature).")

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

    @Flag(help: "With several inputs, print every input's findings after the summary table (one input always prints them).")
    var details = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file, folder or URL") }
        for path in paths where RemoteSource.isURL(path) {
            if let problem = RemoteSource.validate(path) { throw ValidationError(problem) }
        }
    }

    func run() async throws {
        let evaluatedAt = at ?? Clock.now()
        let store: TrustStore
        var recordKey: PrivateKey?
        // Inputs in the command line's order; a URL holds its place until it is fetched.
        var inputs: [InputFile] = []
        var remote: [Int] = []
        let (activeProfile, policyFile) = try profile.resolved()
        do {
            store = try TrustStoreLoader.load(keys)
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
        let loaded = VerifyPipeline.load(inputs, limit: limits.maxBytes, hasher: provider)
        // The ledger first: when it saw each envelope before is the earliest proven signing time.
        var ledger: Ledger?
        var ledgerFailure: VerifierError?
        var firstSeen: [String: Timestamp] = [:]
        if !noRecord {
            do {
                let opened = try database.open(create: true, hasher: provider, announce: !global.quiet)
                firstSeen = try opened.firstSeen(envelopeSHA256: loaded.compactMap(\.sha256))
                if let policyFile, let policy = activeProfile.policy {
                    try opened.recordPolicy(policyFile, name: policy.name, at: evaluatedAt)
                }
                ledger = opened
            } catch {
                ledgerFailure = error
            }
        }
        // A ledger that exists but cannot be written still has a history to judge against: what is
        // not recorded is judged with it (read-only), never more leniently than recording would.
        let reader: Ledger? = noRecord ? nil : (ledger ?? (try? Ledger.openForReading(path: database.path, hasher: provider)))
        let verifier = AttestationVerifier(store: store, provider: provider, limits: limits.limits)
        let evaluator = Evaluator(profile: activeProfile, position: bank.position)
        let progress = Progress(total: loaded.count, enabled: format == .text && !global.quiet && loaded.count > 100 && Console.stderrIsTerminal)
        let checked = await VerifyPipeline.run(loaded, verifier: verifier, evaluator: evaluator, at: evaluatedAt,
                                               firstSeen: firstSeen, progress: progress)
        progress.finish()
        let tool = "reserve-verifier \(ReserveVerifier.version)"
        // Recorded in batches, one transaction each (group commit): a crash loses at most the batch
        // in hand, never part of one. What cannot be recorded is still judged, without history.
        var reports = [AttestationReport?](repeating: nil, count: checked.count)
        var recorded = false
        let assessed = checked.indices.compactMap { i -> (Int, Assessment)? in
            guard case .success(let assessment) = checked[i].outcome else { return nil }
            return (i, assessment)
        }
        for batch in stride(from: 0, to: assessed.count, by: Self.recordBatch).map({ assessed[$0..<min($0 + Self.recordBatch, assessed.count)] }) {
            guard let open = ledger, ledgerFailure == nil else { break }
            let items = batch.map { i, assessment in
                RecordItem(source: checked[i].source, envelope: checked[i].envelope, detachedSignature: checked[i].detachedSignature,
                           timestampToken: checked[i].timestampToken, verified: assessment.verified, evaluatedAt: evaluatedAt,
                           toolVersion: tool)
            }
            let assessments = batch.map(\.1)
            do {
                let outcomes = try open.record(batch: items) { k, history in evaluator.decide(assessments[k], history: history) }
                recorded = true
                for ((i, assessment), outcome) in zip(batch, outcomes) {
                    let note = outcome.recorded
                        ? (outcome.accepted ? "recorded" : "recorded as evidence; not the coin's latest state")
                        : "already recorded: judged again against the coin's history"
                    reports[i] = AttestationReport(
                        source: checked[i].source, outcome: .checked(assessment.verified, outcome.evaluation),
                        ledger: ["recorded": .bool(outcome.recorded), "accepted": .bool(outcome.accepted), "note": .string(note),
                                 "rowHash": .string(outcome.rowHash)])
                }
            } catch {
                // The results still print; failing to record is an error of its own (exit 2).
                ledgerFailure = error
            }
        }
        let results = checked.indices.map { i -> AttestationReport in
            if let report = reports[i] { return report }
            switch checked[i].outcome {
            case .failure(let error): return AttestationReport(source: checked[i].source, outcome: .error(error))
            case .success(let assessment):
                let history = reader.flatMap { try? $0.history(for: assessment.verified) } ?? .unrecorded
                return AttestationReport(source: checked[i].source,
                                         outcome: .checked(assessment.verified, evaluator.decide(assessment, history: history)))
            }
        }
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
        let recordsFailed = recordKey.map {
            !writeRecords(results, key: $0, store: store, ledger: ledgerFailure == nil ? ledger : nil, at: evaluatedAt,
                          tool: tool)
        } ?? false
        let report = RunReport(tool: tool, evaluatedAt: evaluatedAt, profile: activeProfile.versionedName, results: results,
                               ledgerPath: recorded && ledgerFailure == nil ? database.path : nil)
        switch format {
        case .json: Console.out(ReportRenderer.json(report))
        case .text: Console.out(ReportRenderer.text(report, style: .init(color: Console.useColor), details: details))
        }
        if let ledgerFailure {
            Console.err("the results above were not recorded: ")
            Console.error(ledgerFailure, verbose: verbose)
            throw ExitCode(2)
        }
        if recordsFailed { throw ExitCode(2) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Attestations recorded per transaction.
    static let recordBatch = 256

    /// A signed checkpoint of the chain head, kept in the ledger and, with --checkpoint-out,
    /// in a file outside it. Without a verifier key nothing is signed.
    private func writeCheckpoint(_ ledger: Ledger, at time: Timestamp, tool: String) throws(VerifierError) {
        guard let key = try signing.key() else { return }
        let envelope = try CheckpointWriter.write(ledger, key: key, at: time, tool: tool)
        if let out = signing.checkpointOut { try Files.writeAtomically(envelope, to: out) }
    }
}

/// One input read, hashed and checked: its assessment (or why it could not be checked), with
/// the bytes the ledger stores.
struct CheckedInput: Sendable {
    var source: String
    var outcome: Result<Assessment, VerifierError>
    var envelope: [UInt8]
    var detachedSignature: [UInt8]?
    /// The `.tsr` beside the input, as read (RFC 3161 token).
    var timestampToken: [UInt8]? = nil
}

/// Reads inputs, then verifies and assesses them on every core, keeping the input order.
enum VerifyPipeline {
    /// One input's bytes (or the error reading them) and the SHA-256 of the envelope bytes.
    struct Loaded: Sendable {
        var source: String
        var bytes: Result<[UInt8], VerifierError>
        var detachedSignature: [UInt8]?
        var sha256: String?
        /// The `.tsr` beside the input (RFC 3161 token), as read.
        var timestampToken: [UInt8]? = nil
    }

    static func load(_ inputs: [InputFile], limit: Int, hasher: any CryptoProvider) -> [Loaded] {
        inputs.map { input in
            do throws(VerifierError) {
                let bytes: [UInt8]
                if let contents = input.contents { bytes = try contents.get() } else { bytes = try Files.read(input.path, limit: limit) }
                let signature = try input.signaturePath.map { (path) throws(VerifierError) in try Files.read(path, limit: 64 * 1024) }
                let token = try input.timestampPath.map { (path) throws(VerifierError) in
                    try Files.read(path, limit: EnvelopeReader.maximumTimestampTokenSize)
                }
                return Loaded(source: input.path, bytes: .success(bytes), detachedSignature: signature,
                              sha256: hasher.sha256(bytes).hex, timestampToken: token)
            } catch {
                return Loaded(source: input.path, bytes: .failure(error), detachedSignature: nil, sha256: nil)
            }
        }
    }

    static func run(_ inputs: [Loaded], verifier: AttestationVerifier, evaluator: Evaluator, at time: Timestamp,
                    firstSeen: [String: Timestamp], progress: Progress) async -> [CheckedInput] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, inputs.count))
        var results = [CheckedInput?](repeating: nil, count: inputs.count)
        await withTaskGroup(of: (Int, CheckedInput).self) { group in
            var next = 0
            func launch() {
                guard next < inputs.count else { return }
                let index = next
                let input = inputs[index]
                let seen = input.sha256.flatMap { firstSeen[$0] }
                next += 1
                group.addTask { (index, check(input, verifier: verifier, evaluator: evaluator, at: time, firstSeen: seen)) }
            }
            for _ in 0..<workers { launch() }
            while let (index, report) = await group.next() {
                results[index] = report
                progress.advance()
                launch()
            }
        }
        return results.compactMap { $0 }
    }

    static func check(_ input: Loaded, verifier: AttestationVerifier, evaluator: Evaluator, at time: Timestamp,
                      firstSeen: Timestamp?) -> CheckedInput {
        let bytes = (try? input.bytes.get()) ?? []
        do throws(VerifierError) {
            let verified = try verifier.verify(try input.bytes.get(), detachedSignature: input.detachedSignature,
                                               timestampToken: input.timestampToken, at: time, firstSeen: firstSeen)
            return CheckedInput(source: input.source, outcome: .success(evaluator.assess(verified, at: time)), envelope: bytes,
                                detachedSignature: input.detachedSignature, timestampToken: input.timestampToken)
        } catch {
            return CheckedInput(source: input.source, outcome: .failure(error), envelope: bytes,
                                detachedSignature: input.detachedSignature)
        }
    }
}

/// A progress line on stderr for long runs on a terminal.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance() {
        guard enabled else { return }
        lock.lock()
        done += 1
        let d = done
        lock.unlock()
        if d % 50 == 0 || d == total { Console.err("\rverifying \(d)/\(total)") }
    }

    func finish() {
        if enabled { Console.err("\r\u{1B}[K") }
    }
}
