import Foundation
import ReserveCore
import TestSupport
import Testing

/// The `reserve-verifier` binary that `swift test` built next to the test bundle.
enum CLI {
    /// Runs `reserve-verifier arguments...` in `directory`.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
        try VerifierBinary.run(arguments, in: directory, environment: environment)
    }
}

/// A temporary working folder, optionally seeded with copies of the package's samples.
final class Workspace {
    let url: URL

    enum Seed { case attestations, keys, payloads, privateKeys }

    init(_ seeds: Set<Seed> = []) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reserve-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let copies: [(Seed, String)] = [
            (.attestations, "attestations"), (.keys, "keys"), (.payloads, "samples/payloads"),
            (.privateKeys, "samples/private-keys-SAMPLE-ONLY"),
        ]
        for (seed, path) in copies where seeds.contains(seed) {
            let destination = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
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
        try OpenSSLTool.locate().check(arguments, in: url)
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
