import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Two evaluations side by side, finding by finding: two ledger evaluations, "
            + "or one attestation under two profiles.",
        discussion: """
            `diff 12 15 [--db FILE]` compares evaluations 12 and 15 of the ledger (ids as `history` shows them; two \
            attestations of one coin, or one under two profiles or tool versions). \
            `diff FILE --profile bcbs --profile hkma` \
            verifies FILE once and evaluates it under both profiles, recording nothing. Prints the verdict change, the \
            coverage figures and the changed rules only. Exit 0 nothing changed, 1 something changed, \
            2 could not compare.
            """)

    @Argument(
        help: "Two evaluation ids from the ledger, or one envelope file with two --profile options.",
        completion: .file())
    var operands: [String]

    @Option(
        name: .customLong("profile"),
        help:
            "With one envelope file: the two profiles to compare (\(Profile.all.map(\.name).joined(separator: ", "))).")
    var profiles: [String] = []

    @OptionGroup var database: DatabaseOption

    @Option(help: "The trust store folder (with --profile).", completion: .directory)
    var keys: String = "keys"

    @Option(help: "Evaluate as of this RFC 3339 UTC time (with --profile; default: now).")
    var at: Timestamp?

    @OptionGroup var output: FormatOption<OutputFormat>
    var format: OutputFormat { output.value }

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if profiles.isEmpty {
            guard operands.count == 2, operands.allSatisfy({ Int64($0).map { $0 > 0 } ?? false }) else {
                throw ValidationError(
                    "give two evaluation ids (e.g. `diff 12 15`), or one file with two --profile options")
            }
            if at != nil { throw ValidationError("--at goes with --profile: ledger evaluations keep their own time") }
        } else {
            guard profiles.count == 2, operands.count == 1 else {
                throw ValidationError(
                    "--profile compares one envelope file under exactly two profiles: "
                        + "`diff FILE --profile bcbs --profile hkma`"
                )
            }
            for name in profiles where Profile.named(name) == nil {
                throw ValidationError(
                    "unknown profile '\(name)' (use \(Profile.all.map(\.name).joined(separator: ", ")))")
            }
        }
    }

    func run() throws {
        try runLedgerCommand { () throws(VerifierError) in
            let diff = profiles.isEmpty ? try ledgerDiff() : try profileDiff()
            switch format {
            case .json: Console.out(JSONWriter.write(diff.json) + "\n")
            case .text: Console.out(diff.text)
            }
            return diff.isEmpty ? 0 : 1
        }
    }

    private func ledgerDiff() throws(VerifierError) -> EvaluationDiff {
        let ledger = try database.openForReading()
        var sides: [EvaluationDiff.Side] = []
        for operand in operands {
            guard let id = Int64(operand), let stored = try ledger.evaluation(id: id) else {
                throw VerifierError(
                    .invalidValue, "\(database.path) has no evaluation \(operand) (see `reserve-verifier history`)")
            }
            sides.append(
                .init(
                    label: "evaluation \(id)", summary: stored.summary,
                    composition: Self.composition(stored.envelope)))
        }
        return EvaluationDiff(left: sides[0], right: sides[1])
    }

    private func profileDiff() throws(VerifierError) -> EvaluationDiff {
        let store = try TrustStoreLoader.load(keys)
        let inputs = try Inputs.collect(operands)
        guard inputs.count == 1 else {
            throw VerifierError(.invalidValue, "\(operands[0]) holds \(inputs.count) envelopes: name one file")
        }
        let provider = OpenSSLProvider()
        let loaded = VerifyPipeline.load(inputs, limit: DecodingLimits.default.maxBytes, hasher: provider)[0]
        let time = at ?? Clock.now()
        let verifier = AttestationVerifier(store: store, provider: provider)
        let tool = "reserve-verifier \(ReserveVerifier.version)"
        var sides: [EvaluationDiff.Side] = []
        for name in profiles {
            let evaluator = Evaluator(profile: Profile.named(name) ?? .bcbs)
            let checked = VerifyPipeline.check(
                loaded, verifier: verifier, evaluator: evaluator, at: time, firstSeen: nil)
            guard case .success(let assessment) = checked.outcome else {
                if case .failure(let error) = checked.outcome { throw error }
                continue
            }
            let evaluation = evaluator.decide(assessment, history: .unrecorded)
            sides.append(
                .init(
                    label: "profile \(name)",
                    summary: EvaluationSummary(assessment.verified, evaluation, tool: tool, evaluatedAt: time),
                    composition: EvaluationDiff.Side.composition(of: assessment.verified.attestation)))
        }
        return EvaluationDiff(left: sides[0], right: sides[1])
    }

    /// The reserves by asset class of a stored envelope (checked when it was recorded), or nil when
    /// it no longer decodes (then `diff` compares without the composition).
    static func composition(_ envelope: [UInt8]) -> [String: Decimal]? {
        let payload = (try? EnvelopeReader().open(envelope).payload) ?? envelope
        guard case .success(let attestation) = AttestationDecoder().decodeAll(payload) else { return nil }
        return EvaluationDiff.Side.composition(of: attestation)
    }
}
