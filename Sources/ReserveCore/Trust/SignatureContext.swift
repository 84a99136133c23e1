/// What SIG-TRUSTED reads: the envelope's signature checks against one issuer's trust policy, and
/// the time at which the keys were judged.
public struct SignatureContext: Sendable {
    public let checks: [SignatureCheck]
    public let policy: TrustFile.Policy
    public let kind: EnvelopeKind
    public let signingTime: SigningTimeProof
}
