import ArgumentParser
import Foundation
import ReserveCore

/// `--quiet` and `--verbose`, on every command that prints notes or can fail.
struct GlobalOptions: ParsableArguments {
    @Flag(help: "No notes on standard error (a new ledger, progress); results and errors still print.")
    var quiet = false

    @Flag(help: "Show error details (OpenSSL error queue, SQLite message, source location).")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }
}
