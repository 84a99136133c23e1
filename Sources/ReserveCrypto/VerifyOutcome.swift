internal import COpenSSL

/// How one signature check ended, decided from `EVP_DigestVerify`'s return value and the
/// error queue it left behind.
///
/// `EVP_DigestVerify` returns 1 for a valid signature and 0 for an invalid one; anything else
/// is documented as "an error". In OpenSSL 3.0 some signature checks that fail on the bytes of
/// the signature also come back as -1, so -1 alone does not say whether the library failed.
/// The rules, applied in this order by ``classify(returnCode:errors:)``:
///
/// 1. Any queued entry whose reason OpenSSL flags fatal (`ERR_FATAL_ERROR`: malloc failure,
///    internal error, init failure, NULL parameter, disabled, lock failure, invalid provider
///    functions, operation failure) → ``failed(_:)``, whatever the return value. Such reasons
///    are never caused by signature bytes, and the RSA provider folds its own failures into 0,
///    so checking only -1 would miss them.
/// 2. Return value 1 → ``valid``.
/// 3. Return value 0 → ``invalid``.
/// 4. Any other return value → ``invalid`` only if the queue is not empty **and** every entry
///    is one of the signature-content reasons below; otherwise ``failed(_:)``, so an empty
///    queue or an unknown reason is never read as a bad signature:
///    - library `ERR_LIB_ASN1`, non-fatal reasons: the DER decoder rejected the signature
///      (wrong tag, bad length, header too long, nested ASN.1 error...). During a verify the
///      only ASN.1 decoding is of the signature itself (ECDSA `SEQUENCE`, or the DigestInfo
///      recovered from an RSA PKCS #1 signature); keys were decoded when loaded.
///    - `ERR_LIB_EC`: `EC_R_BAD_SIGNATURE` (r or s out of range) and
///      `EC_R_POINT_AT_INFINITY` (u1·G + u2·Q is the point at infinity, which only a
///      forged signature produces; `ossl_ecdsa_simple_verify_sig` reports it as -1).
///    - `ERR_LIB_RSA`: the padding and length reasons `RSA_public_decrypt` and the PSS and
///      PKCS #1 checks raise for a signature that does not verify (see `signatureReasons`).
///    - the wrappers `ERR_R_EC_LIB`, `ERR_R_RSA_LIB`, `ERR_R_ASN1_LIB`, `ERR_R_NESTED_ASN1_ERROR`
///      raised by the provider or EVP layer *on top of* one of the entries above; they add
///      nothing of their own, so they never decide alone (rule: at least one entry must be a
///      specific signature-content reason).
///
/// What a -1 with an empty queue means in OpenSSL 3.0: `ossl_ecdsa_verify` returns it when a
/// DER ECDSA signature does not re-encode to the same bytes (BER, trailing bytes, negative or
/// padded integers). ``PublicKey`` never lets such bytes reach OpenSSL
/// (``ECDSASignatureDER/isStrictDER(_:)`` rejects them first), so a queue-less -1 can only be
/// a failure the library did not describe, and it is thrown.
///
/// Measured with OpenSSL 3.0.19 on the Wycheproof files (`WycheproofTests`): through
/// ``PublicKey``, -1 comes back for 10 `invalid` ECDSA vectors (5 DER, 5 P1363: "point at
/// infinity during verify", "duplication bug", "comparison with point at infinity", "public key
/// shares x-coordinate with generator"), each with `EC_R_POINT_AT_INFINITY` + `ERR_R_EC_LIB`,
/// so rule 4 makes them invalid. With the DER check turned off, 219 of the 310 `invalid` DER
/// vectors give the queue-less -1 and would be thrown. No other -1 was seen; RSA and Ed25519
/// failures all return 0.
enum VerifyOutcome: Sendable, Hashable {
    case valid
    case invalid
    /// The library failed; the associated value is the drained error queue.
    case failed(String)

    static func classify(returnCode: Int32, errors: [OpenSSLErrorEntry]) -> VerifyOutcome {
        if errors.contains(where: \.isFatal) { return .failed(render(errors)) }
        switch returnCode {
        case 1: return .valid
        case 0: return .invalid
        default:
            let specific = errors.filter { !isWrapper($0) }
            guard !specific.isEmpty, specific.allSatisfy(isSignatureContentReason) else {
                return .failed(render(errors))
            }
            return .invalid
        }
    }

    /// Entries that only say "a lower layer failed"; they carry no meaning of their own.
    private static func isWrapper(_ entry: OpenSSLErrorEntry) -> Bool {
        [Int(ERR_R_EC_LIB), Int(ERR_R_RSA_LIB), Int(ERR_R_ASN1_LIB), Int(ERR_R_NESTED_ASN1_ERROR)]
            .contains(Int(entry.reason))
    }

    private static func isSignatureContentReason(_ entry: OpenSSLErrorEntry) -> Bool {
        switch entry.library {
        case ERR_LIB_ASN1: return !entry.isFatal
        case ERR_LIB_EC: return [Int(EC_R_BAD_SIGNATURE), Int(EC_R_POINT_AT_INFINITY)].contains(Int(entry.reason))
        case ERR_LIB_RSA: return signatureReasons.contains(Int(entry.reason))
        default: return false
        }
    }

    /// RSA reasons that describe the signature value, never the key or the library.
    private static let signatureReasons: Set<Int> = Set(
        [
            RSA_R_WRONG_SIGNATURE_LENGTH, RSA_R_BAD_SIGNATURE, RSA_R_DATA_TOO_LARGE_FOR_MODULUS,
            RSA_R_BLOCK_TYPE_IS_NOT_01, RSA_R_BAD_PAD_BYTE_COUNT, RSA_R_PADDING_CHECK_FAILED,
            RSA_R_FIRST_OCTET_INVALID, RSA_R_LAST_OCTET_INVALID, RSA_R_SLEN_CHECK_FAILED,
            RSA_R_SLEN_RECOVERY_FAILED, RSA_R_INVALID_PADDING, RSA_R_NULL_BEFORE_BLOCK_MISSING,
            RSA_R_INVALID_HEADER, RSA_R_INVALID_TRAILER, RSA_R_DIGEST_DOES_NOT_MATCH,
            RSA_R_ALGORITHM_MISMATCH, RSA_R_UNKNOWN_ALGORITHM_TYPE, RSA_R_DATA_GREATER_THAN_MOD_LEN,
        ].map { Int($0) })
}
