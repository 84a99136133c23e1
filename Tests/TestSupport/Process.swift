import Foundation
import ReserveCore

/// What one run of a command gave.
public struct RunResult: CustomStringConvertible, Sendable {
    public let status: Int32
    public let stdout: [UInt8]
    public let stderr: String

    public init(status: Int32, stdout: [UInt8], stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stdout as text.
    public var output: String { String(decoding: stdout, as: UTF8.self) }

    public var description: String {
        "exit \(status)\n--- stdout ---\n\(output.prefix(4000))\n--- stderr ---\n\(stderr.prefix(4000))"
    }

    /// stdout parsed as strict JSON.
    public func json() throws -> JSONValue {
        do {
            return try JSONParser().parse(stdout)
        } catch {
            throw TestFailure("stdout is not strict JSON (\(error)):\n\(output.prefix(2000))")
        }
    }
}

/// A process for `executable arguments...`, not started: stdin closed, working directory
/// `directory` (nil: this process's), the test runner's environment with `NO_COLOR=1`, without
/// `RESERVE_VERIFIER_DB` (the ledger goes to the working directory, never a shared file), and with
/// `environment` on top. The caller chooses stdout and stderr.
public func makeProcess(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil,
    environment: [String: String] = [:]
) -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "RESERVE_VERIFIER_DB")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    return process
}

/// Runs a program (set up as ``makeProcess(_:_:in:environment:)`` does), capturing stdout and
/// stderr through files: a chatty command cannot fill a pipe and block.
///
/// - Parameters:
///   - deadline: when given, a run still going after it is terminated and reported as a hang
///     (a thrown ``TestFailure``), never waited out.
///   - mergingStandardError: stderr goes into the same file as stdout (``RunResult/stderr`` is
///     empty), as a shell's `2>&1` does.
public func runProgram(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil,
    environment: [String: String] = [:], deadline: Duration? = nil,
    mergingStandardError: Bool = false
) throws -> RunResult {
    let tag = UUID().uuidString
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("rv-test-stdout-\(tag)")
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("rv-test-stderr-\(tag)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let process = makeProcess(executable, arguments, in: directory, environment: environment)
    process.standardOutput = outHandle
    process.standardError = mergingStandardError ? outHandle : errHandle
    try process.run()
    var hung = false
    if let deadline {
        let clock = ContinuousClock()
        let start = clock.now
        while process.isRunning && clock.now - start < deadline { usleep(10_000) }
        hung = process.isRunning
        if hung { process.terminate() }
    }
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    if hung, let deadline {
        throw TestFailure(
            "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(deadline): a hang"
        )
    }
    return RunResult(
        status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Finds an executable on `PATH`.
public func executableOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// Runs the sqlite3 command-line tool (the "edit made with the sqlite3 tool" of the tests) and
/// returns what it printed, stdout and stderr together, trimmed.
public func sqlite3(_ database: String, _ sql: String) throws -> String {
    let result = try runProgram(
        URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", database, sql], mergingStandardError: true)
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
}
