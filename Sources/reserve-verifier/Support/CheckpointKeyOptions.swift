import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveStore

/// Reads the verifier's public key for checking checkpoints: `--public-key FILE`, else the public
/// half of the signing key.
struct CheckpointKeyOptions: ParsableArguments {
    @Option(
        help: "A checkpoint (DSSE) written earlier, kept outside the ledger: the ledger must still hold it.",
        completion: .file())
    var checkpoint: String?

    @Option(
        help:
            """
            The verifier's public key (PEM) for --checkpoint and the stored checkpoints. Default: the public half of \
            the signing key.
            """,
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
