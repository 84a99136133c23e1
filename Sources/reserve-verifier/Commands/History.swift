import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
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
            case .json: Console.out(HistoryRenderer.json(entries, issuer: issuer))
            case .csv: Console.out(HistoryRenderer.csv(entries))
            case .text: Console.out(HistoryRenderer.text(entries, issuer: issuer))
            }
            return 0
        }
    }
}
