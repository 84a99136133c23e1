import ReserveCore

@testable import ReserveStore

extension CompactRecord {
    /// A record with a fixed header and attestation row, holding `findings` with each finding's
    /// evidence as `evidence` gives it: for tests that compare ways of encoding the findings.
    static func fixture(
        signatures: [SignatureRow] = [], findings: [Finding], evidence: (Finding) -> Evidence
    ) -> CompactRecord {
        fixture(
            signatures: signatures,
            entries: findings.map {
                FindingEntry(
                    rule: $0.rule.rawValue, status: $0.status.rawValue, message: $0.message, basis: $0.basis.rawValue,
                    gating: $0.gating, evidence: evidence($0))
            })
    }

    /// The same fixed header and attestation row, holding `entries` as they are.
    static func fixture(signatures: [SignatureRow] = [], entries: [FindingEntry]) -> CompactRecord {
        CompactRecord(
            header: .init(
                kind: "verify", profile: "p", toolVersion: "t", evaluatedAt: "e", eligible: false, group: "2b",
                blocking: "[]", coverage: nil, stressedCoverage: nil, freshnessDays: 1, issuer: "i", token: "k",
                sequence: 1, asOf: "a", attestationRef: 1, openssl: nil, sqlite: nil),
            attestation: .init(
                digest: "d", attestationId: "x", issuedAt: "i", envelopeKind: "dsse", envelopeSHA256: "s",
                detachedSignatureSHA256: nil, source: "s", receivedAt: "r", trusted: true, accepted: true,
                timestampTokenSHA256: nil),
            signatures: signatures, withdrawals: [], findings: entries)
    }
}
