internal import COpenSSL
import ReserveCore

/// A private key that signs, for the issuer-side `sign` command and for tests.
///
/// Owns an OpenSSL `EVP_PKEY`, freed when the object goes; immutable after `init`, and each
/// ``sign(_:algorithm:encoding:)`` uses its own `EVP_MD_CTX`, hence `@unchecked Sendable`.
///
/// ```swift
/// let key = try PrivateKey(pem: Array(pemText.utf8))
/// let signature = try key.sign(payload, algorithm: key.defaultAlgorithm)
/// assert(try key.publicKey.verify(signature: signature, message: payload,
///                                 algorithm: key.defaultAlgorithm, encoding: .der))
/// ```
public final class PrivateKey: @unchecked Sendable {
    /// The public half, as a separate ``PublicKey``.
    public let publicKey: PublicKey
    /// Ed25519, EC P-256, EC P-384 or RSA of at least 2048 bits (nothing else loads).
    public let type: KeyType
    /// The algorithm this key signs with unless told otherwise: Ed25519 → `ed25519`, P-256 →
    /// `ecdsa-p256-sha256`, P-384 → `ecdsa-p384-sha384`, RSA → `rsa-pss-sha256`.
    public let defaultAlgorithm: SignatureAlgorithm

    /// Owned: from `PEM_read_bio_PrivateKey`, freed in `deinit`. Never handed out.
    private let pkey: OpaquePointer

    /// Loads an unencrypted private key from PEM: PKCS #8 `PRIVATE KEY`, or the traditional
    /// `EC PRIVATE KEY` / `RSA PRIVATE KEY`.
    ///
    /// The file must hold exactly one private key block; an `EC PARAMETERS` block, as
    /// `openssl ecparam -genkey` writes it, may come with it. Nothing but whitespace may
    /// surround the blocks. Encrypted keys are refused (no passphrase is ever asked for).
    ///
    /// - Throws: ``VerifierError`` with code `invalidKey` for anything else, for a key type
    ///   the verifier does not support, and for RSA keys below 2048 bits.
    public init(pem: [UInt8]) throws(VerifierError) {
        guard pem.count <= PublicKey.maximumInputSize else {
            throw VerifierError(.invalidKey, "private key file is larger than 64 KiB")
        }
        guard !PEMEnvelope.isWhitespace(pem[...]) else {
            throw VerifierError(.invalidKey, "private key file is empty")
        }
        let envelope = PEMEnvelope(scanning: pem)
        if envelope.problem != nil {
            throw VerifierError(.invalidKey, "private key file has a PEM block without a proper BEGIN/END pair")
        }
        let keyBlocks = envelope.blocks.filter { $0.label != "EC PARAMETERS" }
        guard keyBlocks.count == 1, let block = keyBlocks.first else {
            throw VerifierError(
                .invalidKey,
                "private key file must hold exactly one private key PEM block, "
                    + "found \(keyBlocks.count)")
        }
        switch block.label {
        case "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY":
            break
        case "ENCRYPTED PRIVATE KEY":
            throw VerifierError(
                .invalidKey,
                "private key is encrypted; decrypt it first "
                    + "('openssl pkey -in FILE -out PLAIN.pem')")
        default:
            throw VerifierError(.invalidKey, "private key file holds a '\(block.label)' PEM block, not a private key")
        }
        guard !envelope.hasTextOutsideBlocks else {
            throw VerifierError(.invalidKey, "private key file has text outside its PEM blocks")
        }

        clearOpenSSLErrors()
        let blockBytes = Array(pem[block.range])
        let loaded: OpaquePointer?? = withMemoryBIO(blockBytes) { bio in
            // The callback supplies no passphrase (returns 0), so an encrypted traditional key
            // (Proc-Type: 4,ENCRYPTED) fails instead of OpenSSL prompting on the terminal.
            PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let loaded else {
            throw VerifierError(.cryptoLibrary, "OpenSSL could not open a memory BIO", detail: drainOpenSSLErrors())
        }
        guard let key = loaded else {
            throw VerifierError(
                .invalidKey, "private key could not be read (corrupt or encrypted)",
                detail: drainOpenSSLErrors())
        }
        let type = KeyType(pkey: key)
        let algorithm: SignatureAlgorithm
        switch type {
        case .ed25519: algorithm = .ed25519
        case .ecP256: algorithm = .ecdsaP256SHA256
        case .ecP384: algorithm = .ecdsaP384SHA384
        case .rsa(let bits) where bits >= 2048: algorithm = .rsaPSSSHA256
        case .rsa(let bits):
            EVP_PKEY_free(key)
            throw VerifierError(.invalidKey, "RSA private key has \(bits) bits; at least 2048 are needed")
        case .unsupported(let name):
            EVP_PKEY_free(key)
            throw VerifierError(
                .invalidKey,
                "private key type \(name) is not supported; "
                    + "use Ed25519, EC P-256, EC P-384 or RSA")
        }
        let publicKey: PublicKey
        do {
            publicKey = try PublicKey(publicHalfOf: key)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.pkey = key
        self.type = type
        self.defaultAlgorithm = algorithm
        self.publicKey = publicKey
    }

    deinit {
        EVP_PKEY_free(pkey)
    }

    /// Signs `message` (unhashed; the algorithm hashes it).
    ///
    /// - Parameters:
    ///   - algorithm: Must suit the key (``SignatureAlgorithm/accepts(_:)``).
    ///   - encoding: For ECDSA, DER (default) or fixed-length raw `r || s`.
    /// - Returns: The signature. RSA-PSS uses MGF1-SHA-256 and a 32-byte salt.
    /// - Throws: ``VerifierError`` with code `invalidKey` if `algorithm` does not suit the key;
    ///   `cryptoLibrary` if OpenSSL failed.
    public func sign(
        _ message: [UInt8], algorithm: SignatureAlgorithm,
        encoding: ECDSASignatureEncoding = .der
    ) throws(VerifierError) -> [UInt8] {
        guard algorithm.accepts(type) else { throw PublicKey.mismatch(type, algorithm) }
        let signature: [UInt8]
        switch algorithm {
        case .ed25519:
            signature = try digestSign(message, digest: nil, padding: nil)
        case .ecdsaP256SHA256, .ecdsaP384SHA384:
            let digest = algorithm == .ecdsaP256SHA256 ? EVP_sha256() : EVP_sha384()
            let der = try digestSign(message, digest: digest, padding: nil)
            guard encoding == .raw, let length = algorithm.rawECDSASignatureLength else { return der }
            signature = try ECDSASignatureConversion.raw(fromDER: der, length: length).get()
        case .rsaPSSSHA256:
            signature = try digestSign(message, digest: EVP_sha256(), padding: .pss)
        case .rsaPKCS1SHA256:
            signature = try digestSign(message, digest: EVP_sha256(), padding: .pkcs1)
        }
        return signature
    }

    /// `EVP_DigestSign` in two passes: the first asks for the maximum length, the second signs.
    private func digestSign(
        _ message: [UInt8], digest: OpaquePointer?,
        padding: RSAPadding?
    ) throws(VerifierError) -> [UInt8] {
        clearOpenSSLErrors()
        guard let context = EVP_MD_CTX_new() else {
            throw VerifierError(.cryptoLibrary, "EVP_MD_CTX_new failed", detail: drainOpenSSLErrors())
        }
        defer { EVP_MD_CTX_free(context) }
        // The EVP_PKEY_CTX belongs to `context` and is freed with it.
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, digest, nil, pkey) == 1 else {
            throw VerifierError(.cryptoLibrary, "EVP_DigestSignInit failed", detail: drainOpenSSLErrors())
        }
        if let padding {
            guard let keyContext else {
                throw VerifierError(.cryptoLibrary, "EVP_DigestSignInit returned no EVP_PKEY_CTX")
            }
            if let failure = padding.configure(keyContext) {
                throw VerifierError(.cryptoLibrary, "OpenSSL rejected the RSA padding settings", detail: failure)
            }
        }
        var length = 0
        let sized = message.withNonNullBytes { base, count in
            // With a NULL signature buffer, EVP_DigestSign only reports the maximum length.
            EVP_DigestSign(context, nil, &length, base, count)
        }
        guard sized == 1, length > 0 else {
            throw VerifierError(.cryptoLibrary, "EVP_DigestSign (size query) failed", detail: drainOpenSSLErrors())
        }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBufferPointer { out in
            message.withNonNullBytes { base, count in
                EVP_DigestSign(context, out.baseAddress, &length, base, count)
            }
        }
        guard signed == 1, length <= signature.count else {
            throw VerifierError(.cryptoLibrary, "EVP_DigestSign failed", detail: drainOpenSSLErrors())
        }
        // ECDSA DER signatures are often shorter than the maximum; `length` is the real size.
        return Array(signature.prefix(length))
    }
}
