internal import COpenSSL
import ReserveCore

/// Converts ECDSA signatures between raw `r || s` (IEEE P1363, JWS) and DER.
enum ECDSASignatureConversion {
    /// DER `SEQUENCE { INTEGER r, INTEGER s }` from raw `r || s` of even length.
    ///
    /// The caller checks the length against the curve first; this only splits the bytes in
    /// half. Values are taken as they are (r = 0 or r ≥ n make a DER signature that OpenSSL
    /// then rejects as invalid).
    static func der(fromRaw raw: [UInt8]) -> Result<[UInt8], VerifierError> {
        let half = raw.count / 2
        guard raw.count % 2 == 0, half > 0, let halfLength = Int32(exactly: half) else {
            return .failure(
                VerifierError(.cryptoLibrary, "raw ECDSA signature of odd or zero length reached the converter"))
        }
        clearOpenSSLErrors()
        // BN_bin2bn reads big-endian unsigned bytes into a new BIGNUM that we own until set0.
        let r = raw.withNonNullBytes { base, _ in BN_bin2bn(base, halfLength, nil) }
        let s = raw.withNonNullBytes { base, _ in BN_bin2bn(base + half, halfLength, nil) }
        guard let r, let s, let signature = ECDSA_SIG_new() else {
            BN_free(r)
            BN_free(s)
            return .failure(
                VerifierError(
                    .cryptoLibrary, "OpenSSL could not allocate an ECDSA signature",
                    detail: drainOpenSSLErrors()))
        }
        defer { ECDSA_SIG_free(signature) }
        // On success ECDSA_SIG_set0 takes ownership of r and s (freed with `signature`); on
        // failure they are still ours.
        guard ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return .failure(VerifierError(.cryptoLibrary, "ECDSA_SIG_set0 failed", detail: drainOpenSSLErrors()))
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else {
            return .failure(VerifierError(.cryptoLibrary, "i2d_ECDSA_SIG failed", detail: drainOpenSSLErrors()))
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(signature, &cursor)
        }
        guard written == length else {
            return .failure(VerifierError(.cryptoLibrary, "i2d_ECDSA_SIG failed", detail: drainOpenSSLErrors()))
        }
        return .success(der)
    }

    /// Raw `r || s`, each value left-padded to `length / 2` bytes, from a DER signature that
    /// OpenSSL produced (signing only).
    static func raw(fromDER der: [UInt8], length: Int) -> Result<[UInt8], VerifierError> {
        let half = length / 2
        guard let halfLength = Int32(exactly: half) else {
            return .failure(VerifierError(.cryptoLibrary, "raw ECDSA length out of range"))
        }
        clearOpenSSLErrors()
        let decoded: OpaquePointer? = der.withNonNullBytes { base, count in
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_ECDSA_SIG(nil, &cursor, count)
        }
        guard let signature = decoded else {
            return .failure(
                VerifierError(
                    .cryptoLibrary, "OpenSSL produced an ECDSA signature it cannot decode",
                    detail: drainOpenSSLErrors()))
        }
        defer { ECDSA_SIG_free(signature) }
        // get0: the BIGNUMs still belong to `signature`.
        guard let r = ECDSA_SIG_get0_r(signature), let s = ECDSA_SIG_get0_s(signature) else {
            return .failure(VerifierError(.cryptoLibrary, "ECDSA signature without r or s"))
        }
        var raw = [UInt8](repeating: 0, count: 2 * half)
        // BN_bn2binpad writes exactly halfLength bytes, or returns -1 if the value does not fit.
        let ok = raw.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(r, base, halfLength) == halfLength
                && BN_bn2binpad(s, base + half, halfLength) == halfLength
        }
        guard ok else {
            return .failure(
                VerifierError(
                    .cryptoLibrary, "ECDSA signature value longer than the curve order",
                    detail: drainOpenSSLErrors()))
        }
        return .success(raw)
    }
}
