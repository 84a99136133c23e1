import Foundation
import ReserveCore
import TestSupport
import Testing

/// Where a hostile input enters.
enum Area: String, Sendable, CaseIterable {
    case envelope, payload
    case trustStore = "trust-store"
    case jobFile = "job-file"
    case ledger, cli
}

/// What a hostile input must give: a stable error code, a signature status or finding, a CLI exit
/// status, or (for inputs that are odd but valid) acceptance.
enum Expectation: Sendable, CustomStringConvertible {
    /// A ``VerifierError`` with this code.
    case error(VerifierError.Code)
    /// The envelope opens and the payload decodes; the first signature gets this status (and
    /// SIG-TRUSTED fails unless it is `valid`).
    case signature(SignatureStatus)
    /// The SIG-TRUSTED finding has this status.
    case sigTrusted(FindingStatus)
    /// The command exits with this status and, when given, prints this code.
    case exit(Int32, VerifierError.Code?)
    /// Read as valid.
    case accepted

    var description: String {
        switch self {
        case .error(let code): "error \(code.rawValue) \(code.name)"
        case .signature(let status): "signature \(status.rawValue)"
        case .sigTrusted(let status): "SIG-TRUSTED \(status.rawValue)"
        case .exit(let status, let code): "exit \(status)\(code.map { " with \($0.rawValue)" } ?? "")"
        case .accepted: "accepted"
        }
    }
}

/// What a case observed.
enum Outcome: Sendable {
    case error(VerifierError)
    case verified(VerifiedAttestation)
    case process(status: Int32, stdout: String, stderr: String)
    /// Read as valid; the text says what was read.
    case accepted(String)

    /// Runs a reader, turning its ``VerifierError`` into an outcome.
    static func of(_ body: () throws(VerifierError) -> Outcome) -> Outcome {
        do { return try body() } catch { return .error(error) }
    }
}

/// One row of the catalogue.
struct HostileCase: Sendable, CustomTestStringConvertible {
    let id: String
    let area: Area
    let summary: String
    let expected: Expectation
    /// Text the message (error message, signature reason and SIG-TRUSTED message, or the
    /// command's output) must contain: the field, the file, the cause.
    let mentions: [String]
    let run: @Sendable (Samples, TemporaryDirectory) throws -> Outcome

    init(
        _ id: String, _ area: Area, _ summary: String, expect expected: Expectation, mentions: [String],
        _ run: @escaping @Sendable (Samples, TemporaryDirectory) throws -> Outcome
    ) {
        self.id = id
        self.area = area
        self.summary = summary
        self.expected = expected
        self.mentions = mentions
        self.run = run
    }

    var testDescription: String { "\(id): \(summary)" }
}

/// The catalogue of hostile input (docs/ROBUSTNESS.md): every reader of untrusted bytes, fed what
/// an attacker or an accident can produce. Each case must give its stable error code or finding
/// with a message that names the field or file: never a crash, a hang, or a partial record.
@Suite struct HostileInputTests {
    static let catalogue: [HostileCase] =
        HostileCatalogue.envelopes + HostileCatalogue.payloads + HostileCatalogue.trustStore
        + HostileCatalogue.jobFiles + HostileCatalogue.ledger + HostileCatalogue.cli

    /// The longest message an error may carry, whatever the input: a 10 MB value must not become
    /// a 10 MB message.
    static let maxMessageBytes = 2048

    @Test(arguments: catalogue)
    func hostileInputGivesItsStableErrorOrFinding(_ row: HostileCase) throws {
        let samples = try Samples.get()
        let scratch = try TemporaryDirectory(prefix: "rv-hostile")
        defer { scratch.remove() }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try row.run(samples, scratch)
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(20), "\(row.id) took \(elapsed): hostile input must not make the reader crawl")

        var text = ""
        switch (row.expected, outcome) {
        case (.error(let code), .error(let error)):
            #expect(error.code == code, "\(row.id): expected \(code.rawValue) \(code.name), got \(error)")
            #expect(
                error.message.utf8.count <= Self.maxMessageBytes,
                "\(row.id): a message of \(error.message.utf8.count) bytes: \(error.message.prefix(300))…")
            text = error.message
        case (.signature(let status), .verified(let verified)):
            let first = try #require(verified.signatures.first, "\(row.id): no signature checks")
            #expect(
                first.status == status,
                "\(row.id): expected signature \(status.rawValue), got \(first.status.rawValue): \(first.reason)")
            if status != .valid {
                #expect(!verified.isTrusted, "\(row.id): SIG-TRUSTED passed on a \(status.rawValue) signature")
            }
            for check in verified.signatures {
                #expect(
                    check.reason.utf8.count <= Self.maxMessageBytes,
                    "\(row.id): a signature reason of \(check.reason.utf8.count) bytes")
            }
            text =
                verified.signatures.map(\.reason).joined(separator: " | ") + " | " + verified.signatureFinding.message
        case (.sigTrusted(let status), .verified(let verified)):
            #expect(
                verified.signatureFinding.status == status,
                "\(row.id): expected SIG-TRUSTED \(status.rawValue), got \(verified.signatureFinding.status.rawValue): \(verified.signatureFinding.message)"
            )
            text =
                verified.signatures.map(\.reason).joined(separator: " | ") + " | " + verified.signatureFinding.message
        case (.exit(let status, let code), .process(let actual, let stdout, let stderr)):
            #expect(
                actual == status,
                "\(row.id): expected exit \(status), got \(actual)\n\(stderr.prefix(2000))\n\(stdout.prefix(2000))")
            if let code {
                #expect(
                    (stdout + stderr).contains(code.rawValue),
                    "\(row.id): the output does not carry \(code.rawValue)\n\(stderr.prefix(2000))")
            }
            #expect(
                !stderr.contains("Fatal error") && !stderr.contains("Crash") && !stderr.contains("Backtrace"),
                "\(row.id): the command crashed\n\(stderr.prefix(4000))")
            text = stdout + "\n" + stderr
        case (.accepted, .accepted(let what)):
            text = what
        default:
            Issue.record("\(row.id): expected \(row.expected), got \(outcome)")
            return
        }
        Self.recordOutcome(row, text, scratch: scratch)
        for mention in row.mentions {
            #expect(
                text.contains(mention),
                "\(row.id): the message does not mention \(mention.debugDescription): \(text.prefix(1000))")
        }
    }

    /// With `RV_HOSTILE_OUTCOMES=<folder>` set, writes each case's observed text (the scratch folder
    /// masked) to `<folder>/<id>.txt`, so that a change to a reader can be diffed case by case.
    /// A file that cannot be written is an issue of the test that ran the case, not a silent gap.
    static func recordOutcome(
        _ row: HostileCase, _ text: String, scratch: TemporaryDirectory,
        folder: String? = ProcessInfo.processInfo.environment["RV_HOSTILE_OUTCOMES"]
    ) {
        guard let folder, !folder.isEmpty else { return }
        let masked = text.replacingOccurrences(of: scratch.url.path, with: "<scratch>")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(row.id).txt"
        if !FileManager.default.createFile(atPath: path, contents: Data(masked.utf8)) {
            Issue.record("could not write \(row.id)'s outcome to \(path)")
        }
    }

    @Test func anOutcomeIsWrittenMaskedAndAFailedWriteIsAnIssue() throws {
        let row = try #require(Self.catalogue.first)
        let scratch = try TemporaryDirectory()
        let folder = scratch.path("outcomes")
        Self.recordOutcome(row, "refused \(scratch.url.path)/x.json", scratch: scratch, folder: folder)
        let written = try String(contentsOfFile: "\(folder)/\(row.id).txt", encoding: .utf8)
        #expect(written == "refused <scratch>/x.json")

        // A folder below a regular file cannot be made: the write fails and says so.
        let blocked = try scratch.write(Array("a file".utf8), to: "blocker")
        withKnownIssue {
            Self.recordOutcome(row, "text", scratch: scratch, folder: blocked + "/outcomes")
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("could not write \(row.id)'s outcome") }
        }
    }

    /// `scripts/fuzz.sh` checks the instrumentation in one object per target, named after a source
    /// file: each must be the file that now holds the code under test (the parser's state machine,
    /// the YAML reader), or the check inspects code the fuzzer does not exercise.
    @Test func fuzzScriptChecksTheObjectsOfTheCodeUnderTest() throws {
        let script = try String(
            contentsOf: packageRoot.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        let expected = [
            ("ReserveCore", "JSONParserState", "struct JSONParserState"),
            ("ReserveAlerts", "YAMLReader", "struct YAMLReader"),
        ]
        for (module, file, declaration) in expected {
            #expect(script.contains("\(module).build/\(file).swift.o"), "fuzz.sh does not check \(file).swift.o")
            let source = try FileManager.default.subpathsOfDirectory(
                atPath: packageRoot.appendingPathComponent("Sources/\(module)").path
            ).filter { $0.hasSuffix("/\(file).swift") || $0 == "\(file).swift" }
            #expect(source.count == 1, "Sources/\(module) has \(source.count) files named \(file).swift")
            guard let path = source.first else { continue }
            let text = try String(
                contentsOf: packageRoot.appendingPathComponent("Sources/\(module)/\(path)"), encoding: .utf8)
            #expect(text.contains(declaration), "\(path) does not declare \(declaration)")
        }
        #expect(!script.contains("JSONParser.swift.o") && !script.contains("JobFile.swift.o"))
    }

    @Test func catalogueCoversEveryAreaWithAtLeastSixtyUniqueCases() {
        let rows = Self.catalogue
        #expect(rows.count >= 60, "the catalogue has \(rows.count) cases")
        #expect(Set(rows.map(\.id)).count == rows.count, "case ids repeat")
        for area in Area.allCases {
            #expect(rows.contains { $0.area == area }, "no case for \(area.rawValue)")
        }
        for row in rows {
            #expect(!row.mentions.isEmpty, "\(row.id) asserts no message content")
        }
    }
}
