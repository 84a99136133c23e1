import Foundation

/// A failure in test set-up (a missing tool, a command that failed), with a message that says
/// what to fix.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A scratch folder under the system temporary directory, removed by ``remove()``.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reserve-verification-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
    }

    func remove() {
        // Best effort: a leftover folder in /tmp must not fail a test that passed.
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try body(directory)
}

/// The `openssl` command-line tool, found on `PATH`.
struct OpenSSLTool: Sendable {
    let executable: URL

    static func locate() throws -> OpenSSLTool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("openssl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return OpenSSLTool(executable: candidate)
            }
        }
        throw TestFailure("the openssl command-line tool is not on PATH (\(path)); install it (apt-get install openssl)")
    }

    struct Output {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    /// Runs `openssl arguments...` in `directory`; output goes to files so a pipe never fills.
    func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> Output {
        let tag = UUID().uuidString
        let outURL = directory.url.appendingPathComponent(".stdout-\(tag)")
        let errURL = directory.url.appendingPathComponent(".stderr-\(tag)")
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
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs the command and throws, with its stderr, unless it exits 0. Returns stdout.
    @discardableResult
    func check(_ arguments: [String], in directory: TemporaryDirectory) throws -> [UInt8] {
        let output = try run(arguments, in: directory)
        guard output.status == 0 else {
            throw TestFailure("openssl \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return output.stdout
    }
}

/// The package root, found from this file's path (Tests/VerificationTests/Support/...).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample payloads the tests sign.
enum SamplePayload {
    /// `samples/payloads/kizuna-yen-2026-10.json`: issuer `kizuna-yen`, issuedAt 2026-11-02T01:00:00Z.
    static func kizunaYen() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("samples/payloads/kizuna-yen-2026-10.json")))
    }

    static let issuer = "kizuna-yen"
    static let issuedAt = "2026-11-02T01:00:00Z"

    /// `payload` with its first occurrence of `old` replaced by `new` (throws when absent, so a
    /// changed sample cannot silently turn a test into a no-op).
    static func replacing(_ old: String, with new: String, in payload: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: payload, as: UTF8.self)
        guard let range = text.range(of: old) else { throw TestFailure("the sample payload has no \(old)") }
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }
}

extension Array where Element == UInt8 {
    /// Bytes from hex text, or nil if the text is not hex.
    init?(hex text: String) {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ d: UInt8) -> UInt8? {
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var i = 0
        while i < digits.count {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
            i += 2
        }
        self = bytes
    }
}
