import Foundation

/// The `openssl` command-line tool, found on `PATH`.
public struct OpenSSLTool: Sendable {
    public let executable: URL

    public init(executable: URL) { self.executable = executable }

    /// Finds `openssl` on `PATH`, or throws a failure that says it is missing.
    public static func locate() throws -> OpenSSLTool {
        guard let executable = executableOnPath("openssl") else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            throw TestFailure(
                "the openssl command-line tool is not on PATH (\(path)); "
                    + "install it (apt-get install openssl) to run the tests that use it")
        }
        return OpenSSLTool(executable: executable)
    }

    /// Runs `openssl arguments...` in `directory` and returns its exit status and output.
    public func run(_ arguments: [String], in directory: URL) throws -> RunResult {
        try runProgram(executable, arguments, in: directory)
    }

    public func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> RunResult {
        try run(arguments, in: directory.url)
    }

    /// Runs the command and throws, with its stderr, unless it exits 0. Returns stdout.
    @discardableResult
    public func check(_ arguments: [String], in directory: URL) throws -> [UInt8] {
        let output = try run(arguments, in: directory)
        guard output.status == 0 else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return output.stdout
    }

    @discardableResult
    public func check(_ arguments: [String], in directory: TemporaryDirectory) throws -> [UInt8] {
        try check(arguments, in: directory.url)
    }
}
