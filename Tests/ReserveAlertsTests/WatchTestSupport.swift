import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension TemporaryDirectory {
    /// A copy of the shipped trust store, so tests can refer to `keys`.
    func copyKeys() throws {
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("keys"), to: url.appendingPathComponent("keys"))
    }
}

/// Signs variants of the Kizuna Yen sample (issuer + custodian, both sample-only keys): an
/// eligible coin that a test can make ineligible (settlementFinality false) and eligible again.
struct KizunaFactory {
    let issuer: PrivateKey
    let custodian: PrivateKey
    let payload: String

    init() throws {
        let keys = packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY")
        issuer = try PrivateKey(pem: [UInt8](try Data(contentsOf: keys.appendingPathComponent("kizuna-issuer.pem"))))
        custodian = try PrivateKey(
            pem: [UInt8](try Data(contentsOf: keys.appendingPathComponent("kizuna-custodian.pem"))))
        payload = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/payloads/kizuna-yen-2026-10.json"), encoding: .utf8)
    }

    /// Sequence 12 is the sample's; later sequences move asOf and issuedAt on by a day each.
    func envelope(sequence: Int, eligible: Bool = true) throws -> [UInt8] {
        let day = sequence - 12
        var text = payload.replacingOccurrences(of: "\"sequence\": 12", with: "\"sequence\": \(sequence)")
        text = text.replacingOccurrences(
            of: "2026-10-31T15:00:00Z",
            with: Timestamp.parse("2026-10-31T15:00:00Z")!.adding(seconds: Int64(day) * 86_400).description)
        text = text.replacingOccurrences(
            of: "\"issuedAt\": \"2026-11-02T01:00:00Z\"",
            with: "\"issuedAt\": \"\(Timestamp.parse("2026-11-02T01:00:00Z")!.adding(seconds: Int64(day) * 86_400))\"")
        if !eligible {
            text = text.replacingOccurrences(of: "\"settlementFinality\": true", with: "\"settlementFinality\": false")
        }
        let bytes = Array(text.utf8)
        let message = EnvelopeWriter.dsseSigningInput(payload: bytes)
        return EnvelopeWriter.dsse(
            payload: bytes,
            signatures: [
                .init(
                    keyID: issuer.publicKey.id,
                    signature: try issuer.sign(message, algorithm: issuer.defaultAlgorithm)),
                .init(
                    keyID: custodian.publicKey.id,
                    signature: try custodian.sign(message, algorithm: custodian.defaultAlgorithm)),
            ])
    }
}

/// The loopback test server (Fixtures/test_server.py), started per test and stopped after.
final class TestServer {
    let process: Process
    let port: Int
    let root: URL

    init(root: URL, lifetime: Int = 120) throws {
        self.root = root
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rv-server-\(UUID().uuidString).port")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", packageRoot.appendingPathComponent("Tests/ReserveAlertsTests/Fixtures/test_server.py").path,
            root.path,
            String(lifetime), portFile.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var port: Int?
        while port == nil && Date() < deadline && process.isRunning {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { usleep(20_000) }
        }
        try? FileManager.default.removeItem(at: portFile)
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func get(_ path: String) throws -> Data {
        try Data(contentsOf: URL(string: base + path)!)  // constant test URL
    }

    func post(_ path: String) throws {
        var request = URLRequest(url: URL(string: base + path)!)  // constant test URL
        request.httpMethod = "POST"
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, _, _ in done.signal() }.resume()
        done.wait()
    }

    /// SIGKILL: a child of the test runner may inherit SIGTERM blocked or ignored.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// The path of an executable on PATH, or nil.
func tool(_ name: String) -> String? { executableOnPath(name)?.path }

/// A JSONL file's lines parsed as alerts.
func alertLines(_ path: String) -> [JSONObject] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
        guard case .object(let o)? = try? JSONParser().parse(Array(line.utf8)) else { return nil }
        return o
    }
}

extension JSONObject {
    func string(_ key: String) -> String? { if case .string(let s)? = self[key] { s } else { nil } }
}

extension RunResult {
    /// The round's summary line on stderr (the text log format writes it bare: `round: ...`), the
    /// last one when there are several.
    var roundLine: String? {
        stderr.split(separator: "\n").last { $0.hasPrefix("round: ") }.map(String.init)
    }

    /// stderr's first line (ArgumentParser's `Error: <message>` for a usage error, then the usage).
    var firstErrorLine: String? { stderr.split(separator: "\n").first.map(String.init) }
}

/// A text's lines: a Prometheus file or a command's output compared line by line, whole lines.
func textLines(_ text: String) -> [String] { text.components(separatedBy: "\n") }
