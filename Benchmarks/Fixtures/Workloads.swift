import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore

#if canImport(Glibc)
    import Glibc
#endif

/// The measured work, shared by the package-benchmark suite and the `bench-corpus profile`
/// runs (for perf and callgrind).
public enum Workloads {
    public static let toolVersion = "reserve-verifier bench"

    /// The baseline: one bare `EVP_DigestVerify` per envelope (through `PublicKey.verify`, a thin
    /// wrapper: fresh `EVP_MD_CTX`, strict DER check for ECDSA, error queue cleared) on the same
    /// keys and the same signed messages. Returns the number of valid signatures.
    @discardableResult
    public static func bareVerify(_ corpus: BenchCorpus) throws -> Int {
        var valid = 0
        for envelope in corpus.envelopes {
            let key = corpus.publicKeys[envelope.keyIndex]
            if try key.verify(
                signature: envelope.signature, message: envelope.signedMessage, algorithm: envelope.algorithm,
                encoding: .der)
            {
                valid += 1
            }
        }
        return valid
    }

    /// End to end on one thread: open the DSSE envelope, decode the payload, check the signature
    /// against the trust store, evaluate under `evaluator`, record in the ledger (one transaction
    /// per attestation, as `verify` does). Returns the number of attestations recorded as trusted.
    @discardableResult
    public static func endToEnd(
        _ corpus: BenchCorpus, verifier: AttestationVerifier, evaluator: Evaluator, ledger: Ledger
    ) throws -> Int {
        var trusted = 0
        for envelope in corpus.envelopes {
            let verified = try verifier.verify(envelope.bytes, at: corpus.evaluatedAt)
            let assessment = evaluator.assess(verified, at: corpus.evaluatedAt)
            let outcome = try ledger.record(
                RecordItem(
                    source: envelope.fileName, envelope: envelope.bytes, detachedSignature: nil, verified: verified,
                    evaluatedAt: corpus.evaluatedAt, toolVersion: toolVersion)
            ) { evaluator.decide(assessment, history: $0) }
            if verified.isTrusted && outcome.recorded { trusted += 1 }
        }
        return trusted
    }

    /// Verify and evaluate only (what `verify --no-record` does per file, without reading it).
    @discardableResult
    public static func verifyEvaluate(_ corpus: BenchCorpus, verifier: AttestationVerifier, evaluator: Evaluator) throws
        -> Int
    {
        var eligible = 0
        for envelope in corpus.envelopes {
            let verified = try verifier.verify(envelope.bytes, at: corpus.evaluatedAt)
            if evaluator.evaluate(verified, history: .unrecorded, at: corpus.evaluatedAt).verdict.eligible {
                eligible += 1
            }
        }
        return eligible
    }

    /// A fresh ledger file in a fresh temporary folder.
    public static func freshLedger(_ label: String) throws -> (Ledger, String) {
        let dir = NSTemporaryDirectory() + "reserve-bench-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/ledger.sqlite"
        return (try Ledger.open(path: path, hasher: OpenSSLProvider()), dir)
    }
}

/// Seconds on the monotonic clock.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Resident memory from /proc/self/status (Linux), for peak-memory figures of one piece of work.
public enum ResidentMemory {
    /// Gives freed heap back to the system, then resets the kernel's peak-RSS mark to the
    /// current RSS (`echo 5 > /proc/self/clear_refs`). Returns the RSS after that, in bytes.
    @discardableResult
    public static func resetPeak() -> Int {
        #if canImport(Glibc)
            // malloc_trim is not in the Glibc module map: look it up.
            typealias Trim = @convention(c) (Int) -> Int32
            if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") {
                _ = unsafeBitCast(symbol, to: Trim.self)(0)
            }
        #endif
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return field("VmRSS")
    }

    /// The peak RSS since the last ``resetPeak()``, in bytes.
    public static func peak() -> Int { field("VmHWM") }

    static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return (digits.first ?? 0) * 1024
        }
        return 0
    }
}

/// One signed DSSE envelope with a very large payload, and its trust store.
public struct LargeAttestation: Sendable {
    public let envelope: [UInt8]
    public let verifier: AttestationVerifier
    public let evaluator = Evaluator(profile: .bcbs)

    /// An ECDSA P-256 DSSE envelope of `lines` reserve lines for coin 0 (`bench-ec-000`).
    public static func envelope(lines: Int) throws -> [UInt8] {
        let key = try BenchKeys.p256()
        let payload = PayloadFactory.payload(
            issuer: BenchCorpus.issuer(coin: 0), token: BenchCorpus.token(coin: 0), sequence: 1, lines: lines)
        let signature = try key.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: .ecdsaP256SHA256)
        return EnvelopeWriter.dsse(payload: payload, signatures: [.init(keyID: key.publicKey.id, signature: signature)])
    }

    public static func make(lines: Int) throws -> LargeAttestation {
        let store = try BenchCorpus.make(count: 0, coins: 2 * BenchCorpus.tokensPerIssuer, lines: 1).trustStore()
        return LargeAttestation(
            envelope: try envelope(lines: lines),
            verifier: AttestationVerifier(store: store, provider: OpenSSLProvider()))
    }

    public struct Timings: Sendable {
        public var verify = 0.0
        public var rules = 0.0
        public var eligible = false
        public var findings = 0
        public var total: Double { verify + rules }
    }

    /// What `verify` does with the file's bytes: open, decode, check the signature, run every rule.
    public func run() throws -> Timings {
        var t = Timings()
        var verified: VerifiedAttestation?
        t.verify = try seconds { verified = try verifier.verify(envelope, at: PayloadFactory.evaluatedAt) }
        guard let verified, verified.isTrusted else {
            throw VerifierError(.malformedEnvelope, "the large attestation did not verify")
        }
        var evaluation: Evaluation?
        t.rules = seconds {
            evaluation = evaluator.evaluate(verified, history: .unrecorded, at: PayloadFactory.evaluatedAt)
        }
        t.eligible = evaluation?.verdict.eligible ?? false
        t.findings = evaluation?.findings.count ?? 0
        return t
    }

    public struct Breakdown: Sendable {
        public var open = 0.0
        public var decode = 0.0
        public var signature = 0.0
    }

    /// The parts of `verifier.verify`, each timed alone: envelope (JSON + base64), payload decode,
    /// signature check (hashing the whole PAE).
    public func breakdown() throws -> Breakdown {
        var b = Breakdown()
        var envelope: Envelope?
        b.open = try seconds { envelope = try EnvelopeReader().open(self.envelope) }
        var attestation: Attestation?
        b.decode = try seconds { attestation = try AttestationDecoder().decode(envelope!.payload) }
        b.signature = try seconds {
            _ = try SignatureChecker(store: verifier.store).check(
                envelope!, issuer: attestation!.issuer.id,
                signingTime: SigningTimeProof(time: PayloadFactory.evaluatedAt, source: .evaluation),
                issuedAt: attestation!.issuedAt)
        }
        return b
    }
}

/// Where one end-to-end pass spends its time, stage by stage (seconds over the whole corpus).
public struct StageTimings: Sendable, CustomStringConvertible {
    public var open = 0.0, decode = 0.0, signature = 0.0, verify = 0.0, evaluate = 0.0, record = 0.0
    public var count = 0
    public init() {}

    public var description: String {
        func us(_ s: Double) -> String { String(format: "%.0f us", s / Double(max(count, 1)) * 1e6) }
        return
            "per envelope: verify \(us(verify)) (open \(us(open)), decode \(us(decode)), signature \(us(signature))), evaluate \(us(evaluate)), record \(us(record))"
    }

    /// Times each stage of ``Workloads/endToEnd`` separately (open, decode and signature again on
    /// their own, outside `verify`).
    public static func measure(
        _ corpus: BenchCorpus, verifier: AttestationVerifier, evaluator: Evaluator, ledger: Ledger
    ) throws -> StageTimings {
        var t = StageTimings()
        let checker = SignatureChecker(store: verifier.store)
        for envelope in corpus.envelopes {
            var opened: Envelope?
            t.open += try seconds { opened = try EnvelopeReader().open(envelope.bytes) }
            var attestation: Attestation?
            t.decode += try seconds { attestation = try AttestationDecoder().decode(opened!.payload) }
            let proof = SigningTimeProof(time: corpus.evaluatedAt, source: .evaluation)
            t.signature += try seconds {
                _ = try checker.check(
                    opened!, issuer: attestation!.issuer.id, signingTime: proof, issuedAt: attestation!.issuedAt)
            }
            var verified: VerifiedAttestation?
            t.verify += try seconds { verified = try verifier.verify(envelope.bytes, at: corpus.evaluatedAt) }
            var assessment: Assessment?
            t.evaluate += seconds { assessment = evaluator.assess(verified!, at: corpus.evaluatedAt) }
            t.record += try seconds {
                _ = try ledger.record(
                    RecordItem(
                        source: envelope.fileName, envelope: envelope.bytes, detachedSignature: nil,
                        verified: verified!,
                        evaluatedAt: corpus.evaluatedAt, toolVersion: Workloads.toolVersion)
                ) { evaluator.decide(assessment!, history: $0) }
            }
            t.count += 1
        }
        return t
    }
}
