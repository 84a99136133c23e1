import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

/// The bank's own registry and policy file (`bank-policy/1`): check it before use, print its
/// JSON Schema. `verify`, `reevaluate`, `lint --rules` and `rules` take it with `--policy FILE`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check the bank's policy file (bank-policy/1) or print its JSON Schema.",
        subcommands: [Lint.self, Schema.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract:
                """
                Decode a policy file strictly: `ok` with its identity and contents (exit 0), or the first problem \
                (exit 2).
                """
        )

        @Argument(help: "The policy file.", completion: .file())
        var file: String

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let bytes = try Files.read(file, limit: ReaderLimits.bankPolicy.maxFileBytes)
            let policy: BankPolicy
            do {
                policy = try BankPolicy.decode(bytes, sha256: OpenSSLProvider().sha256(bytes).hex)
            } catch {
                throw VerifierError(error.code, "\(file): \(error.message)", detail: error.detail)
            }
            Console.out(
                "ok: \(policy.identity): \(policy.regimes.count) accepted regime"
                    + "\(policy.regimes.count == 1 ? "" : "s"), "
                    + "\(policy.approved.count) approved part\(policy.approved.count == 1 ? "y" : "ies"), "
                    + "\(policy.networkAssessments.count) network assessment"
                    + "\(policy.networkAssessments.count == 1 ? "" : "s"), "
                    + "\(policy.calibrations.count) calibration\(policy.calibrations.count == 1 ? "" : "s")\n")
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema (draft 2020-12) of bank-policy/1.")

        func run() throws {
            Console.out(JSONWriter.write(PolicySchema.document) + "\n")
        }
    }
}
