/// A public key ready to verify signatures. ReserveCrypto implements it over OpenSSL.
///
/// - Warning: `verify` returns `false` only for a signature that is invalid. A failure of the
///   library itself must be thrown as ``VerifierError/Code-swift.enum/cryptoLibrary``, never folded
///   into `false`.
public protocol VerificationKey: Sendable {
    /// Lowercase hex SHA-256 of the key's SubjectPublicKeyInfo DER.
    var id: String { get }
    var type: KeyType { get }
    func verify(
        signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm,
        encoding: ECDSASignatureEncoding
    ) throws(VerifierError) -> Bool
}
