/// Opens, decodes and signature-checks one input: the trust boundary of the pipeline.
public struct AttestationVerifier: Sendable {
    public let store: TrustStore
    public let provider: any CryptoProvider
    public let limits: DecodingLimits

    public init(store: TrustStore, provider: any CryptoProvider, limits: DecodingLimits = .default) {
        self.store = store
        self.provider = provider
        self.limits = limits
    }

    /// - Parameters:
    ///   - bytes: the envelope (DSSE JSON, JWS compact) or bare payload.
    ///   - detachedSignature: the content of `X.json.sig` when it sits beside a bare payload.
    ///   - timestampToken: the content of `X.tsr` when it sits beside the envelope `X`: an RFC 3161
    ///     token over ``Envelope/timestampedBytes``. An envelope may carry one itself (DSSE
    ///     `timestamp`), but not both.
    ///   - time: the evaluation time: keys are judged at it unless an earlier signing time is proven.
    ///   - firstSeen: when the ledger first recorded these exact envelope bytes, if it did.
    /// - Throws: ``VerifierError`` when the input cannot be checked (malformed envelope or payload,
    ///   library failure). A bad signature is not thrown: it is a failing `SIG-TRUSTED` finding.
    public func verify(
        _ bytes: [UInt8], detachedSignature: [UInt8]? = nil, timestampToken: [UInt8]? = nil,
        at time: Timestamp, firstSeen: Timestamp? = nil
    ) throws(VerifierError) -> VerifiedAttestation {
        let envelope = try EnvelopeReader(limits: limits).open(bytes, detachedSignature: detachedSignature)
        let token = try Self.timestampToken(inside: envelope, beside: timestampToken)
        let decoder = AttestationDecoder(limits: limits)
        let result =
            envelope.parsedPayload.map { decoder.decodeAll($0) }
            ?? envelope.withPayload { decoder.decodeAll(buffer: $0) }
        let attestation: Attestation
        switch result {
        case .success(let decoded): attestation = decoded
        case .failure(let problems):
            var first = problems.problems[0]
            if problems.problems.count > 1 { first.message += " (and \(problems.problems.count - 1) more)" }
            throw first
        }
        let digest = "sha256:" + envelope.withPayload { provider.sha256(buffer: $0) }.hex
        let timestamp = try token.map { (token) throws(VerifierError) in
            envelope.signatures.isEmpty
                ? TimestampCheck.invalid("the envelope has no signature for the timestamp to cover")
                : try provider.verifyTimestamp(
                    token, message: envelope.timestampedBytes,
                    authorities: store.timestampAuthorities)
        }
        // A valid token from a trusted TSA proves the signatures existed at its time.
        let stamped = timestamp?.status == .valid ? timestamp?.time : nil
        let signingTime = SigningTimeProof.earliest(timestamp: stamped, firstSeen: firstSeen, evaluation: time)
        let (checks, finding) = try SignatureChecker(store: store).check(
            envelope, issuer: attestation.issuer.id,
            signingTime: signingTime, issuedAt: attestation.issuedAt)
        return VerifiedAttestation(
            attestation: attestation, envelope: envelope.kind, digest: digest, signatures: checks,
            signatureFinding: finding, signingTime: signingTime,
            policy: store.issuers[attestation.issuer.id]?.file.policy, timestamp: timestamp)
    }

    /// The one token that came with the envelope, from inside it or from a `.tsr` file beside it.
    private static func timestampToken(
        inside envelope: Envelope,
        beside file: [UInt8]?
    ) throws(VerifierError) -> [UInt8]? {
        guard let file else { return envelope.timestampToken }
        guard envelope.timestampToken == nil else {
            throw VerifierError(
                .malformedEnvelope,
                "the DSSE envelope carries a timestamp and a .tsr file sits beside it; one or the other")
        }
        guard !file.isEmpty else { throw VerifierError(.malformedEnvelope, "the .tsr timestamp file is empty") }
        guard file.count <= EnvelopeReader.maximumTimestampTokenSize else {
            throw VerifierError(
                .inputTooLarge,
                "the .tsr timestamp file is \(file.count) bytes, over "
                    + "\(EnvelopeReader.maximumTimestampTokenSize)")
        }
        return file
    }
}
