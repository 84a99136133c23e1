import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import Testing

/// The package root, from this file's path (Tests/ReserveStoreTests/X.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder per test, removed by `cleanup()`.
struct TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rv-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Signs variants of the Sakura Pay sample payload with its sample-only key and verifies them
/// against the shipped trust store: real envelopes for the ledger tests.
struct SakuraFactory {
    let key: PrivateKey
    let payload: String
    let store: TrustStore

    init() throws {
        let keyPEM = try Data(contentsOf: packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY/sakura-issuer.pem"))
        key = try PrivateKey(pem: [UInt8](keyPEM))
        payload = try String(contentsOf: packageRoot.appendingPathComponent("samples/payloads/sakura-pay-2026-10.json"), encoding: .utf8)
        store = try SakuraFactory.trustStore(freshnessDays: nil)
    }

    static func trustStore(freshnessDays: Int?) throws -> TrustStore {
        let folder = packageRoot.appendingPathComponent("keys/sakura-pay")
        var trust = try String(contentsOf: folder.appendingPathComponent("trust.json"), encoding: .utf8)
        if let freshnessDays {
            trust = trust.replacingOccurrences(of: "\"freshnessDays\": 35", with: "\"freshnessDays\": \(freshnessDays)")
        }
        var pems: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".pem") {
            pems[name] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return try TrustStore.load([TrustStore.Folder(name: "sakura-pay", trustJSON: Array(trust.utf8), pemFiles: pems)],
                                   provider: OpenSSLProvider())
    }

    /// A DSSE envelope of the payload with `sequence`, `asOf` and an optional marker changed.
    func envelope(sequence: Int, asOf: String = "2026-10-31T15:00:00Z", variant: String? = nil) throws -> [UInt8] {
        var text = payload.replacingOccurrences(of: "\"sequence\": 37", with: "\"sequence\": \(sequence)")
        text = text.replacingOccurrences(of: "\"asOf\": \"2026-10-31T15:00:00Z\"", with: "\"asOf\": \"\(asOf)\"")
        if let variant {
            text = text.replacingOccurrences(of: "accrued fees secured on reserves", with: "accrued fees secured on reserves (\(variant))")
        }
        let bytes = Array(text.utf8)
        let signature = try key.sign(EnvelopeWriter.dsseSigningInput(payload: bytes), algorithm: key.defaultAlgorithm)
        return EnvelopeWriter.dsse(payload: bytes, signatures: [.init(keyID: key.publicKey.id, signature: signature)])
    }

    func input(_ envelope: [UInt8], at time: Timestamp, store: TrustStore? = nil, profile: Profile = .bcbs) throws -> RecordInput {
        let trust = store ?? self.store
        let verified = try AttestationVerifier(store: trust, provider: OpenSSLProvider()).verify(envelope)
        let evaluator = Evaluator(profile: profile)
        return RecordInput(source: "test", envelope: envelope, detachedSignature: nil, verified: verified,
                           evaluation: evaluator.evaluate(verified, at: time), evaluator: evaluator,
                           freshnessDays: trust.issuers["sakura-pay"]?.file.policy.freshnessDays ?? 35, evaluatedAt: time,
                           toolVersion: "test")
    }
}

let nov22 = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant fixture: parses by construction

extension Evaluation {
    func status(_ rule: RuleID) -> FindingStatus? { findings(for: rule).first?.status }
}

/// Runs the built `reserve-verifier` binary.
struct Binary {
    static var url: URL {
        // swift test puts the executable beside the test bundle.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("reserve-verifier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/reserve-verifier")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "RESERVE_VERIFIER_DB")
        process.environment = env
        try process.run()
        return process
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "RESERVE_VERIFIER_DB")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Runs the sqlite3 command-line tool (the "edit made with the sqlite3 tool" of the tests).
func sqlite3(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", database, sql]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
