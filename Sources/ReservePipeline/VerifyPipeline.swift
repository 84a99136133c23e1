import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// The one path an attestation takes, whoever asks (`verify`, `ledger reevaluate`, `watch`):
/// read and hash, look up when the ledger first saw it, verify against the trust store, assess,
/// then record with the verdict decided against the coin's history. Built from injected parts
/// (the trust store and crypto provider inside the verifier, the evaluator; the ledger and the
/// time are passed per call), so a caller can run it against fakes.
public struct VerifyPipeline: Sendable {
    public let verifier: AttestationVerifier
    public let evaluator: Evaluator

    public init(verifier: AttestationVerifier, evaluator: Evaluator) {
        self.verifier = verifier
        self.evaluator = evaluator
    }

    public init(
        store: TrustStore, provider: any CryptoProvider, evaluator: Evaluator, limits: DecodingLimits = .default
    ) {
        self.init(verifier: AttestationVerifier(store: store, provider: provider, limits: limits), evaluator: evaluator)
    }

    var hasher: any CryptoProvider { verifier.provider }

    /// One input's bytes (or the error reading them) and the SHA-256 of the envelope bytes.
    public struct Loaded: Sendable {
        public var source: String
        public var bytes: Result<[UInt8], VerifierError>
        public var detachedSignature: [UInt8]?
        public var sha256: String?
        /// The `.tsr` beside the input (RFC 3161 token), as read.
        public var timestampToken: [UInt8]? = nil

        /// The key of this input's first sight in the maps ``run(_:at:firstSeen:advance:)`` takes:
        /// the envelope's SHA-256, followed for a detached pair by `+` and the SHA-256 of its
        /// signature file (the payload seen alone proves nothing about a signature beside it).
        public func sightKey(hasher: any CryptoProvider) -> String? {
            guard let sha256 else { return nil }
            guard let detachedSignature else { return sha256 }
            return sha256 + "+" + hasher.sha256(detachedSignature).hex
        }

        /// What ``Ledger/firstSeen(_:)`` looks this input up by, under ``sightKey(hasher:)``.
        public func sight(hasher: any CryptoProvider) -> Ledger.Sight? {
            guard let sha256, let key = sightKey(hasher: hasher) else { return nil }
            return Ledger.Sight(envelopeSHA256: sha256, detachedSignature: detachedSignature, key: key)
        }
    }

    /// Reads every input (or takes the content already fetched) and hashes it.
    public static func load(_ inputs: [InputFile], limit: Int, hasher: any CryptoProvider) -> [Loaded] {
        inputs.map { load($0, limit: limit, hasher: hasher) }
    }

    /// The same on `workers` workers (reads and hashes in parallel), in the inputs' order.
    public static func load(_ inputs: [InputFile], limit: Int, hasher: any CryptoProvider, workers: Int) -> [Loaded] {
        Workers.map(
            count: inputs.count, workers: workers, makeState: { _ in hasher },
            { hasher, i in load(inputs[i], limit: limit, hasher: hasher) })
    }

    /// Reads one input (or takes the content already fetched) and hashes it.
    public static func load(_ input: InputFile, limit: Int, hasher: any CryptoProvider) -> Loaded {
        do throws(VerifierError) {
            let bytes: [UInt8]
            if let contents = input.contents {
                bytes = try contents.get()
            } else {
                bytes = try Files.read(input.path, limit: limit)
            }
            let signature = try input.signaturePath.map { (path) throws(VerifierError) in
                try Files.read(path, limit: 64 * 1024)
            }
            let token = try input.timestampPath.map { (path) throws(VerifierError) in
                try Files.read(path, limit: EnvelopeReader.maximumTimestampTokenSize)
            }
            return Loaded(
                source: input.path, bytes: .success(bytes), detachedSignature: signature,
                sha256: hasher.sha256(bytes).hex, timestampToken: token)
        } catch {
            return Loaded(source: input.path, bytes: .failure(error), detachedSignature: nil, sha256: nil)
        }
    }

    public func load(_ inputs: [InputFile], limit: Int) -> [Loaded] {
        Self.load(inputs, limit: limit, hasher: hasher)
    }

    /// Verifies and assesses every input on every core, keeping the input order; `advance` is
    /// called after each input (a progress line).
    public func run(
        _ inputs: [Loaded], at time: Timestamp, firstSeen: [String: Timestamp],
        advance: @escaping @Sendable () -> Void = {}
    ) async -> [CheckedInput] {
        let pipeline = self
        return Self.run(
            inputs, at: time, firstSeen: firstSeen, workers: Workers.count(jobs: nil, items: inputs.count),
            makeWorker: { _ in pipeline }, advance: advance)
    }

    /// Verifies and assesses every input on `workers` workers, each with the pipeline
    /// `makeWorker` makes for it (its own trust store and keys: see ``Workers``), in the inputs'
    /// order. Nothing here reads the ledger: each verdict's history is decided afterwards, in
    /// input order, by the one writer (``record(_:in:failure:reader:at:tool:)``), so the result is
    /// the same whatever the number of workers.
    public static func run(
        _ inputs: [Loaded], at time: Timestamp, firstSeen: [String: Timestamp], workers: Int,
        makeWorker: @escaping @Sendable (_ worker: Int) -> VerifyPipeline, advance: @escaping @Sendable () -> Void = {}
    ) -> [CheckedInput] {
        Workers.map(count: inputs.count, workers: workers, makeState: makeWorker) { pipeline, i in
            let input = inputs[i]
            let checked = pipeline.check(
                input, at: time, firstSeen: input.sightKey(hasher: pipeline.hasher).flatMap { firstSeen[$0] })
            advance()
            return checked
        }
    }

    /// The same, handing the checked inputs to `consume` on the caller's thread, in the inputs'
    /// order, ``recordBatch`` inputs at a time, as soon as each such chunk is checked: the caller
    /// (the one writer, a ``RunRecorder``) records a chunk while the workers check the next ones.
    ///
    /// - Parameter prepareRecords: also prepare each assessed input's ledger record on its worker
    ///   (``RecordDraft``: the hashes, the signature rows, the evidence encoding), so the writer
    ///   adds only what the history decides.
    public static func run(
        _ inputs: [Loaded], at time: Timestamp, firstSeen: [String: Timestamp], workers: Int, prepareRecords: Bool,
        makeWorker: @escaping @Sendable (_ worker: Int) -> VerifyPipeline, advance: @escaping @Sendable () -> Void = {},
        consume: (_ start: Int, _ chunk: [CheckedInput]) -> Void
    ) {
        Workers.forEachChunk(
            count: inputs.count, workers: workers, chunk: recordBatch, makeState: makeWorker,
            { pipeline, i in
                let input = inputs[i]
                var checked = pipeline.check(
                    input, at: time, firstSeen: input.sightKey(hasher: pipeline.hasher).flatMap { firstSeen[$0] })
                if prepareRecords { checked.prepareRecord(envelopeSHA256: input.sha256, hasher: pipeline.hasher) }
                advance()
                return checked
            }, consume: consume)
    }

    /// Verifies and assesses one input (no history yet).
    public func check(_ input: Loaded, at time: Timestamp, firstSeen: Timestamp?) -> CheckedInput {
        Self.check(input, verifier: verifier, evaluator: evaluator, at: time, firstSeen: firstSeen)
    }

    public static func check(
        _ input: Loaded, verifier: AttestationVerifier, evaluator: Evaluator, at time: Timestamp,
        firstSeen: Timestamp?
    ) -> CheckedInput {
        let bytes = (try? input.bytes.get()) ?? []
        do throws(VerifierError) {
            let verified = try verifier.verify(
                try input.bytes.get(), detachedSignature: input.detachedSignature,
                timestampToken: input.timestampToken, at: time, firstSeen: firstSeen)
            return CheckedInput(
                source: input.source, outcome: .success(evaluator.assess(verified, at: time)), envelope: bytes,
                detachedSignature: input.detachedSignature, timestampToken: input.timestampToken)
        } catch {
            return CheckedInput(
                source: input.source, outcome: .failure(error), envelope: bytes,
                detachedSignature: input.detachedSignature)
        }
    }
}
