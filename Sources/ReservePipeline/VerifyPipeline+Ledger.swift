import ReserveCore
import ReserveStore

extension VerifyPipeline {
    /// Attestations recorded per transaction.
    public static let recordBatch = 256

    /// Records the checked inputs in batches, one transaction each (group commit: a crash loses at
    /// most the batch in hand, never part of one), each verdict decided against the coin's history
    /// inside the transaction. What cannot be recorded (no ledger, a failed batch) is still judged
    /// against the history `reader` can give, never more leniently than recording would.
    ///
    /// - Parameters:
    ///   - ledger: the ledger to write, or nil (`--no-record`, or it failed to open: `failure`).
    ///   - reader: the ledger to read history from when a result is not recorded.
    public func record(
        _ checked: [CheckedInput], in ledger: Ledger?, failure: VerifierError? = nil, reader: Ledger?,
        at evaluatedAt: Timestamp, tool: String
    ) -> RecordedRun {
        var recorder = RunRecorder(pipeline: self, ledger: ledger, failure: failure, at: evaluatedAt, tool: tool)
        recorder.record(checked)
        return recorder.finish(reader: reader)
    }

    /// Verifies one envelope with the ledger's first sight of it (with the same detached signature)
    /// as its earliest proven signing time.
    public func verify(_ envelope: [UInt8], detachedSignature: [UInt8]?, in ledger: Ledger, at now: Timestamp)
        throws(VerifierError) -> VerifiedAttestation
    {
        let sha = hasher.sha256(envelope).hex
        let sight = Ledger.Sight(envelopeSHA256: sha, detachedSignature: detachedSignature, key: sha)
        let firstSeen = try ledger.firstSeen([sight])[sha]
        return try verifier.verify(envelope, detachedSignature: detachedSignature, at: now, firstSeen: firstSeen)
    }

    /// Assesses a verified envelope and records it, the verdict decided against the coin's
    /// history inside the ledger's transaction.
    public func record(
        _ verified: VerifiedAttestation, envelope: [UInt8], detachedSignature: [UInt8]?, source: String,
        in ledger: Ledger, at now: Timestamp, tool: String
    ) throws(VerifierError) -> RecordOutcome {
        let assessment = evaluator.assess(verified, at: now)
        let evaluator = evaluator
        return try ledger.record(
            RecordItem(
                source: source, envelope: envelope, detachedSignature: detachedSignature,
                verified: verified, evaluatedAt: now, toolVersion: tool)
        ) { evaluator.decide(assessment, history: $0) }
    }

    /// Re-checks a stored envelope (keys judged at the ledger's first sight of it, or its stored
    /// timestamp), assesses it, and appends the re-evaluation the ledger's history decides, with
    /// a withdrawal when its key turns out revoked by then or a `correction` is given.
    public func reevaluate(
        _ stored: StoredEnvelope, in ledger: Ledger, at now: Timestamp, tool: String,
        correction: Withdrawal? = nil
    )
        throws(VerifierError) -> (VerifiedAttestation, Evaluation, withdrawn: Bool)
    {
        let verified = try verifier.verify(
            stored.envelope, detachedSignature: stored.detachedSignature,
            timestampToken: stored.timestampToken, at: now, firstSeen: stored.firstSeen)
        let assessment = evaluator.assess(verified, at: now)
        let evaluator = evaluator
        let (evaluation, withdrawn) = try ledger.reevaluate(
            attestationRef: stored.attestationRef, verified: verified, evaluatedAt: now, toolVersion: tool,
            correction: correction, stored: stored
        ) { evaluator.decide(assessment, history: $0) }
        return (verified, evaluation, withdrawn)
    }

    /// The findings of a coin's latest accepted attestation as of `now`, without recording
    /// anything: what an early warning reads (margins, the audit's lapse).
    public func assessStored(_ stored: StoredEnvelope, at now: Timestamp)
        throws(VerifierError) -> (VerifiedAttestation, Evaluation)
    {
        let verified = try verifier.verify(
            stored.envelope, detachedSignature: stored.detachedSignature,
            timestampToken: stored.timestampToken, at: now, firstSeen: stored.firstSeen)
        return (verified, evaluator.decide(evaluator.assess(verified, at: now), history: .unrecorded))
    }
}
