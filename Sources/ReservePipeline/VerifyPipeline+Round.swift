import ReserveCore
import ReserveStore

extension VerifyPipeline {
    /// Assesses verified envelopes and records them all in one transaction (group commit), in
    /// order, each verdict decided against the coin's history inside it: an envelope served twice,
    /// or two conflicting ones, are judged against what the ones before them wrote (`REPLAY`,
    /// `EQUIVOCATION`). A crash or an error records none of them.
    ///
    /// Each input is assessed and its record prepared (``RecordDraft``: the hashes, the signature
    /// rows, the evidence encoding) on `workers` workers first (nil: one per active core, at most
    /// one per input; they share this pipeline, which only reads its keys), so the transaction
    /// adds only what the history decides; the stored bytes are the same as without drafts.
    public func record(batch inputs: [VerifiedInput], in ledger: Ledger, tool: String, workers: Int? = nil)
        throws(VerifierError) -> [RecordOutcome]
    {
        let pipeline = self
        let prepared = Workers.map(
            count: inputs.count, workers: Workers.count(jobs: workers, items: inputs.count),
            makeState: { _ in pipeline },
            { pipeline, i in
                let input = inputs[i]
                let assessment = pipeline.evaluator.assess(input.verified, at: input.at)
                let draft = RecordDraft(
                    assessment, envelope: input.envelope, envelopeSHA256: nil,
                    detachedSignature: input.detachedSignature,
                    timestampToken: nil, hasher: pipeline.hasher)
                return (assessment: assessment, draft: draft)
            })
        let evaluator = evaluator
        return try ledger.record(
            batch: zip(inputs, prepared).map { input, p in
                RecordItem(
                    source: input.source, envelope: input.envelope, detachedSignature: input.detachedSignature,
                    verified: input.verified, evaluatedAt: input.at, toolVersion: tool, draft: p.draft)
            }
        ) { k, history in evaluator.decide(prepared[k].assessment, history: history) }
    }
}
