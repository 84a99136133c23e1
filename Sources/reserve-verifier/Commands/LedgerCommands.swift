import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
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
    /// The layout of `status --format json` (docs/schemas/status-output.schema.json).
    static let jsonFormat = "reserve-verifier/status@1"

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
            case .json:
                let list: [JSONValue] = coins.map { c in
                    let age = now.seconds - c.asOf.seconds
                    var o = JSONObject()
                    o["issuer"] = .string(c.issuer)
                    o["token"] = .string(c.token)
                    o["sequence"] = .int(c.sequence)
                    o["attestationId"] = .string(c.attestationId)
                    o["asOf"] = .string(c.asOf.description)
                    o["digest"] = .string(c.digest)
                    o["group1b"] = .string(c.eligible ? "eligible" : "not-eligible")
                    o["group"] = .string(c.group)
                    o["profile"] = .string(c.profile)
                    o["blocking"] = .strings(c.blocking.map(\.rawValue))
                    o["coverage"] = c.coverage.map(JSONValue.string) ?? .null
                    o["stressedCoverage"] = c.stressedCoverage.map(JSONValue.string) ?? .null
                    o["evaluatedAt"] = .string(c.evaluatedAt)
                    o["ageSeconds"] = .number(String(age))
                    o["freshnessDays"] = .int(c.freshnessDays)
                    o["staleNow"] = .bool(age > Int64(c.freshnessDays) * 86_400)
                    o["equivocations"] = .int(c.equivocations)
                    return .object(o)
                }
                Console.out(
                    JSONWriter.write([
                        "format": .string(Self.jsonFormat), "at": .string(now.description),
                        "profile": .string(profile.name), "coins": .array(list),
                    ]) + "\n")
            case .text:
                if coins.isEmpty {
                    let name = profile.name
                    Console.out("no accepted attestations evaluated under profile \(name) in \(database.path)\n")
                    return 0
                }
                var out = "profile: \(profile.name)\n"
                out +=
                    "ISSUER/TOKEN                SEQ   AS OF                 AGE   VERDICT          "
                    + "COVERAGE   STRESSED   NOTES\n"
                for c in coins {
                    let age = (now.seconds - c.asOf.seconds) / 86_400
                    let stale = now.seconds - c.asOf.seconds > Int64(c.freshnessDays) * 86_400
                    var notes: [String] = []
                    if stale { notes.append("STALE (> \(c.freshnessDays) d)") }
                    if c.equivocations > 0 { notes.append("EQUIVOCATION x\(c.equivocations)") }
                    if !c.blocking.isEmpty {
                        notes.append("blocked by " + c.blocking.map(\.rawValue).joined(separator: ","))
                    }
                    out += "\(c.issuer)/\(c.token)".padding(toLength: 28, withPad: " ", startingAt: 0)
                    // Never cut: a longer sequence pushes the row right, one space still separates it.
                    out += String(c.sequence).padding(
                        toLength: max(6, String(c.sequence).count + 1), withPad: " ",
                        startingAt: 0)
                    out += c.asOf.description.padding(toLength: 22, withPad: " ", startingAt: 0)
                    out += "\(age)d".padding(toLength: 6, withPad: " ", startingAt: 0)
                    out += (c.eligible ? "eligible 1b" : "not eligible \(c.group)").padding(
                        toLength: 17, withPad: " ", startingAt: 0)
                    out += (c.coverage.map { Decimal(string: $0).map { ($0 * 100).fixed(2) + "%" } ?? $0 } ?? "-")
                        .padding(toLength: 11, withPad: " ", startingAt: 0)
                    out +=
                        (c.stressedCoverage.map { Decimal(string: $0).map { ($0 * 100).fixed(2) + "%" } ?? $0 } ?? "-")
                        .padding(toLength: 11, withPad: " ", startingAt: 0)
                    out += notes.joined(separator: "; ") + "\n"
                }
                Console.out(out)
            }
            return 0
        }
    }
}

extension Status {
    /// `status --sources`: each source's consecutive failures, last success and last error.
    func showSources() throws(VerifierError) -> Int32 {
        let rows = try database.openForReading().sourceStates()
        switch format {
        case .json:
            let list: [JSONValue] = rows.map { r in
                var o = JSONObject()
                o["source"] = .string(r.source)
                o["consecutiveFailures"] = .int(r.state.consecutiveFailures)
                o["lastSuccessAt"] = r.state.lastSuccessAt.map(JSONValue.string) ?? .null
                o["lastError"] = r.state.lastError.map(JSONValue.string) ?? .null
                o["updatedAt"] = .string(r.updatedAt)
                return .object(o)
            }
            Console.out(JSONWriter.write(["sources": .array(list)]) + "\n")
        case .text:
            if rows.isEmpty {
                Console.out("no watched sources in \(database.path)\n")
                return 0
            }
            var out = ""
            for r in rows {
                let health = r.state.consecutiveFailures > 0 ? "FAILING x\(r.state.consecutiveFailures)" : "ok"
                let success = r.state.lastSuccessAt ?? "never"
                out += "\(r.source)\n  \(health); last success \(success); checked \(r.updatedAt)\n"
                if let error = r.state.lastError { out += "  last error: \(error)\n" }
            }
            Console.out(out)
        }
        return 0
    }
}

struct History: ParsableCommand {
    /// The layout of `history --format json` (docs/schemas/history-output.schema.json).
    static let jsonFormat = "reserve-verifier/history@1"

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
            case .json:
                let list: [JSONValue] = entries.map { e in
                    var o = JSONObject()
                    o["evaluation"] = .number(String(e.evaluationID))
                    o["token"] = .string(e.token)
                    o["sequence"] = .int(e.sequence)
                    o["asOf"] = .string(e.asOf.description)
                    o["kind"] = .string(e.kind.rawValue)
                    o["profile"] = .string(e.profile)
                    o["evaluatedAt"] = .string(e.evaluatedAt)
                    o["group1b"] = .string(e.eligible ? "eligible" : "not-eligible")
                    o["group"] = .string(e.group)
                    o["blocking"] = .strings(e.blocking.map(\.rawValue))
                    o["coverage"] = e.coverage.map(JSONValue.string) ?? .null
                    o["stressedCoverage"] = e.stressedCoverage.map(JSONValue.string) ?? .null
                    o["accepted"] = .bool(e.accepted)
                    o["digest"] = .string(e.digest)
                    return .object(o)
                }
                Console.out(
                    JSONWriter.write([
                        "format": .string(Self.jsonFormat), "issuer": .string(issuer),
                        "evaluations": .array(list),
                    ]) + "\n")
            case .csv:
                var out =
                    "evaluation,token,sequence,as_of,kind,profile,evaluated_at,group1b,group,blocking,coverage,stressed_coverage,accepted,digest\n"
                for e in entries {
                    let fields = [
                        String(e.evaluationID), e.token, String(e.sequence), e.asOf.description, e.kind.rawValue,
                        e.profile, e.evaluatedAt,
                        e.eligible ? "eligible" : "not-eligible", e.group,
                        e.blocking.map(\.rawValue).joined(separator: " "),
                        e.coverage ?? "", e.stressedCoverage ?? "", e.accepted ? "true" : "false", e.digest,
                    ]
                    out += fields.map(csvField).joined(separator: ",") + "\n"
                }
                Console.out(out)
            case .text:
                if entries.isEmpty {
                    Console.out("no evaluations for issuer \(issuer)\n")
                    return 0
                }
                var table = TextTable(
                    "EVAL", "TOKEN", "SEQ", "AS OF", "EVALUATED AT", "KIND", "PROFILE", "VERDICT", "COVERAGE",
                    "STRESSED", "BLOCKING")
                for e in entries {
                    table.append(
                        String(e.evaluationID), e.token, String(e.sequence), e.asOf.description, e.evaluatedAt,
                        e.kind.rawValue, e.profile,
                        e.eligible ? "eligible 1b" : "not eligible \(e.group)", TextTable.percent(e.coverage),
                        TextTable.percent(e.stressedCoverage),
                        (e.blocking.isEmpty ? "-" : e.blocking.map(\.rawValue).joined(separator: ","))
                            + (e.accepted ? "" : " (not accepted)"))
                }
                let out = table.text
                Console.out(out)
            }
            return 0
        }
    }

    func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
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
            var changes: [JSONValue] = []
            var text = ""
            for stored in try ledger.acceptedEnvelopes() {
                let (verified, evaluation, withdrawn) = try Reevaluate.again(
                    stored, in: ledger, verifier: verifier,
                    evaluator: evaluator, at: now)
                let changed = evaluation.verdict.eligible != stored.previousEligible
                let a = verified.attestation
                changes.append([
                    "issuer": .string(a.issuer.id), "token": .string(a.token.symbol), "sequence": .int(a.sequence),
                    "previous": .string(stored.previousEligible ? "eligible" : "not-eligible"),
                    "previousProfile": .string(stored.previousProfile),
                    "now": .string(evaluation.verdict.eligible ? "eligible" : "not-eligible"),
                    "profile": .string(evaluation.verdict.profile),
                    "changed": .bool(changed), "blocking": .strings(evaluation.verdict.blocking.map(\.rawValue)),
                    "withdrawn": .bool(withdrawn),
                ])
                text += "\(changed ? "CHANGED  " : "same     ")\(a.issuer.id)/\(a.token.symbol) #\(a.sequence): "
                text += "\(stored.previousEligible ? "eligible" : "not eligible") (\(stored.previousProfile)) -> "
                text += "\(evaluation.verdict.eligible ? "eligible" : "not eligible") (\(evaluation.verdict.profile))"
                text +=
                    evaluation.verdict.blocking.isEmpty
                    ? "" : "; blocked by \(evaluation.verdict.blocking.map(\.rawValue).joined(separator: ", "))"
                text += withdrawn ? "; WITHDRAWN from the coin's history: \(verified.signatureFinding.message)\n" : "\n"
            }
            switch format {
            case .json:
                Console.out(
                    JSONWriter.write(["evaluatedAt": .string(now.description), "attestations": .array(changes)]) + "\n")
            case .text: Console.out(text.isEmpty ? "no accepted attestations in \(database.path)\n" : text)
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
