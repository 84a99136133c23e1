import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveStore

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
                """
                Sign the chain head with the verifier's key: keep it in the ledger and print it (or write it to a file).
                """,
            discussion:
                """
                Hand the checkpoint to a place outside the database: `ledger verify --checkpoint FILE` later detects a \
                ledger truncated or rewritten after it.
                """
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
                        """
                        a checkpoint is signed with the verifier's key: pass --signing-key or set \
                        RESERVE_VERIFIER_SIGNING_KEY
                        """
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
                """
                The way out of a poisoned history (an issuer's typo admitted as the newest state): nothing is edited; \
                a withdrawal and a re-evaluation are appended, and the coin's previous accepted attestation is its \
                state again.
                """
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
                        """
                        a correction is signed with the verifier's key: pass --signing-key or set \
                        RESERVE_VERIFIER_SIGNING_KEY
                        """
                    )
                }
                let now = at ?? Clock.now()
                let ledger = try database.open()
                guard let stored = try ledger.trustedEnvelope(digest: digest) else {
                    throw VerifierError(
                        .invalidValue,
                        """
                        \(digest) is not a trusted attestation in \(database.path), or it is withdrawn already (see \
                        `reserve-verifier history`)
                        """
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
