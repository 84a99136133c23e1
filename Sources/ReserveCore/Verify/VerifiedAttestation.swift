/// An attestation whose envelope was opened, whose payload decoded, and whose signatures were
/// checked against the trust store. Only ``AttestationVerifier`` makes one with
/// ``isTrusted`` true; the rules take nothing else.
public struct VerifiedAttestation: Sendable, Hashable {
    public let attestation: Attestation
    public let envelope: EnvelopeKind
    /// `sha256:<hex>` of the payload bytes (what was signed, before any envelope).
    public let digest: String
    public let signatures: [SignatureCheck]
    /// The `SIG-TRUSTED` finding.
    public let signatureFinding: Finding
    /// When the signing keys' validity and revocation were judged.
    public let signingTime: SigningTimeProof
    /// The issuer's policy in the trust store (nil: the issuer has no folder there).
    public let policy: TrustFile.Policy?
    /// The RFC 3161 token that came with the envelope, checked; nil when none came.
    public let timestamp: TimestampCheck?

    /// True when every required role signed with a valid trusted key.
    public var isTrusted: Bool { signatureFinding.status == .pass }

    init(
        attestation: Attestation, envelope: EnvelopeKind, digest: String, signatures: [SignatureCheck],
        signatureFinding: Finding,
        signingTime: SigningTimeProof, policy: TrustFile.Policy?, timestamp: TimestampCheck? = nil
    ) {
        self.attestation = attestation
        self.envelope = envelope
        self.digest = digest
        self.signatures = signatures
        self.signatureFinding = signatureFinding
        self.signingTime = signingTime
        self.policy = policy
        self.timestamp = timestamp
    }

    /// The issuer's freshness window (trust.json `freshnessDays`, default 35).
    public var freshnessDays: Int { (policy ?? TrustFile.Policy()).freshnessDays }

    /// Wraps a payload whose signatures were never checked, for `lint` and tests.
    ///
    /// - Warning: The result is reported as unsigned (`SIG-TRUSTED` fails): use it to see what the
    ///   rules would say of a draft, never to trust one.
    public init(uncheckedPayload attestation: Attestation, digest: String) {
        self.init(
            attestation: attestation, envelope: .unsigned, digest: digest, signatures: [],
            signatureFinding: Rules.signature.unchecked(),
            signingTime: SigningTimeProof(time: attestation.issuedAt, source: .evaluation), policy: nil)
    }
}
