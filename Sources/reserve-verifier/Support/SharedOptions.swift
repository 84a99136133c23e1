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

/// `--keys DIR`: the trust store. Default: `$RESERVE_VERIFIER_KEYS`, else the configuration's
/// `keys`, else `keys`.
struct KeysOption: ParsableArguments {
    @Option(
        help: "The trust store folder. Default: $RESERVE_VERIFIER_KEYS, else the configuration file's keys, else keys.",
        completion: .directory)
    var keys: String = Environment.keys
}

/// The values a command's `--format` takes; the first listed is the built-in default.
protocol CommandFormat: ExpressibleByArgument, CaseIterable, RawRepresentable<String>, Sendable {
    static var builtInDefault: Self { get }
}

/// `--format`: the command's output format. Default: the configuration file's `format` when the
/// command offers it, else the command's built-in default (text).
struct FormatOption<Format: CommandFormat>: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")). Default: the configuration file's format, else \(Format.builtInDefault.rawValue).",
            valueName: "format"))
    var format: Format?

    /// The format in use: the option, else the configuration's, else the built-in default.
    var value: Format { format ?? Environment.format(Format.self) ?? .builtInDefault }
}

/// `--profile NAME`: a rule profile, checked as the option is parsed.
struct ProfileName: ExpressibleByArgument, Sendable {
    let profile: Profile

    init?(argument: String) {
        guard let profile = Profile.named(argument) else { return nil }
        self.profile = profile
    }

    static var allValueStrings: [String] { Profile.all.map(\.name) }
}

/// `--exposure`, `--other-group2-exposure`, `--tier1-capital`: an exact non-negative decimal
/// (never a binary floating-point number), checked as the option is parsed.
struct AmountArgument: ExpressibleByArgument, Sendable {
    let amount: Amount

    init?(argument: String) {
        guard case .success(let amount) = Amount.parse(argument) else { return nil }
        self.amount = amount
    }
}

/// `--algorithm`: a signature algorithm this tool knows, checked as the option is parsed.
struct AlgorithmArgument: ExpressibleByArgument, Sendable {
    let algorithm: SignatureAlgorithm

    init?(argument: String) {
        guard let algorithm = SignatureAlgorithm(rawValue: argument) else { return nil }
        self.algorithm = algorithm
    }

    static var allValueStrings: [String] { SignatureAlgorithm.allCases.map(\.rawValue) }
}
