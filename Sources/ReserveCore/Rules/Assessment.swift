import Foundation

/// The findings of one attestation that do not depend on the ledger: signatures, ATT-TIME and
/// the catalogue. Computed in parallel, before the history is read; no verdict yet.
public struct Assessment: Sendable, Hashable {
    public let verified: VerifiedAttestation
    public let evaluatedAt: Timestamp
    /// SIG-TRUSTED, ATT-TIME, then (trusted input only) every catalogue rule.
    let findings: [Finding]
    let coverage: Decimal?
    let stressedCoverage: Decimal?
    let notes: [String]
}
