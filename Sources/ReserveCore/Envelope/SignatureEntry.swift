/// One signature as the envelope presents it. Nothing here is trusted: ``keyHint`` only orders
/// the trust store's keys, and ``rejection`` records why a signature is refused before any
/// cryptography runs (for example JWS `alg: none`).
public struct SignatureEntry: Sendable, Hashable {
    /// The envelope's `keyid` / `kid`, if any: a hint, never a key.
    public var keyHint: String?
    public var signature: [UInt8]
    /// Set for JWS, whose header names the algorithm; nil means "the trusted key's algorithm".
    public var algorithm: SignatureAlgorithm?
    public var ecdsaEncoding: ECDSASignatureEncoding
    /// Why this entry can never verify, decided from its structure alone.
    public var rejection: String?

    public init(
        keyHint: String?, signature: [UInt8], algorithm: SignatureAlgorithm? = nil,
        ecdsaEncoding: ECDSASignatureEncoding = .der, rejection: String? = nil
    ) {
        self.keyHint = keyHint
        self.signature = signature
        self.algorithm = algorithm
        self.ecdsaEncoding = ecdsaEncoding
        self.rejection = rejection
    }
}
