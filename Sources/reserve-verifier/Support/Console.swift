import Foundation
import ReserveCore

/// The only place that writes to the terminal. Results go to stdout, everything else to stderr.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func error(_ error: VerifierError, verbose: Bool = false) {
        var line = "error \(error.code.rawValue) \(error.code.name): \(error.message)\n"
        if verbose, let detail = error.detail { line += "  detail: \(detail)\n" }
        if verbose { line += "  at: \(error.location)\n" }
        err(line)
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var useColor: Bool {
        stdoutIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
