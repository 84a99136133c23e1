import ReserveCore
import ReserveStore

extension VerifyPipeline {
    /// Assesses verified envelopes and records them all in one transaction (group commit), in
    /// order, each verdict decided against the coin's history inside it: an envelope served twice,
    /// or two conflicting ones, are judged against what the ones before them wrote (`REPLAY`,
    /// `EQUIVOCATION`). A crash or an error records none of them.
    public func record(batch inputs: [VerifiedInput], in ledger: Ledger, tool: String) throws(VerifierError)
        -> [RecordOutcome]
    {
        let evaluator = evaluator
        let assessments = inputs.map { evaluator.assess($0.verified, at: $0.at) }
        return try ledger.record(
            batch: inputs.map {
                RecordItem(
                    source: $0.source, envelope: $0.envelope, detachedSignature: $0.detachedSignature,
                    verified: $0.verified, evaluatedAt: $0.at, toolVersion: tool)
            }
        ) { k, history in evaluator.decide(assessments[k], history: history) }
    }
}
