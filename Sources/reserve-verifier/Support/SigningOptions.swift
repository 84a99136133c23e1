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
