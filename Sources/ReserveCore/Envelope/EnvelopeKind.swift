/// The envelope forms an attestation can arrive in.
public enum EnvelopeKind: String, Sendable, Hashable, CaseIterable {
    /// DSSE (in-toto / Sigstore): signatures over the pre-authentication encoding.
    case dsse
    /// JWS compact serialisation (RFC 7515).
    case jws
    /// A bare payload with a signature file beside it (`X.json` + `X.json.sig`).
    case detached
    /// A bare payload with no signature at all: decoded, never trusted.
    case unsigned
}
