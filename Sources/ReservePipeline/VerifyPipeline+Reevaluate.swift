import Foundation
import ReserveCore
import ReserveStore

extension VerifyPipeline {
    /// One stored envelope re-checked on a worker: its assessment with the evaluation part of its
    /// record prepared (``RecordDraft``), or why it can no longer be verified.
    typealias Rechecked = Result<(assessment: Assessment, draft: RecordDraft), VerifierError>

    /// Runs every accepted (not withdrawn) attestation of `ledger` again, as `verify` runs a
    /// folder: the ledger is read a page of `page` stored envelopes at a time
    /// (``Ledger/acceptedEnvelopes(after:limit:)``, in attestation id order); `workers` workers,
    /// each with the pipeline `makeWorker` makes for it (its own trust store and keys), re-check
    /// each envelope (keys judged at the ledger's first sight of it, or its stored timestamp),
    /// assess it and prepare its record; the one writer (the caller's thread) appends each page's
    /// re-evaluations in one transaction (``Ledger/reevaluate(batch:evaluatedAt:toolVersion:decide:)``,
    /// group commit), each verdict decided by this pipeline's evaluator against the coin's history
    /// inside it, in order, while the workers check the next page. `consume` gets each page's
    /// results once its transaction has committed.
    ///
    /// The pages, their order and their transactions are the ones a page-by-page loop would make:
    /// a re-evaluation appends to the attestation it judges only, so a page read while the page
    /// before it is recorded lists what it would list after.
    ///
    /// - Throws: the first envelope of a page, in order, that can no longer be verified: nothing of
    ///   that page is recorded, the pages before it stay recorded (each was committed before the
    ///   writer took the next), and nothing after it is read or recorded; or the ledger's error.
    public func reevaluate(
        _ ledger: Ledger, at now: Timestamp, tool: String, workers: Int, page: Int = Ledger.reevaluationPage,
        makeWorker: @escaping @Sendable (_ worker: Int) -> VerifyPipeline,
        consume: ([Reevaluated]) -> Void
    ) throws(VerifierError) {
        let evaluator = evaluator
        var after: Int64 = 0
        try Workers.forEachPage(
            workers: workers, makeState: makeWorker,
            next: { () throws(VerifierError) -> [StoredEnvelope]? in
                let stored = try ledger.acceptedEnvelopes(after: after, limit: page)
                guard let last = stored.last else { return nil }
                after = last.attestationRef
                return stored
            },
            { pipeline, stored in pipeline.recheck(stored, at: now) },
            consume: { (stored: [StoredEnvelope], rechecked: [Rechecked]) throws(VerifierError) in
                var checked: [(assessment: Assessment, draft: RecordDraft)] = []
                checked.reserveCapacity(rechecked.count)
                for result in rechecked { checked.append(try result.get()) }
                let items = zip(stored, checked).map { s, c in
                    ReevaluationItem(
                        attestationRef: s.attestationRef, verified: c.assessment.verified, draft: c.draft, stored: s)
                }
                let outcomes = try ledger.reevaluate(batch: items, evaluatedAt: now, toolVersion: tool) { k, history in
                    evaluator.decide(checked[k].assessment, history: history)
                }
                consume(
                    zip(zip(stored, checked), outcomes).map { pair, outcome in
                        Reevaluated(
                            stored: pair.0, verified: pair.1.assessment.verified, evaluation: outcome.evaluation,
                            withdrawn: outcome.withdrawn)
                    })
            })
    }

    /// Re-checks a stored envelope (keys judged at the ledger's first sight of it, or its stored
    /// timestamp), assesses it and prepares its record: a worker's part of ``reevaluate(_:at:tool:workers:page:makeWorker:consume:)``.
    func recheck(_ stored: StoredEnvelope, at now: Timestamp) -> Rechecked {
        do throws(VerifierError) {
            let verified = try verifier.verify(
                stored.envelope, detachedSignature: stored.detachedSignature, timestampToken: stored.timestampToken,
                at: now, firstSeen: stored.firstSeen)
            let assessment = evaluator.assess(verified, at: now)
            // The SHA-256 of the envelope's bytes, hashed here on the worker: the writer compares
            // it with the proven row's (the bytes re-checked must be the recorded ones); the draft's
            // attestation part is otherwise not used by a re-evaluation (its record copies the
            // stored rows).
            let draft = RecordDraft(
                assessment, envelope: stored.envelope, envelopeSHA256: nil,
                detachedSignature: stored.detachedSignature, timestampToken: stored.timestampToken, hasher: hasher)
            return .success((assessment, draft))
        } catch {
            return .failure(error)
        }
    }
}
