import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Signed verification records: what this verifier said about an attestation (in-toto, DSSE).",
        discussion: """
            `verify --record-out DIR` writes them as it verifies; `record sign` signs an evaluation already in the \
            ledger; `record verify` checks one.
            """,
        subcommands: [Sign.self, Check.self])

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a verification record of an evaluation in the ledger (see `history` for ids).")

        @Option(help: "The evaluation's id in the ledger.")
        var evaluation: Int64

        @OptionGroup var database: DatabaseOption
        @OptionGroup var record: RecordOptions

        @Option(help: "Write the record here instead of standard output.", completion: .file())
        var out: String?

        @Option(help: "The record's signing time (RFC 3339 UTC; default: now).")
        var at: Timestamp?

        @Option(
            help: "The trust store folder: its _tsa/ lists the TSAs whose tokens are trusted (with --tsa-url).",
            completion: .directory)
        var keys: String = "keys"

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if record.tsaURL != nil && out == nil {
                throw ValidationError("a timestamp is written beside the record: --tsa-url needs --out FILE")
            }
        }

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                let tsa = record.tsaURL == nil ? nil : try record.tsa(try TrustStoreLoader.load(keys))
                let environment = ProcessInfo.processInfo.environment["RESERVE_VERIFIER_SIGNING_KEY"]
                let key = try record.key(fallback: environment?.isEmpty == false ? environment : nil)
                let ledger = try database.openForReading()
                guard let stored = try ledger.evaluation(id: evaluation) else {
                    throw VerifierError(
                        .invalidValue,
                        "\(database.path) has no evaluation \(evaluation) (see `reserve-verifier history`)")
                }
                let head = try ledger.head()
                let position = VerificationRecord.LedgerPosition(
                    path: database.path, evaluation: stored.id, rowHash: stored.rowHash,
                    headEvaluations: head.evaluations,
                    headHash: head.hash)
                let made = VerificationRecord(
                    stored.summary, hasher: OpenSSLProvider(), ledger: position,
                    checkpoint: try RecordWriter.checkpoint(ledger), review: record.review,
                    signedAt: at ?? Clock.now())
                let (envelope, token) = try RecordWriter.sign(made, key: key, tsa: tsa)
                if let out {
                    try Files.writeAtomically(envelope, to: out)
                    if let token { try Files.writeAtomically(token, to: out + ".tsr") }
                } else {
                    Console.out(String(decoding: envelope, as: UTF8.self))
                }
                return 0
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Check a verification record's signature against the verifier's public key and print what it says.",
            discussion: """
                With --attestation, also check that the record is about that envelope's payload; with --db, that the \
                ledger still holds the record's evaluation and chain head. Exit 0 all hold, 1 one does not, 2 the \
                record is not a valid signed record (E054).
                """)

        @Argument(help: "The record (DSSE envelope).", completion: .file())
        var file: String

        @Option(help: "The verifier's public key (PEM).", completion: .file())
        var publicKey: String

        @Option(help: "The attestation envelope the record should be about.", completion: .file())
        var attestation: String?

        @Option(
            name: .customLong("db"), help: "A ledger that should still hold the record's evaluation and chain head.",
            completion: .file())
        var db: String?

        @OptionGroup var output: FormatOption<OutputFormat>
        var format: OutputFormat { output.value }

        @Option(
            help:
                "The trust store folder: its _tsa/ lists the TSAs trusted for <FILE>.tsr beside the record.",
            completion: .directory)
        var keys: String = "keys"

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                let key = try PublicKey(pem: try Files.read(publicKey, limit: 64 * 1024))
                let algorithms = SignatureAlgorithm.allCases.filter { $0.accepts(key.type) }
                guard !algorithms.isEmpty else {
                    throw VerifierError(
                        .invalidKey, "\(publicKey): a \(key.type) key cannot check verification records")
                }
                let bytes = try Files.read(file, limit: 256 * 1024)
                let record = try VerificationRecord.open(bytes, key: key, algorithms: algorithms)
                var problems: [String] = []
                // An RFC 3161 token beside the record: checked against the trust store's TSAs.
                var timestamp: TimestampCheck?
                if Files.exists(file + ".tsr") {
                    let token = try Files.read(file + ".tsr", limit: EnvelopeReader.maximumTimestampTokenSize)
                    let check = try RecordTimestamp.check(
                        token, envelope: bytes, authorities: try TrustStoreLoader.load(keys).timestampAuthorities)
                    if check.status != .valid { problems.append("timestamp \(file).tsr: \(check.reason)") }
                    timestamp = check
                }
                if let attestation {
                    // A detached signature beside a bare payload (X.json.sig) goes with it.
                    let detached =
                        Files.exists(attestation + ".sig")
                        ? try Files.read(attestation + ".sig", limit: 64 * 1024) : nil
                    let attested = try Files.read(attestation, limit: DecodingLimits.default.maxBytes)
                    let envelope = try EnvelopeReader().open(attested, detachedSignature: detached)
                    let digest = OpenSSLProvider().sha256(envelope.payload).hex
                    if digest != record.subjectSHA256 {
                        problems.append(
                            "the record is about payload sha256:\(record.subjectSHA256), "
                                + "\(attestation) holds sha256:\(digest)")
                    }
                }
                if let db {
                    guard let position = record.ledger else {
                        throw VerifierError(.invalidValue, "the record names no ledger position to check against \(db)")
                    }
                    let ledger = try Ledger.openForReading(path: db, hasher: OpenSSLProvider())
                    let headCheck = Checkpoint(
                        evaluations: position.headEvaluations, headHash: position.headHash,
                        time: Timestamp(seconds: 0), tool: record.tool)
                    if let problem = try ledger.check(checkpoint: headCheck) {
                        problems.append("ledger head: \(problem)")
                    }
                    if let stored = try ledger.evaluation(id: position.evaluation) {
                        if stored.rowHash != position.rowHash {
                            problems.append(
                                "evaluation \(position.evaluation) in \(db) has another hash than the record's")
                        }
                    } else {
                        problems.append("\(db) has no evaluation \(position.evaluation)")
                    }
                }
                switch format {
                case .json:
                    var o = JSONObject()
                    o["verified"] = .bool(problems.isEmpty)
                    o["keyid"] = .string(key.id)
                    o["statement"] = record.statement
                    o["problems"] = .strings(problems)
                    if let timestamp {
                        o["timestamp"] = [
                            "status": .string(timestamp.status.rawValue), "reason": .string(timestamp.reason),
                            "time": timestamp.time.map { .string($0.description) } ?? .null,
                            "authority": timestamp.authority.map(JSONValue.string) ?? .null,
                        ]
                    }
                    Console.out(JSONWriter.write(.object(o)) + "\n")
                case .text:
                    var out = text(record, keyID: key.id, problems: problems)
                    if let timestamp, timestamp.status == .valid {
                        out += "  timestamped: \(timestamp.time?.description ?? "?") by \(timestamp.authority ?? "?") "
                        out += "(RFC 3161, \(file).tsr)\n"
                    }
                    Console.out(out)
                }
                return problems.isEmpty ? 0 : 1
            }
        }

        func text(_ r: VerificationRecord, keyID: String, problems: [String]) -> String {
            var out = "signed by the verifier's key \(keyID.prefix(16))…: a verification record of \(r.subjectName) "
            out += "(sha256:\(r.subjectSHA256.prefix(12))…)\n"
            out += "  coin: \(r.issuer)/\(r.token) #\(r.sequence), as of \(r.asOf)\n"
            let verdict =
                r.eligible
                ? "ELIGIBLE: Group 1b"
                : "NOT ELIGIBLE: Group \(r.group); blocked by \(r.blocking.map(\.rawValue).joined(separator: ", "))"
            out += "  verdict: \(verdict) under \(r.profile) (stress table \(r.stressTable ?? "none")), "
            out += "evaluated at \(r.evaluatedAt)\n"
            out += "  by: \(r.tool); findings: \(r.findingsCount), sha256:\(r.findingsSHA256.prefix(12))…\n"
            if let l = r.ledger {
                out += "  ledger: evaluation \(l.evaluation) (\(l.rowHash.prefix(12))…), "
                out += "head \(l.headEvaluations) evaluations "
                out += "(\(l.headHash.prefix(12))…)\(l.path.map { " in \($0)" } ?? "")\n"
            }
            if let c = r.checkpoint {
                out += "  checkpoint: \(c.evaluations) evaluations (\(c.headHash.prefix(12))…) at \(c.time)\n"
            }
            if let review = r.review {
                out += "  reviewed by: \(review.reviewer)\n"
                if let override = review.override {
                    out += "  override: \(override) (reason: \(review.reason ?? ""))\n"
                }
            }
            out += "  signed at: \(r.signedAt)\n"
            for problem in problems { out += "  DOES NOT HOLD: \(problem)\n" }
            return out
        }
    }
}

extension Verify {
    /// Signs and writes a verification record per checked input (after the run's checkpoint, so
    /// that each names the chain head and checkpoint that cover it). Prints an error and returns
    /// false when they could not be written.
    func writeRecords(
        _ results: [AttestationReport], key: PrivateKey, store: TrustStore, ledger: Ledger?, at time: Timestamp,
        tool: String
    ) -> Bool {
        guard let folder = records.recordOut else { return true }
        do throws(VerifierError) {
            let tsa = try records.record.tsa(store)
            var made: [VerificationRecord] = []
            for result in results {
                guard case .checked(let verified, let evaluation) = result.outcome else { continue }
                var position: VerificationRecord.LedgerPosition?
                var checkpoint: VerificationRecord.CheckpointReference?
                if let ledger, case .string(let rowHash)? = result.ledger?["rowHash"] {
                    (position, checkpoint) = try RecordWriter.position(ledger, path: database.path, rowHash: rowHash)
                }
                // The libraries this run evaluated on (the ledger keeps the same with the row).
                var summary = EvaluationSummary(verified, evaluation, tool: tool, evaluatedAt: time)
                summary.runtime = Runtime(openssl: OpenSSLVersion.text, sqlite: SQLiteVersion.text)
                made.append(
                    VerificationRecord(
                        summary,
                        hasher: OpenSSLProvider(), ledger: position, checkpoint: checkpoint,
                        review: records.record.review, signedAt: time))
            }
            let paths = try RecordWriter.write(made, key: key, into: folder, tsa: tsa)
            if !global.quiet {
                Console.err(
                    "signed \(paths.count) verification record\(paths.count == 1 ? "" : "s") into \(folder)"
                        + (tsa == nil ? "\n" : ", each timestamped by \(tsa?.url ?? "")\n"))
            }
            return true
        } catch {
            Console.err("the verification records were not written: ")
            Console.error(error, verbose: verbose)
            return false
        }
    }
}
