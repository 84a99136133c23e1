import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport
import Testing

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

    func input(_ envelope: [UInt8], at time: Timestamp, store: TrustStore? = nil, profile: Profile = .bcbs) throws -> TestRecord {
        let trust = store ?? self.store
        let verified = try AttestationVerifier(store: trust, provider: OpenSSLProvider()).verify(envelope, at: time)
        return TestRecord(item: RecordItem(source: "test", envelope: envelope, detachedSignature: nil, verified: verified,
                                           evaluatedAt: time, toolVersion: "test"),
                          evaluator: Evaluator(profile: profile))
    }
}

/// A verified envelope and the evaluator that decides its verdict when the ledger records it.
struct TestRecord {
    var item: RecordItem
    var evaluator: Evaluator
}

extension Ledger {
    /// Records as `verify` does: the evaluator decides from the history the ledger reads.
    func record(_ input: TestRecord) throws(VerifierError) -> RecordOutcome {
        try record(input.item) { input.evaluator.evaluate(input.item.verified, history: $0, at: input.item.evaluatedAt) }
    }
}

let nov22 = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant fixture: parses by construction

extension Evaluation {
    func status(_ rule: RuleID) -> FindingStatus? { findings(for: rule).first?.status }
}

/// Starts the built `reserve-verifier` binary in the background.
enum Binary {
    /// Starts the binary with stdout and stderr discarded; the caller waits for it.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = VerifierBinary.process(arguments, in: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
