import Foundation
import ReserveCore
import Testing

/// A failure in test set-up, with a message that says what to fix.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The package root, found from this file's path (Tests/CLITests/Support/CLI.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What one run of a command gave.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdout: [UInt8]
    let stderr: String

    var output: String { String(decoding: stdout, as: UTF8.self) }

    var description: String { "exit \(status)\n--- stdout ---\n\(output.prefix(4000))\n--- stderr ---\n\(stderr.prefix(4000))" }

    /// stdout parsed as strict JSON.
    func json() throws -> JSONValue {
        do {
            return try JSONParser().parse(stdout)
        } catch {
            throw TestFailure("stdout is not strict JSON (\(error)):\n\(output.prefix(2000))")
        }
    }
}

/// Runs a program with stdin closed, capturing stdout and stderr through files (a chatty
/// command cannot fill a pipe and block).
func runProgram(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
    let tag = UUID().uuidString
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("cli-stdout-\(tag)")
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("cli-stderr-\(tag)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // The ledger goes to the working directory (a fresh temporary folder), never a shared file.
    env.removeValue(forKey: "RESERVE_VERIFIER_DB")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return RunResult(status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
                     stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// The `reserve-verifier` binary that `swift test` built next to the test bundle.
enum CLI {
    static let binary: Result<URL, TestFailure> = locate()

    private static func locate() -> Result<URL, TestFailure> {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["RESERVE_VERIFIER_BIN"], fm.isExecutableFile(atPath: explicit) {
            return .success(URL(fileURLWithPath: explicit))
        }
        // Linux: the test runner is `<products>/<package>PackageTests.xctest`, an executable in the
        // products folder. macOS: the `.xctest` bundle sits in the products folder.
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            let runner = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders.append(runner.deletingLastPathComponent())
            // macOS: .../X.xctest/Contents/MacOS/X
            folders.append(runner.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("reserve-verifier")
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return .success(candidate)
            }
        }
        return .failure(TestFailure("reserve-verifier was not found next to the test bundle (looked in \(folders.map(\.path))); "
                                    + "run through `swift test`, or set RESERVE_VERIFIER_BIN"))
    }

    /// Runs `reserve-verifier arguments...` in `directory`.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
        try runProgram(try binary.get(), arguments, in: directory, environment: environment)
    }
}

/// A temporary working folder, optionally seeded with copies of the package's samples.
final class Workspace {
    let url: URL

    enum Seed { case attestations, keys, payloads, privateKeys }

    init(_ seeds: Set<Seed> = []) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reserve-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let copies: [(Seed, String)] = [(.attestations, "attestations"), (.keys, "keys"), (.payloads, "samples/payloads"),
                                        (.privateKeys, "samples/private-keys-SAMPLE-ONLY")]
        for (seed, path) in copies where seeds.contains(seed) {
            let destination = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(path), to: destination)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func write(_ text: String, to name: String) throws { try write(Array(text.utf8), to: name) }

    func read(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url.appendingPathComponent(name))) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Runs `reserve-verifier` here.
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> RunResult {
        try CLI.run(arguments, in: url, environment: environment)
    }

    func run(arguments: [String]) throws -> RunResult { try CLI.run(arguments, in: url) }

    /// Runs the `openssl` tool here; throws unless it exits 0. Returns stdout.
    @discardableResult
    func openssl(_ arguments: String...) throws -> [UInt8] {
        let result = try runProgram(try OpenSSL.tool(), arguments, in: url)
        guard result.status == 0 else { throw TestFailure("openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }
}

/// Finds an executable on PATH.
func executableOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

enum OpenSSL {
    static func tool() throws -> URL {
        guard let url = executableOnPath("openssl") else { throw TestFailure("the openssl tool is not on PATH; apt-get install openssl") }
        return url
    }
}

enum Python {
    static func tool() throws -> URL {
        guard let url = executableOnPath("python3") else { throw TestFailure("python3 is not on PATH") }
        return url
    }

    /// Whether `python3 -c 'import jsonschema'` works (the schema tests need it).
    static let hasJSONSchema: Bool = {
        guard let python = executableOnPath("python3") else { return false }
        let result = try? runProgram(python, ["-c", "import jsonschema"], in: FileManager.default.temporaryDirectory)
        return result?.status == 0
    }()
}

// MARK: JSON navigation

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o[key]
    }

    subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    var string: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    var array: [JSONValue]? {
        guard case .array(let a) = self else { return nil }
        return a
    }

    var bool: Bool? {
        guard case .bool(let b) = self else { return nil }
        return b
    }

    var int: Int? {
        guard case .number(let n) = self else { return nil }
        return Int(n)
    }
}
