internal import COpenSSL
import ReserveCore

/// A public key that verifies signatures, loaded from a SubjectPublicKeyInfo.
///
/// Owns an OpenSSL `EVP_PKEY`, freed when the object goes. The key is immutable after `init`
/// and each ``verify(signature:message:algorithm:encoding:)`` uses its own `EVP_MD_CTX`;
/// OpenSSL 3 allows concurrent verification with one key, hence `@unchecked Sendable`.
/// Parsing is slow in OpenSSL 3.0 (about 0.4 ms), so load each trusted key once and keep it.
///
/// ```swift
/// let key = try PublicKey(pem: Array(pemText.utf8))
/// guard SignatureAlgorithm.ecdsaP256SHA256.accepts(key.type) else { /* trust store error */ }
/// let ok = try key.verify(signature: sig, message: payload, algorithm: .ecdsaP256SHA256, encoding: .der)
/// ```
public final class PublicKey: VerificationKey, @unchecked Sendable {
    /// The largest PEM or DER input accepted. An RSA-16384 SubjectPublicKeyInfo is under 3 KiB.
    public static let maximumInputSize = 64 * 1024

    /// Lowercase hex SHA-256 of ``spkiDER``: the key's stable identifier.
    ///
    /// ``spkiDER`` is canonical, so one key has one id however its file spells it (an EC point
    /// compressed or uncompressed): one key is one signer.
    public let id: String
    /// What kind of key this is, read from the SubjectPublicKeyInfo.
    public let type: KeyType
    /// The key as canonical DER SubjectPublicKeyInfo: re-encoded by OpenSSL (`i2d_PUBKEY`), EC
    /// points always uncompressed (the form `openssl pkey -pubout` writes by default).
    public let spkiDER: [UInt8]

    /// Owned: from `d2i_PUBKEY`, freed in `deinit`. Never handed out.
    private let pkey: OpaquePointer

    /// Loads a key from a PEM file that holds exactly one `-----BEGIN PUBLIC KEY-----` block.
    ///
    /// Only whitespace may surround the block. Everything else is refused with a message that
    /// says what the file holds instead: a private key, a certificate, a PKCS #1
    /// `RSA PUBLIC KEY`, several blocks, other text.
    ///
    /// - Parameter pem: The file's bytes, at most ``maximumInputSize``.
    /// - Throws: ``VerifierError`` with code `invalidKey` for anything but one well-formed public
    ///   key; `cryptoLibrary` if OpenSSL itself failed.
    public convenience init(pem: [UInt8]) throws(VerifierError) {
        let der = try Self.decodePublicKeyPEM(pem)
        try self.init(der: der)
    }

    /// Loads a PEM key without refusing degenerate keys: for test vectors (Wycheproof) that
    /// verify with e=3 RSA keys. Never for a trust store.
    convenience init(pem: [UInt8], refusingDegenerateKeys: Bool) throws(VerifierError) {
        let der = try Self.decodePublicKeyPEM(pem)
        try self.init(der: der, refusingDegenerateKeys: refusingDegenerateKeys)
    }

    /// Loads a key from DER SubjectPublicKeyInfo bytes (nothing may follow the structure).
    ///
    /// Degenerate keys, with which a fixed signature can verify for many messages or which
    /// anyone can factor, are refused (``degeneracy(of:type:)``): Ed25519 small-order or
    /// non-canonical points, RSA exponents other than 65537 and moduli under 2048 bits, EC points
    /// that fail OpenSSL's public-key check (not on the curve, at infinity, wrong order).
    ///
    /// - Throws: ``VerifierError`` with code `invalidKey` if the bytes are not one complete
    ///   SubjectPublicKeyInfo of a key type OpenSSL knows, or hold a degenerate key;
    ///   `cryptoLibrary` if OpenSSL failed.
    public convenience init(der: [UInt8]) throws(VerifierError) {
        try self.init(der: der, refusingDegenerateKeys: true)
    }

    init(der: [UInt8], refusingDegenerateKeys: Bool) throws(VerifierError) {
        guard !der.isEmpty else {
            throw VerifierError(.invalidKey, "public key is empty")
        }
        guard der.count <= Self.maximumInputSize else {
            throw VerifierError(.invalidKey, "public key is larger than 64 KiB; a public key is at most a few KiB")
        }
        clearOpenSSLErrors()
        var consumed = 0
        let decoded: OpaquePointer? = der.withNonNullBytes { base, count in
            var cursor: UnsafePointer<UInt8>? = base
            // d2i_PUBKEY decodes one SubjectPublicKeyInfo and advances `cursor` past it; it does
            // not complain about bytes after the structure, so `consumed` is checked below.
            let key = d2i_PUBKEY(nil, &cursor, count)
            if let cursor { consumed = cursor - base }
            return key
        }
        guard let key = decoded else {
            let detail = drainOpenSSLErrors()
            if Self.isECSubjectPublicKeyInfo(der) {
                throw VerifierError(
                    .invalidKey,
                    "EC public key is not a point of its curve (or its curve or point encoding is malformed)",
                    detail: detail)
            }
            throw VerifierError(
                .invalidKey, "public key is not a DER SubjectPublicKeyInfo of a known key type", detail: detail)
        }
        guard consumed == der.count else {
            EVP_PKEY_free(key)
            throw VerifierError(
                .invalidKey, "public key has \(der.count - consumed) bytes after the SubjectPublicKeyInfo")
        }
        let type = KeyType(pkey: key)
        if refusingDegenerateKeys {
            let problem: String?
            do throws(VerifierError) {
                problem = try Self.degeneracy(of: key, type: type)
            } catch {
                EVP_PKEY_free(key)
                throw error
            }
            if let problem {
                EVP_PKEY_free(key)
                throw VerifierError(.invalidKey, problem)
            }
        }
        do throws(VerifierError) {
            try Self.canonicalize(key, type: type)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        guard let spki = Self.encodeSPKI(key) else {
            let detail = drainOpenSSLErrors()
            EVP_PKEY_free(key)
            throw VerifierError(
                .cryptoLibrary, "OpenSSL could not re-encode the public key (i2d_PUBKEY)", detail: detail)
        }
        self.pkey = key
        self.spkiDER = spki
        self.id = sha256Digest(spki).hex
        self.type = type
    }

    /// Takes ownership of `pkey`, which must hold at least a public key. Used by
    /// ``PrivateKey`` to hand out its public half: the SubjectPublicKeyInfo is re-encoded and
    /// decoded again, so the new object never shares the private key's `EVP_PKEY`.
    convenience init(publicHalfOf pkey: OpaquePointer) throws(VerifierError) {
        guard let spki = Self.encodeSPKI(pkey) else {
            throw VerifierError(
                .cryptoLibrary, "OpenSSL could not encode the public key (i2d_PUBKEY)",
                detail: drainOpenSSLErrors())
        }
        // Signing keys are the signer's business; the trust store refuses degenerate ones.
        try self.init(der: spki, refusingDegenerateKeys: false)
    }

    deinit {
        EVP_PKEY_free(pkey)
    }

    /// Checks a signature over `message`.
    ///
    /// - Parameters:
    ///   - signature: The signature bytes. For ECDSA, DER or raw `r || s` as `encoding` says; a
    ///     raw signature of the wrong length, or DER that is not strict DER, is invalid.
    ///   - message: The signed bytes, unhashed; the algorithm hashes them.
    ///   - algorithm: Must suit the key (``SignatureAlgorithm/accepts(_:)``).
    ///   - encoding: ECDSA signature encoding; other algorithms ignore it.
    /// - Returns: `true` if the signature is valid, `false` if it is not.
    /// - Throws: ``VerifierError`` with code `invalidKey` if `algorithm` does not suit this key
    ///   (a configuration error the caller should have caught); `cryptoLibrary` if OpenSSL
    ///   failed. A library failure is never reported as `false`.
    public func verify(
        signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm,
        encoding: ECDSASignatureEncoding = .der
    ) throws(VerifierError) -> Bool {
        let attempt: VerifyAttempt
        switch verifyAttempt(signature: signature, message: message, algorithm: algorithm, encoding: encoding) {
        case .success(let result): attempt = result
        case .failure(let error): throw error
        }
        switch attempt.outcome {
        case .valid: return true
        case .invalid: return false
        case .failed(let detail):
            throw VerifierError(
                .cryptoLibrary, "OpenSSL failed while verifying a \(algorithm.rawValue) signature",
                detail: detail)
        }
    }

    /// The whole check, keeping what OpenSSL returned next to the verdict (for tests), and
    /// configuration errors (algorithm/key mismatch) apart from both.
    ///
    /// - Parameter checkDEREncoding: Whether DER ECDSA signatures go through
    ///   ``ECDSASignatureDER/isStrictDER(_:)`` first. Always true in production; tests turn it
    ///   off to see OpenSSL's own answer to malformed DER (see ``VerifyOutcome``).
    func verifyAttempt(
        signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm,
        encoding: ECDSASignatureEncoding,
        checkDEREncoding: Bool = true
    ) -> Result<VerifyAttempt, VerifierError> {
        guard algorithm.accepts(type) else {
            return .failure(Self.mismatch(type, algorithm))
        }
        switch algorithm {
        case .ed25519:
            // Ed25519 hashes internally and has no separate digest: NULL md, one-shot verify.
            return .success(digestVerify(signature: signature, message: message, digest: nil, padding: nil))
        case .ecdsaP256SHA256, .ecdsaP384SHA384:
            let digest = algorithm == .ecdsaP256SHA256 ? EVP_sha256() : EVP_sha384()
            let der: [UInt8]
            switch encoding {
            case .der:
                if checkDEREncoding, !ECDSASignatureDER.isStrictDER(signature) {
                    return .success(.rejectedBeforeOpenSSL)
                }
                der = signature
            case .raw:
                // Exactly 2 × the order's byte length; never trim or pad (a shorter or longer
                // raw signature is another signature, not a sloppy spelling of this one).
                guard signature.count == algorithm.rawECDSASignatureLength else {
                    return .success(.rejectedBeforeOpenSSL)
                }
                switch ECDSASignatureConversion.der(fromRaw: signature) {
                case .success(let converted): der = converted
                case .failure(let error): return .failure(error)
                }
            }
            return .success(digestVerify(signature: der, message: message, digest: digest, padding: nil))
        case .rsaPSSSHA256:
            return .success(digestVerify(signature: signature, message: message, digest: EVP_sha256(), padding: .pss))
        case .rsaPKCS1SHA256:
            return .success(digestVerify(signature: signature, message: message, digest: EVP_sha256(), padding: .pkcs1))
        }
    }

    static func mismatch(_ type: KeyType, _ algorithm: SignatureAlgorithm) -> VerifierError {
        if case .rsa(let bits) = type, bits < 2048,
            algorithm == .rsaPSSSHA256 || algorithm == .rsaPKCS1SHA256
        {
            return VerifierError(
                .invalidKey,
                "key type \(type) cannot verify algorithm \(algorithm.rawValue): "
                    + "RSA keys need at least 2048 bits")
        }
        return VerifierError(.invalidKey, "key type \(type) cannot verify algorithm \(algorithm.rawValue)")
    }

    /// One `EVP_DigestVerify` with a fresh context, classified by ``VerifyOutcome``.
    private func digestVerify(
        signature: [UInt8], message: [UInt8], digest: OpaquePointer?,
        padding: RSAPadding?
    ) -> VerifyAttempt {
        // Start from an empty queue so that the classification reads only this call's entries.
        clearOpenSSLErrors()
        guard let context = EVP_MD_CTX_new() else {
            return .setupFailed("EVP_MD_CTX_new: " + drainOpenSSLErrors())
        }
        defer { EVP_MD_CTX_free(context) }
        // The EVP_PKEY_CTX belongs to `context` and is freed with it.
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, digest, nil, pkey) == 1 else {
            return .setupFailed("EVP_DigestVerifyInit: " + drainOpenSSLErrors())
        }
        if let padding {
            guard let keyContext else { return .setupFailed("EVP_DigestVerifyInit returned no EVP_PKEY_CTX") }
            if let failure = padding.configure(keyContext) { return .setupFailed(failure) }
        }
        let returnCode = signature.withNonNullBytes { sig, sigCount in
            message.withNonNullBytes { msg, msgCount in
                // One-shot: required for Ed25519, equivalent to Update + Final for the others.
                EVP_DigestVerify(context, sig, sigCount, msg, msgCount)
            }
        }
        let errors = drainOpenSSLErrorEntries()
        return VerifyAttempt(
            outcome: VerifyOutcome.classify(returnCode: returnCode, errors: errors),
            returnCode: returnCode, errors: errors)
    }

    /// `i2d_PUBKEY` in two passes: the first asks for the length, the second writes.
    static func encodeSPKI(_ pkey: OpaquePointer) -> [UInt8]? {
        let length = i2d_PUBKEY(pkey, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(pkey, &cursor)
        }
        return written == length ? der : nil
    }

    /// Checks the PEM envelope (size, exactly one `PUBLIC KEY` block, nothing else) and
    /// returns the DER inside it.
    private static func decodePublicKeyPEM(_ pem: [UInt8]) throws(VerifierError) -> [UInt8] {
        guard pem.count <= maximumInputSize else {
            throw VerifierError(
                .invalidKey, "public key file is larger than 64 KiB; a PEM public key is at most a few KiB")
        }
        guard !PEMEnvelope.isWhitespace(pem[...]) else {
            throw VerifierError(.invalidKey, "public key file is empty")
        }
        let envelope = PEMEnvelope(scanning: pem)
        if envelope.blocks.contains(where: { $0.label.contains("PRIVATE KEY") }) {
            throw VerifierError(
                .invalidKey, "public key file holds a private key: a trust store takes public keys only")
        }
        switch envelope.problem {
        case .unterminated(let label)?:
            throw VerifierError(
                .invalidKey, "public key file has a '-----BEGIN \(label)-----' line without a matching END line")
        case .malformedBoundary?:
            throw VerifierError(.invalidKey, "public key file has a malformed '-----BEGIN' line")
        case nil:
            break
        }
        guard let block = envelope.blocks.first else {
            throw VerifierError(
                .invalidKey, "public key file holds no PEM block; expected '-----BEGIN PUBLIC KEY-----'")
        }
        guard envelope.blocks.count == 1 else {
            throw VerifierError(
                .invalidKey,
                "public key file holds \(envelope.blocks.count) PEM blocks; "
                    + "put exactly one PUBLIC KEY in each file")
        }
        switch block.label {
        case "PUBLIC KEY":
            break
        case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE":
            throw VerifierError(
                .invalidKey,
                "public key file holds a certificate, not a public key; "
                    + "extract the key with 'openssl x509 -pubkey -noout -in FILE'")
        case "RSA PUBLIC KEY":
            throw VerifierError(
                .invalidKey,
                "public key file holds a PKCS #1 'RSA PUBLIC KEY'; convert it to a "
                    + "SubjectPublicKeyInfo with 'openssl rsa -RSAPublicKey_in -pubout -in FILE'")
        default:
            throw VerifierError(
                .invalidKey, "public key file holds a '\(block.label)' PEM block; expected 'PUBLIC KEY'")
        }
        guard !envelope.hasTextOutsideBlocks else {
            throw VerifierError(
                .invalidKey, "public key file has text outside its PEM block; only whitespace may surround it")
        }
        return try PEMBlockDecoder.decode(Array(pem[block.range]), expectedLabel: "PUBLIC KEY", what: "public key")
    }
}
