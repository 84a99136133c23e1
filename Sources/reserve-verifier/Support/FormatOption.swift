import ArgumentParser
import Foundation
import ReserveCore

/// `--format`: the command's output format. Default: the configuration file's `format` when the
/// command offers it, else the command's built-in default (text).
struct FormatOption<Format: CommandFormat>: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            """
            Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")). Default: the configuration \
            file's format, else \(Format.builtInDefault.rawValue).
            """,
            valueName: "format"))
    var format: Format?

    /// The format in use: the option, else the configuration's, else the built-in default.
    var value: Format { format ?? Environment.format(Format.self) ?? .builtInDefault }
}
