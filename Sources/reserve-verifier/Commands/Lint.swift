import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check an unsigned payload before signing: print every problem (exit 0 none, 1 some).",
        discussion: "With --rules, also show what the rules would say of the draft if it were validly signed.")

    @Argument(
        help: "The payload (reserve-attestation/1 JSON), or an envelope whose payload to check.", completion: .file())
    var payload: String

    @Flag(help: "Also evaluate the rules on the draft.")
    var rules = false

    @OptionGroup var profile: ProfileOption

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @OptionGroup var limits: LimitOptions

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let bytes = try Files.read(payload, limit: limits.maxBytes)
        // An envelope is opened (not verified) so issuers can lint what they are about to publish.
        var payloadBytes = bytes
        if let envelope = try? EnvelopeReader(limits: limits.limits).open(bytes), envelope.kind != .unsigned {
            payloadBytes = envelope.payload
        }
        let decoder = AttestationDecoder(limits: limits.limits)
        let problems: [VerifierError]
        var evaluation: Evaluation?
        switch decoder.decodeAll(payloadBytes) {
        case .failure(let failure):
            problems = failure.problems
        case .success(let attestation):
            problems = []
            if rules {
                evaluation = Evaluator(profile: try profile.resolved().profile).evaluateDraft(
                    attestation, at: at ?? Clock.now())
            }
        }
        switch format {
        case .json:
            var root = JSONObject()
            root["source"] = .string(payload)
            root["problems"] = .array(
                problems.map {
                    ["code": .string($0.code.rawValue), "name": .string($0.code.name), "message": .string($0.message)]
                })
            if let evaluation {
                root["findings"] = .array(evaluation.findings.map(ReportRenderer.json))
                root["verdict"] = ReportRenderer.json(evaluation.verdict)
            }
            Console.out(JSONWriter.write(.object(root)) + "\n")
        case .text:
            var out = ""
            if problems.isEmpty {
                out += "\(payload): no problems\n"
            } else {
                out += "\(payload): \(problems.count) problem\(problems.count == 1 ? "" : "s")\n"
                for p in problems { out += "  \(p.code.rawValue) \(p.code.name): \(p.message)\n" }
            }
            if let evaluation {
                let v = evaluation.verdict
                let blocking = v.blocking.map(\.rawValue).joined(separator: ", ")
                let draft = v.eligible ? "would be eligible" : "not eligible, blocked by \(blocking)"
                out += "  draft verdict: \(draft) under \(v.profile)\n"
                for f in evaluation.findings where f.status != .pass && f.status != .notApplicable {
                    out +=
                        """
                          \(f.status.rawValue.padded(to: 18))\
                        \(f.rule.rawValue.padded(to: 20))\(f.message)\n
                        """
                }
            }
            Console.out(out)
        }
        if !problems.isEmpty || evaluation?.verdict.eligible == false { throw ExitCode(1) }
    }
}
