internal import COpenSSL
import ReserveCore

/// Degenerate-key checks and the canonical encoding behind key ids.
extension PublicKey {
    /// Why `pkey` is a key no trust store may hold, or nil if it is sound.
    ///
    /// - Ed25519: the point must be canonically encoded (y < p = 2^255 - 19) and not one of the
    ///   eight points of small order (RFC 8032 §5.1.7 leaves both to the verifier; a small-order
    ///   key lets one fixed signature verify for every message).
    /// - RSA: the public exponent must be 65537 (e = 1 makes the signature equal the encoded
    ///   message; small and even exponents are unsafe) and the modulus at least 2048 bits.
    /// - EC: OpenSSL's full public-key check (`EVP_PKEY_public_check`: not at infinity, on the
    ///   curve, of the group's order). A point off the curve never gets this far: `d2i_PUBKEY`
    ///   refuses it (see ``isECSubjectPublicKeyInfo(_:)``).
    ///
    /// - Throws: `cryptoLibrary` when OpenSSL cannot run a check.
    static func degeneracy(of pkey: OpaquePointer, type: KeyType) throws(VerifierError) -> String? {
        clearOpenSSLErrors()
        switch type {
        case .ed25519:
            var raw = [UInt8](repeating: 0, count: 32)
            var length = raw.count
            guard EVP_PKEY_get_raw_public_key(pkey, &raw, &length) == 1, length == 32 else {
                throw VerifierError(
                    .cryptoLibrary, "OpenSSL could not read the Ed25519 public key's bytes",
                    detail: drainOpenSSLErrors())
            }
            return Ed25519Point.problem(raw)
        case .rsa(let bits):
            guard bits >= 2048 else {
                return "RSA modulus is \(bits) bits; the verifier needs at least 2048"
            }
            var exponent: OpaquePointer?
            guard EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &exponent) == 1, let exponent else {
                throw VerifierError(
                    .cryptoLibrary, "OpenSSL could not read the RSA public exponent", detail: drainOpenSSLErrors())
            }
            defer { BN_free(exponent) }
            guard BN_is_word(exponent, 65537) != 1 else { return nil }
            let exponentBits = BN_num_bits(exponent)
            let value = exponentBits <= 64 ? String(BN_get_word(exponent)) : "a \(exponentBits)-bit number"
            return "RSA public exponent is \(value); only 65537 is accepted "
                + "(e = 1 makes any signature verify; small or even exponents are unsafe)"
        case .ecP256, .ecP384, .unsupported:
            guard EVP_PKEY_is_a(pkey, "EC") == 1 else { return nil }
            guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else {
                throw VerifierError(
                    .cryptoLibrary, "OpenSSL could not make a context to check the EC key",
                    detail: drainOpenSSLErrors())
            }
            defer { EVP_PKEY_CTX_free(context) }
            let result = EVP_PKEY_public_check(context)
            let entries = drainOpenSSLErrorEntries()
            switch result {
            case 1:
                return nil
            case 0:
                let reason = entries.first.flatMap { ERR_reason_error_string($0.code) }.map { String(cString: $0) }
                return "EC public key is not a valid point of its curve" + (reason.map { " (\($0))" } ?? "")
            default:
                throw VerifierError(
                    .cryptoLibrary, "OpenSSL could not check the EC public key (EVP_PKEY_public_check)",
                    detail: render(entries))
            }
        }
    }

    /// Makes `pkey` encode canonically: EC points uncompressed. Other key types have one DER
    /// form already (`i2d_PUBKEY` re-encodes RSA integers minimally; Ed25519 is 32 fixed bytes).
    static func canonicalize(_ pkey: OpaquePointer, type: KeyType) throws(VerifierError) {
        guard EVP_PKEY_is_a(pkey, "EC") == 1 else { return }
        clearOpenSSLErrors()
        let done = EVP_PKEY_set_utf8_string_param(
            pkey, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED)
        guard done != 1 else { return }
        switch type {
        case .ecP256, .ecP384:
            throw VerifierError(
                .cryptoLibrary, "OpenSSL could not set the EC key's point format to uncompressed",
                detail: drainOpenSSLErrors())
        default:
            // A curve the verifier never uses: its id only has to be stable, not canonical.
            clearOpenSSLErrors()
        }
    }

    /// Whether `der` is a SubjectPublicKeyInfo whose algorithm is id-ecPublicKey (even when
    /// the key inside does not decode), to explain a refused EC key precisely.
    static func isECSubjectPublicKeyInfo(_ der: [UInt8]) -> Bool {
        defer { clearOpenSSLErrors() }
        let spki: OpaquePointer? = der.withNonNullBytes { base, count in
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_X509_PUBKEY(nil, &cursor, count)
        }
        guard let spki else { return false }
        defer { X509_PUBKEY_free(spki) }
        var algorithm: OpaquePointer?
        guard X509_PUBKEY_get0_param(&algorithm, nil, nil, nil, spki) == 1, let algorithm else { return false }
        return OBJ_obj2nid(algorithm) == NID_X9_62_id_ecPublicKey
    }
}

/// The Ed25519 public-key encodings the trust store refuses.
enum Ed25519Point {
    /// The y coordinates (little-endian, sign bit clear) of the eight points of small order:
    /// y = 1 (the identity, order 1), p - 1 (order 2), 0 (two points of order 4), and the two y
    /// of the four points of order 8. The same list as libsodium's `has_small_order`.
    static let smallOrderY: [[UInt8]] = [
        [UInt8](repeating: 0, count: 32),
        [1] + [UInt8](repeating: 0, count: 31),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        [0xec] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
    ]

    /// Why the 32-byte encoding is refused, or nil.
    static func problem(_ encoded: [UInt8]) -> String? {
        var y = encoded
        y[31] &= 0x7f
        if isAtLeastFieldPrime(y) {
            return "Ed25519 public key is not canonically encoded (its y coordinate is at least 2^255-19)"
        }
        if smallOrderY.contains(y) {
            return "Ed25519 public key is a point of small order: one fixed signature would verify for every message"
        }
        return nil
    }

    /// y >= p = 2^255 - 19, for y little-endian with the top bit clear: y is one of p ... 2^255 - 1,
    /// the values whose byte 31 is 0x7f, bytes 1...30 are 0xff and byte 0 is at least 0xed.
    static func isAtLeastFieldPrime(_ y: [UInt8]) -> Bool {
        y[31] == 0x7f && y[1...30].allSatisfy { $0 == 0xff } && y[0] >= 0xed
    }

    private static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8).map {
            $0 <= UInt8(ascii: "9") ? $0 - UInt8(ascii: "0") : $0 - UInt8(ascii: "a") + 10
        }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
