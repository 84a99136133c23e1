import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore

@main
struct ReserveVerifier: ParsableCommand {
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
    ///
    /// A synchronous entry point: an async command runs as a task (``runToEnd(_:)``) while this
    /// thread waits for it. An `async` main would park the main thread in libdispatch's
    /// `dispatch_main`, which on Linux waits in `sigsuspend` for the life of the process, where
    /// valgrind (callgrind) cannot follow it.
    static func main() {
        do {
            var command = try parseAsRoot()
            // A configuration file that cannot be used stops every command (after parsing, so that
            // --help, `help` and --version still answer: parsing turns them into ArgumentParser's
            // internal HelpCommand, or a clean exit).
            if String(describing: type(of: command)) != "HelpCommand" { _ = try ConfigFile.loaded.get() }
            if let asyncCommand = command as? AsyncParsableCommand {
                try runToEnd(asyncCommand)
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

    /// Runs an async command to its end from this synchronous `main`: the command runs as a
    /// detached task on Swift's global executor while the calling thread waits, and its error,
    /// if any, is thrown here as if the command had run on this thread.
    private static func runToEnd(_ command: any AsyncParsableCommand) throws {
        let run = AsyncRun(command)
        Task.detached { await run.run() }
        run.done.wait()
        if let error = run.error { throw error }
    }

    /// The command and its outcome, handed between the waiting thread and the task: the task
    /// alone touches them until it signals `done`, and the waiting thread reads them only after.
    private final class AsyncRun: @unchecked Sendable {
        var command: any AsyncParsableCommand
        var error: (any Error)?
        let done = DispatchSemaphore(value: 0)

        init(_ command: any AsyncParsableCommand) { self.command = command }

        func run() async {
            do {
                try await command.run()
            } catch {
                self.error = error
            }
            done.signal()
        }
    }
}
