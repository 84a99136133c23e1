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
        let keyPEM = try Data(
            contentsOf: packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY/sakura-issuer.pem"))
        key = try PrivateKey(pem: [UInt8](keyPEM))
        payload = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/payloads/sakura-pay-2026-10.json"), encoding: .utf8)
        store = try SakuraFactory.trustStore(freshnessDays: nil)
    }

    /// The sakura-pay folder, also under other issuer names (one key listed by each, for tests of
    /// several coins).
    static func trustStore(freshnessDays: Int?, issuers: [String] = ["sakura-pay"]) throws -> TrustStore {
        let folder = packageRoot.appendingPathComponent("keys/sakura-pay")
        var trust = try String(contentsOf: folder.appendingPathComponent("trust.json"), encoding: .utf8)
        if let freshnessDays {
            trust = trust.replacingOccurrences(of: "\"freshnessDays\": 35", with: "\"freshnessDays\": \(freshnessDays)")
        }
        var pems: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".pem") {
            pems[name] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return try TrustStore.load(
            issuers.map { name in
                let renamed = trust.replacingOccurrences(
                    of: "\"issuer\": \"sakura-pay\"", with: "\"issuer\": \"\(name)\"")
                return TrustStore.Folder(name: name, trustJSON: Array(renamed.utf8), pemFiles: pems)
            }, provider: OpenSSLProvider())
    }

    /// A DSSE envelope of the payload with `sequence`, `asOf` and an optional marker changed.
    func envelope(
        sequence: Int, asOf: String = "2026-10-31T15:00:00Z", variant: String? = nil, issuer: String = "sakura-pay",
        token: String = "SKJPY", issuedAt: String? = nil
    ) throws -> [UInt8] {
        var text = payload.replacingOccurrences(of: "\"sequence\": 37", with: "\"sequence\": \(sequence)")
        if let issuedAt {
            text = text.replacingOccurrences(
                of: "\"issuedAt\": \"2026-11-04T09:00:00Z\"", with: "\"issuedAt\": \"\(issuedAt)\"")
        }
        text = text.replacingOccurrences(of: "\"id\": \"sakura-pay\"", with: "\"id\": \"\(issuer)\"")
        text = text.replacingOccurrences(of: "\"symbol\": \"SKJPY\"", with: "\"symbol\": \"\(token)\"")
        text = text.replacingOccurrences(of: "\"asOf\": \"2026-10-31T15:00:00Z\"", with: "\"asOf\": \"\(asOf)\"")
        if let variant {
            text = text.replacingOccurrences(
                of: "accrued fees secured on reserves", with: "accrued fees secured on reserves (\(variant))")
        }
        let bytes = Array(text.utf8)
        let signature = try key.sign(EnvelopeWriter.dsseSigningInput(payload: bytes), algorithm: key.defaultAlgorithm)
        return EnvelopeWriter.dsse(payload: bytes, signatures: [.init(keyID: key.publicKey.id, signature: signature)])
    }

    func input(_ envelope: [UInt8], at time: Timestamp, store: TrustStore? = nil, profile: Profile = .bcbs) throws
        -> TestRecord
    {
        let trust = store ?? self.store
        let verified = try AttestationVerifier(store: trust, provider: OpenSSLProvider()).verify(envelope, at: time)
        return TestRecord(
            item: RecordItem(
                source: "test", envelope: envelope, detachedSignature: nil, verified: verified,
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
        try record(input.item) {
            input.evaluator.evaluate(input.item.verified, history: $0, at: input.item.evaluatedAt)
        }
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

/// Signs variants of a sample coin's payload with all its sample-only keys (kizuna-yen: issuer and
/// custodian), verified against its shipped trust folder with an optional policy edit.
struct CoinFactory {
    let issuer: String
    let keys: [PrivateKey]
    let payload: String
    let store: TrustStore

    /// kizuna-yen: issuer (Ed25519) and custodian (P-384) both sign.
    init(maxSequenceStep: Int? = nil, revokedAt: String? = nil) throws {
        issuer = "kizuna-yen"
        keys = try ["kizuna-issuer.pem", "kizuna-custodian.pem"].map {
            try PrivateKey(
                pem: [UInt8](
                    Data(contentsOf: packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY/\($0)"))))
        }
        payload = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/payloads/kizuna-yen-2026-10.json"), encoding: .utf8)
        store = try CoinFactory.store(issuer: issuer, maxSequenceStep: maxSequenceStep, revokedAt: revokedAt)
    }

    /// The shipped trust folder; `revokedAt` revokes every key at that time.
    static func store(issuer: String, maxSequenceStep: Int? = nil, revokedAt: String? = nil) throws -> TrustStore {
        let folder = packageRoot.appendingPathComponent("keys/\(issuer)")
        var trust = try String(contentsOf: folder.appendingPathComponent("trust.json"), encoding: .utf8)
        if let maxSequenceStep {
            trust = trust.replacingOccurrences(
                of: "\"freshnessDays\": 35", with: "\"freshnessDays\": 35, \"maxSequenceStep\": \(maxSequenceStep)")
        }
        if let revokedAt {
            trust = trust.replacingOccurrences(of: "\"role\":", with: "\"revokedAt\": \"\(revokedAt)\", \"role\":")
        }
        var pems: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".pem") {
            pems[name] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return try TrustStore.load(
            [TrustStore.Folder(name: issuer, trustJSON: Array(trust.utf8), pemFiles: pems)],
            provider: OpenSSLProvider())
    }

    /// A DSSE envelope of the payload with `sequence`, `asOf` (and `issuedAt`, `lastPublished`
    /// one day later unless given) and an optional marker changed.
    func envelope(
        sequence: Int, asOf: String = "2026-10-31T15:00:00Z", issuedAt: String? = nil,
        variant: String? = nil
    ) throws -> [UInt8] {
        let issued = issuedAt ?? Timestamp.parse(asOf)!.adding(seconds: 86_400).description  // test input: parses
        var text = payload.replacingOccurrences(of: "\"sequence\": 12", with: "\"sequence\": \(sequence)")
        text = text.replacingOccurrences(of: "\"asOf\": \"2026-10-31T15:00:00Z\"", with: "\"asOf\": \"\(asOf)\"")
        text = text.replacingOccurrences(
            of: "\"issuedAt\": \"2026-11-02T01:00:00Z\"", with: "\"issuedAt\": \"\(issued)\"")
        text = text.replacingOccurrences(
            of: "\"lastPublished\": \"2026-11-02T01:00:00Z\"", with: "\"lastPublished\": \"\(issued)\"")
        if let variant {
            text = text.replacingOccurrences(of: "\"attestationId\": \"", with: "\"attestationId\": \"\(variant)-")
        }
        let bytes = Array(text.utf8)
        let input = EnvelopeWriter.dsseSigningInput(payload: bytes)
        let signatures = try keys.map { key in
            EnvelopeWriter.Signature(
                keyID: key.publicKey.id, signature: try key.sign(input, algorithm: key.defaultAlgorithm))
        }
        return EnvelopeWriter.dsse(payload: bytes, signatures: signatures)
    }

    /// Verified against this factory's (or another) trust store, as `verify` does: keys judged at
    /// the ledger's first sight of the envelope, else at `time`.
    func input(
        _ envelope: [UInt8], at time: Timestamp, ledger: Ledger? = nil, store: TrustStore? = nil,
        profile: Profile = CoinFactory.historyProfile
    ) throws -> TestRecord {
        let sha = OpenSSLProvider().sha256(envelope).hex
        let firstSeen = try ledger?.firstSeen(envelopeSHA256: [sha])[sha]
        let verified = try AttestationVerifier(store: store ?? self.store, provider: OpenSSLProvider())
            .verify(envelope, at: time, firstSeen: firstSeen)
        return TestRecord(
            item: RecordItem(
                source: "test", envelope: envelope, detachedSignature: nil, verified: verified,
                evaluatedAt: time, toolVersion: "test"),
            evaluator: Evaluator(profile: profile))
    }

    /// A ledger `l.sqlite` in `dir` holding kizuna-yen 12, 13 and an equivocating twin of 13
    /// (evaluation 3, which fails EQUIVOCATION), recorded in one batch at `time`: evaluations and
    /// attestations 1, 2, 3.
    func twinLedger(in dir: TemporaryDirectory, at time: Timestamp) throws -> (Ledger, String) {
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let inputs = [
            try input(try envelope(sequence: 12), at: time),
            try input(try envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: time),
            try input(try envelope(sequence: 13, asOf: "2026-11-01T16:00:00Z", variant: "twin"), at: time),
        ]
        _ = try ledger.record(batch: inputs.map(\.item)) { i, history in
            inputs[i].evaluator.evaluate(inputs[i].item.verified, history: history, at: time)
        }
        return (ledger, path)
    }

    /// A profile in which only integrity and history gate: these tests are about the verdict's
    /// history, not the reserves (whose readings other tests pin).
    static var historyProfile: Profile {
        var profile = Profile.bcbs
        profile.gating = [.sigTrusted, .attTime, .rollback, .equivocation, .sequenceJump, .stale]
        return profile
    }
}
