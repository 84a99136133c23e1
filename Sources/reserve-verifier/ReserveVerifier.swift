import ArgumentParser

@main
struct ReserveVerifier: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "reserve-verifier",
        abstract: "Verify signed stablecoin reserve attestations and decide Basel SCO60 Group 1b eligibility.",
        discussion: """
            Exit codes: 0 every attestation verified and Group 1b eligible; 1 the checks ran and a gating \
            finding failed; 2 something could not be checked (unreadable or malformed input, OpenSSL or \
            SQLite failure); 64 usage error.
            """,
        version: version,
        subcommands: [
            Verify.self, Watch.self, Status.self, History.self, Reevaluate.self, LedgerCommand.self, Keys.self, Lint.self, Sign.self,
            Schema.self, RulesCommand.self,
            RecordCommand.self, Diff.self, Report.self,
        ]
    )
}
