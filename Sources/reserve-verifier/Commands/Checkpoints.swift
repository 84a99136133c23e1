import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveStore

/// The verifier's own signing key (for checkpoints and corrections): `--signing-key FILE`, else
/// `RESERVE_VERIFIER_SIGNING_KEY`. Kept apart from the trust store and the ledger: whoever can
/// read it can sign checkpoints of a rewritten ledger.
struct SigningOptions: ParsableArguments {
    @Option(
        help: "The verifier's private key (PEM) that signs ledger checkpoints. Default: $RESERVE_VERIFIER_SIGNING_KEY.",
        completion: .file())
    var signingKey: String?

    @Option(
        help: "Also write the run's signed checkpoint (DSSE) to this file, outside the ledger.", completion: .file())
    var checkpointOut: String?

    var keyPath: String? {
        if let signingKey { return signingKey }
        if let env = ProcessInfo.processInfo.environment["RESERVE_VERIFIER_SIGNING_KEY"], !env.isEmpty { return env }
        return nil
    }

    func validate() throws {
        if checkpointOut != nil && keyPath == nil {
            throw ValidationError(
                "--checkpoint-out needs the verifier's key (--signing-key or RESERVE_VERIFIER_SIGNING_KEY)")
        }
    }

    /// The key, or nil when none is configured. - Throws: E030 for an unreadable or unusable key.
    func key() throws(VerifierError) -> PrivateKey? {
        guard let path = keyPath else { return nil }
        let pem = try Files.read(path, limit: 64 * 1024)
        do {
            return try PrivateKey(pem: pem)
        } catch {
            throw VerifierError(
                .invalidKey, "\(path): the verifier's signing key: \(error.message)", detail: error.detail)
        }
    }
}

/// Signs the chain head and keeps the checkpoint in the ledger.
enum CheckpointWriter {
    static func write(_ ledger: Ledger, key: PrivateKey, at time: Timestamp, tool: String) throws(VerifierError)
        -> [UInt8]
    {
        let head = try ledger.head()
        let checkpoint = Checkpoint(evaluations: head.evaluations, headHash: head.hash, time: time, tool: tool)
        let signature = try key.sign(checkpoint.signingInput, algorithm: key.defaultAlgorithm)
        let envelope = checkpoint.envelope(keyID: key.publicKey.id, signature: signature)
        try ledger.store(checkpoint: checkpoint, envelope: envelope)
        return envelope
    }
}

extension LedgerCommand {
    struct WriteCheckpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract:
                "Sign the chain head with the verifier's key: keep it in the ledger and print it (or write it to a file).",
            discussion:
                "Hand the checkpoint to a place outside the database: `ledger verify --checkpoint FILE` later detects a ledger truncated or rewritten after it."
        )

        @OptionGroup var database: DatabaseOption
        @OptionGroup var signing: SigningOptions

        @Option(help: "Write the checkpoint here instead of standard output.", completion: .file())
        var out: String?

        @Option(help: "The checkpoint's time (RFC 3339 UTC; default: now).")
        var at: Timestamp?

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                guard let key = try signing.key() else {
                    throw VerifierError(
                        .invalidConfiguration,
                        "a checkpoint is signed with the verifier's key: pass --signing-key or set RESERVE_VERIFIER_SIGNING_KEY"
                    )
                }
                let envelope = try CheckpointWriter.write(
                    try database.open(), key: key, at: at ?? Clock.now(),
                    tool: "reserve-verifier \(ReserveVerifier.version)")
                if let out {
                    try Files.writeAtomically(envelope, to: out)
                } else {
                    Console.out(String(decoding: envelope, as: UTF8.self))
                }
                return 0
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract:
                "Take a trusted attestation out of its coin's history with a correction signed by the verifier's key.",
            discussion:
                "The way out of a poisoned history (an issuer's typo admitted as the newest state): nothing is edited; a withdrawal and a re-evaluation are appended, and the coin's previous accepted attestation is its state again."
        )

        @Argument(help: "The payload digest (sha256:…) of the trusted attestation to withdraw.")
        var digest: String

        @Option(help: "Why (kept in the ledger and in the signed statement).")
        var reason: String

        @OptionGroup var database: DatabaseOption
        @OptionGroup var signing: SigningOptions
        @OptionGroup var profile: ProfileOption

        @OptionGroup var trustStore: KeysOption
        var keys: String { trustStore.keys }

        @Option(help: "The correction's time (RFC 3339 UTC; default: now).")
        var at: Timestamp?

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty, reason.utf8.count <= 2000 else {
                throw ValidationError("--reason must say why, in at most 2000 bytes")
            }
        }

        func run() throws {
            try runLedgerCommand { () throws(VerifierError) in
                guard let key = try signing.key() else {
                    throw VerifierError(
                        .invalidConfiguration,
                        "a correction is signed with the verifier's key: pass --signing-key or set RESERVE_VERIFIER_SIGNING_KEY"
                    )
                }
                let now = at ?? Clock.now()
                let ledger = try database.open()
                guard let stored = try ledger.trustedEnvelope(digest: digest) else {
                    throw VerifierError(
                        .invalidValue,
                        "\(digest) is not a trusted attestation in \(database.path), or it is withdrawn already (see `reserve-verifier history`)"
                    )
                }
                let statement: JSONValue = [
                    "type": "reserve-verifier-withdrawal/1", "digest": .string(digest), "reason": .string(reason),
                    "time": .string(now.description),
                ]
                let payload = Array((JSONWriter.write(statement, pretty: false) + "\n").utf8)
                let payloadType = "application/vnd.reserve-verifier.withdrawal+json"
                let signature = try key.sign(
                    EnvelopeWriter.dsseSigningInput(payload: payload, payloadType: payloadType),
                    algorithm: key.defaultAlgorithm)
                let envelope = EnvelopeWriter.dsse(
                    payload: payload, signatures: [.init(keyID: key.publicKey.id, signature: signature)],
                    payloadType: payloadType)
                let verifier = AttestationVerifier(store: try TrustStoreLoader.load(keys), provider: OpenSSLProvider())
                _ = try Reevaluate.again(
                    stored, in: ledger, verifier: verifier,
                    evaluator: Evaluator(profile: try profile.resolved().profile), at: now,
                    correction: Withdrawal(kind: .correction, reason: reason, statement: envelope))
                Console.out("withdrawn: \(digest) (\(reason))\n")
                return 0
            }
        }
    }
}

/// Reads the verifier's public key for checking checkpoints: `--public-key FILE`, else the public
/// half of the signing key.
struct CheckpointKeyOptions: ParsableArguments {
    @Option(
        help: "A checkpoint (DSSE) written earlier, kept outside the ledger: the ledger must still hold it.",
        completion: .file())
    var checkpoint: String?

    @Option(
        help:
            "The verifier's public key (PEM) for --checkpoint and the stored checkpoints. Default: the public half of the signing key.",
        completion: .file())
    var publicKey: String?

    @OptionGroup var signing: SigningOptions

    /// The key checkpoints must verify with, or nil when none is configured.
    func key() throws(VerifierError) -> (any VerificationKey, SignatureAlgorithm)? {
        if let publicKey {
            let key = try PublicKey(pem: try Files.read(publicKey, limit: 64 * 1024))
            guard let algorithm = SignatureAlgorithm.allCases.first(where: { $0.accepts(key.type) }) else {
                throw VerifierError(.invalidKey, "\(publicKey): a \(key.type) key cannot check checkpoints")
            }
            return (key, algorithm)
        }
        guard let key = try signing.key() else { return nil }
        return (key.publicKey, key.defaultAlgorithm)
    }
}
