/// How an ECDSA signature is encoded. Other algorithms ignore it.
public enum ECDSASignatureEncoding: String, Sendable, Hashable {
    /// DER `SEQUENCE { INTEGER r, INTEGER s }`: DSSE, detached, `openssl dgst -sign`.
    case der
    /// Fixed-length big-endian `r || s`: JWS (RFC 7518 §3.4), WebCrypto.
    case raw
}
