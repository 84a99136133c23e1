import Foundation

/// One problem as the command line reports it on stderr: `error E0xx name: message`.
public struct ReportedError: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let name: String
    public let message: String

    public init(code: String, name: String, message: String) {
        self.code = code
        self.name = name
        self.message = message
    }

    public var description: String { "error \(code) \(name): \(message)" }
}

extension RunResult {
    /// The problem on stderr when stderr is exactly one `error E0xx name: message` line (without
    /// `--verbose`), else nil: a test that reads it asserts both the code and the whole message.
    public var reportedError: ReportedError? {
        guard stderr.hasPrefix("error E"), stderr.hasSuffix("\n"), stderr.filter({ $0 == "\n" }).count == 1 else {
            return nil
        }
        let line = stderr.dropFirst("error ".count).dropLast()
        guard let space = line.firstIndex(of: " "), let colon = line.range(of: ": ") else { return nil }
        let code = String(line[..<space])
        let name = String(line[line.index(after: space)..<colon.lowerBound])
        return ReportedError(code: code, name: name, message: String(line[colon.upperBound...]))
    }
}
