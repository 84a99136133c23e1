import Foundation

/// What a finding rests on.
public enum Basis: String, Sendable, Hashable, CaseIterable {
    /// Arithmetic over the attested figures.
    case computed
    /// The issuer's declaration, which the verifier cannot check; the bank records its own evidence.
    case declared
    /// Signature verification against the trust store.
    case cryptographic
    /// The ledger's history of earlier attestations.
    case history
    /// A reading of text that leaves the point to judgement (a consultation's view, or a
    /// condition the final text leaves to the bank's assessment).
    case interpretation
    /// A fact the bank's own registry (``BankPolicy``) confirms, not the issuer's word.
    case verifiedByBank = "verified-by-bank"
}
