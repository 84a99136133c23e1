import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

/// `--db FILE`, else `RESERVE_VERIFIER_DB`, else the configuration file's `db`, else
/// `reserve-verifier.sqlite` in the working directory.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help:
            "The ledger (SQLite). Default: $RESERVE_VERIFIER_DB, else the configuration file's db, else reserve-verifier.sqlite.",
        completion: .file())
    var db: String?

    var path: String { db ?? Environment.db }

    /// Opens the ledger; with `announce`, a ledger this call creates is said so on stderr (one line:
    /// the first `verify` in a folder otherwise leaves a database behind without a word).
    func open(create: Bool = false, hasher: any CryptoProvider = OpenSSLProvider(), announce: Bool = false)
        throws(VerifierError) -> Ledger
    {
        let path = self.path
        let existed = FileManager.default.fileExists(atPath: path)
        let ledger = try Ledger.open(path: path, hasher: hasher, create: create)
        if announce && !existed {
            Console.err(
                "note: created a new ledger \(path) (choose another with --db or RESERVE_VERIFIER_DB; --no-record keeps none)\n"
            )
        }
        return ledger
    }

    /// For commands that only read: nothing is migrated or written, and read-only media work.
    func openForReading() throws(VerifierError) -> Ledger {
        try Ledger.openForReading(path: path, hasher: OpenSSLProvider())
    }
}

/// Runs a command body that returns its exit status; a ``VerifierError`` it throws becomes exit 2
/// at the root command (``ReserveVerifier/main()``).
func runLedgerCommand(_ body: () throws(VerifierError) -> Int32) throws {
    let code = try body()
    if code != 0 { throw ExitCode(code) }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Each coin's latest accepted attestation, verdict, coverage, age, and whether it is stale now.")

    @OptionGroup var database: DatabaseOption

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @Option(help: "Judge staleness as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var profile: ProfileOption

    @Flag(help: "Show each watched source's state and last error instead of the coins.")
    var sources = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runLedgerCommand { () throws(VerifierError) in
            let now = at ?? Clock.now()
            if sources { return try showSources() }
            // Only evaluations under the given profile: a re-evaluation under another one does not count.
            let coins = try database.openForReading().status(profile: profile.name)
            switch format {
            case .json: Console.out(StatusRenderer.json(coins, at: now, profile: profile.name))
            case .text:
                Console.out(StatusRenderer.text(coins, at: now, profile: profile.name, ledgerPath: database.path))
            }
            return 0
        }
    }
}

extension Status {
    /// `status --sources`: each source's consecutive failures, last success and last error.
    func showSources() throws(VerifierError) -> Int32 {
        let sources = try database.openForReading().sourceStates()
        switch format {
        case .json: Console.out(StatusRenderer.json(sources: sources))
        case .text: Console.out(StatusRenderer.text(sources: sources, ledgerPath: database.path))
        }
        return 0
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every evaluation of an issuer's coins over time, with coverage and verdicts.")

    enum Format: String, CommandFormat {
        case text, json, csv
        static var builtInDefault: Format { .text }
    }

    @Argument(help: "Issuer id.")
    var issuer: String

    @Option(help: "Only this token symbol.")
    var token: String?

    @OptionGroup var database: DatabaseOption

    @OptionGroup var output: FormatOption<Format>
    var format: Format { output.value }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runLedgerCommand { () throws(VerifierError) in
            let entries = try database.openForReading().history(issuer: issuer, token: token)
            switch format {
            case .json: Console.out(HistoryRenderer.json(entries, issuer: issuer))
            case .csv: Console.out(HistoryRenderer.csv(entries))
            case .text: Console.out(HistoryRenderer.text(entries, issuer: issuer))
            }
            return 0
        }
    }
}

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Check the ledger, sign its head, or withdraw an accepted attestation.",
        subcommands: [VerifyChain.self, WriteCheckpoint.self, Withdraw.self])

    struct VerifyChain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Walk the hash chain and check the checkpoints: `ok` with the row count (exit 0) or the first problem (exit 1)."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var checkpoints: CheckpointKeyOptions

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                let ledger = try database.openForReading()
                let integrity = try ledger.integrityCheck()
                guard integrity == ["ok"] else {
                    Console.out("integrity check failed: \(integrity.prefix(5).joined(separator: "; "))\n")
                    return 1
                }
                let report = try ledger.verifyChain()
                if let broken = report.broken {
                    Console.out(
                        broken.id > 0
                            ? "broken at evaluation \(broken.id): \(broken.reason)\n" : "broken: \(broken.reason)\n")
                    return 1
                }
                var checked = 0
                if let (key, algorithm) = try checkpoints.key() {
                    // Every stored checkpoint must carry the verifier's signature.
                    for (i, envelope) in try ledger.checkpointEnvelopes().enumerated() {
                        do throws(VerifierError) {
                            _ = try Checkpoint.open(envelope, key: key, algorithm: algorithm)
                        } catch {
                            Console.out("stored checkpoint \(i + 1): \(error.message)\n")
                            return 1
                        }
                    }
                    if let path = checkpoints.checkpoint {
                        let checkpoint: Checkpoint
                        do throws(VerifierError) {
                            checkpoint = try Checkpoint.open(
                                try Files.read(path, limit: 64 * 1024), key: key, algorithm: algorithm)
                        } catch  where error.code != .unreadableInput {
                            throw VerifierError(error.code, "\(path): \(error.message)", detail: error.detail)
                        }
                        if let problem = try ledger.check(checkpoint: checkpoint) {
                            Console.out("checkpoint \(path) (\(checkpoint.time)): \(problem)\n")
                            return 1
                        }
                        checked = checkpoint.evaluations
                    }
                } else if checkpoints.checkpoint != nil {
                    throw VerifierError(
                        .invalidConfiguration,
                        "--checkpoint needs the verifier's public key (--public-key, --signing-key or RESERVE_VERIFIER_SIGNING_KEY)"
                    )
                }
                let held =
                    checkpoints.checkpoint == nil
                    ? "" : "; the checkpoint of \(checked) evaluation\(checked == 1 ? "" : "s") is held"
                Console.out("ok: \(report.rows) evaluation\(report.rows == 1 ? "" : "s"), hash chain intact\(held)\n")
                return 0
            }
        }
    }
}

struct Reevaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Run the stored (accepted) envelopes through a profile again, record new evaluations, and print which verdicts change.",
        discussion: """
            Old evaluations are never rewritten. Signatures are checked again against the current trust store, with the keys \
            judged at the time the ledger first saw each envelope: an attestation whose key turns out to have been revoked \
            by then is withdrawn from its coin's history (an appended record). The history rules run as on arrival.
            """)

    @OptionGroup var profile: ProfileOption
    @OptionGroup var database: DatabaseOption

    @OptionGroup var trustStore: KeysOption
    var keys: String { trustStore.keys }

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try runLedgerCommand { () throws(VerifierError) in
            let now = at ?? Clock.now()
            let ledger = try database.open()
            let store = try TrustStoreLoader.load(keys)
            let verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
            let (active, policyFile) = try profile.resolved()
            if let policyFile, let policy = active.policy {
                try ledger.recordPolicy(policyFile, name: policy.name, at: now)
            }
            let evaluator = Evaluator(profile: active)
            var results: [Reevaluation] = []
            for stored in try ledger.acceptedEnvelopes() {
                let (verified, evaluation, withdrawn) = try Reevaluate.again(
                    stored, in: ledger, verifier: verifier, evaluator: evaluator, at: now)
                let a = verified.attestation
                results.append(
                    Reevaluation(
                        issuer: a.issuer.id, token: a.token.symbol, sequence: a.sequence,
                        previousEligible: stored.previousEligible, previousProfile: stored.previousProfile,
                        eligible: evaluation.verdict.eligible, profile: evaluation.verdict.profile,
                        blocking: evaluation.verdict.blocking,
                        withdrawal: withdrawn ? verified.signatureFinding.message : nil))
            }
            switch format {
            case .json: Console.out(ReevaluationRenderer.json(results, evaluatedAt: now))
            case .text: Console.out(ReevaluationRenderer.text(results, ledgerPath: database.path))
            }
            return 0
        }
    }

    /// Re-checks a stored envelope (keys judged at the ledger's first sight of it, or its stored
    /// timestamp), assesses it, and appends the re-evaluation the ledger's history decides, with
    /// a withdrawal when its key turns out revoked by then or a `correction` is given.
    static func again(
        _ stored: StoredEnvelope, in ledger: Ledger, verifier: AttestationVerifier, evaluator: Evaluator,
        at now: Timestamp, correction: Withdrawal? = nil
    )
        throws(VerifierError) -> (VerifiedAttestation, Evaluation, withdrawn: Bool)
    {
        try VerifyPipeline(verifier: verifier, evaluator: evaluator).reevaluate(
            stored, in: ledger, at: now, tool: "reserve-verifier \(ReserveVerifier.version)", correction: correction)
    }
}
