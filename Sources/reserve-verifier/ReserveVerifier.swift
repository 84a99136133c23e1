import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore

@main
struct ReserveVerifier: AsyncParsableCommand {
    static let version = "0.1.0"

    /// `--version`: the tool's version, the commit it was built from (``BuildInfo``, stamped by the
    /// BuildInfo plugin), and the OpenSSL and SQLite libraries it runs on.
    static var versionLine: String {
        "\(version) (commit \(BuildInfo.commit); \(OpenSSLVersion.text); SQLite \(SQLiteVersion.text))"
    }

    static let configuration = CommandConfiguration(
        commandName: "reserve-verifier",
        abstract: "Verify signed stablecoin reserve attestations and decide Basel SCO60 Group 1b eligibility.",
        discussion: """
            Exit codes: 0 every attestation verified and Group 1b eligible; 1 the checks ran and a gating \
            finding failed; 2 something could not be checked (unreadable or malformed input, OpenSSL or \
            SQLite failure); 64 usage error.

            Defaults, in order: an option on the command line; else the environment (RESERVE_VERIFIER_KEYS, \
            RESERVE_VERIFIER_PROFILE, RESERVE_VERIFIER_DB, RESERVE_VERIFIER_POLICY); else the JSON file that \
            RESERVE_VERIFIER_CONFIG names, whose keys are keys, db, profile, policy and format (relative paths \
            are relative to that file; an unknown key is refused, E005); else the built-in default.
            """,
        version: versionLine,
        subcommands: [
            Verify.self, Watch.self, Status.self, History.self, Reevaluate.self, LedgerCommand.self, Keys.self,
            Lint.self, Sign.self,
            Schema.self, RulesCommand.self, PolicyCommand.self,
            RecordCommand.self, Diff.self, Report.self,
        ]
    )

    /// Runs the command; the one place a ``VerifierError`` becomes exit status 2 (its code, name
    /// and message on stderr; `--verbose` adds the detail). Commands just throw it.
    static func main() async {
        do {
            var command = try parseAsRoot()
            // A configuration file that cannot be used stops every command (after parsing, so that
            // --help, `help` and --version still answer: parsing turns them into ArgumentParser's
            // internal HelpCommand, or a clean exit).
            if String(describing: type(of: command)) != "HelpCommand" { _ = try ConfigFile.loaded.get() }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as VerifierError {
            Console.error(error, verbose: CommandLine.arguments.contains("--verbose"))
            Foundation.exit(ExitCode.notChecked.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
