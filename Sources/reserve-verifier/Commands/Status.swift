import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
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
