/// What became of one signature entry.
public enum SignatureStatus: String, Sendable, Hashable, CaseIterable {
    /// Verifies with a trusted key of the issuer, in its validity window, unrevoked, in an accepted role.
    case valid
    /// Does not verify (or was refused by its structure: `alg: none`, a header key, ...).
    case invalid
    /// The key hint names no key of this issuer (perhaps another issuer's key).
    case unknownKey = "unknown-key"
    /// Verifies, but the key's role is neither required nor optional in the issuer's policy.
    case wrongRole = "wrong-role"
    /// Verifies, but the key was revoked at or before the earliest time the signature is proven
    /// to exist (``SigningTimeProof``; the signer's own `issuedAt` never moves that earlier: a
    /// stolen key backdates it), or at or before the attestation's `issuedAt` (pre-signed for a
    /// time after the revocation).
    case revoked
    /// Verifies, but the proven signing time, or the attestation's `issuedAt`, is before the key's `notBefore`.
    case notYetValid = "not-yet-valid"
    /// Verifies, but the proven signing time, or the attestation's `issuedAt`, is after the key's `notAfter`.
    case expired
    /// Not checked: the signatures before it already satisfied the issuer's policy, so no later
    /// one can change `SIG-TRUSTED` (the cost of an envelope is bounded by what the policy needs).
    case notChecked = "not-checked"
}
