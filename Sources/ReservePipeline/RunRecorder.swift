import ReserveCore
import ReserveStore

/// The one writer of a run: records checked inputs as they come, in input order, in batches of
/// at most ``VerifyPipeline/recordBatch`` attestations, one transaction each (group commit: a
/// crash loses at most the batch in hand, never part of one), each verdict decided by the
/// evaluator against the coin's history inside the transaction. ``finish(reader:)`` then judges
/// what could not be recorded (no ledger, a failed batch) against the history `reader` can give,
/// never more leniently than recording would.
///
/// The caller may feed it while workers still check later inputs (``VerifyPipeline/run(_:at:firstSeen:workers:prepareRecords:makeWorker:advance:consume:)``):
/// the verdicts and the ledger are the same however the inputs are cut into chunks.
public struct RunRecorder {
    public let pipeline: VerifyPipeline
    /// The ledger to write, or nil (`--no-record`, not opened yet, or it failed to open: `failure`).
    public var ledger: Ledger?
    /// The first ledger failure: nothing more is recorded after it.
    public var failure: VerifierError?
    public let evaluatedAt: Timestamp
    public let tool: String
    private var checked: [CheckedInput] = []
    private var reports: [AttestationReport?] = []
    private var recorded = false

    public init(
        pipeline: VerifyPipeline, ledger: Ledger?, failure: VerifierError? = nil, at evaluatedAt: Timestamp,
        tool: String
    ) {
        self.pipeline = pipeline
        self.ledger = ledger
        self.failure = failure
        self.evaluatedAt = evaluatedAt
        self.tool = tool
    }

    /// Records the assessed inputs of `chunk` (the next inputs in order), in batches.
    public mutating func record(_ chunk: [CheckedInput]) {
        let offset = checked.count
        checked += chunk
        reports += [AttestationReport?](repeating: nil, count: chunk.count)
        let assessed = chunk.indices.compactMap { k -> (Int, Assessment)? in
            guard case .success(let assessment) = chunk[k].outcome else { return nil }
            return (offset + k, assessment)
        }
        for start in stride(from: 0, to: assessed.count, by: VerifyPipeline.recordBatch) {
            record(batch: assessed[start..<min(start + VerifyPipeline.recordBatch, assessed.count)])
        }
    }

    private mutating func record(batch: ArraySlice<(Int, Assessment)>) {
        guard let open = ledger, failure == nil else { return }
        let items = batch.map { i, assessment in
            RecordItem(
                source: checked[i].source, envelope: checked[i].envelope,
                detachedSignature: checked[i].detachedSignature,
                timestampToken: checked[i].timestampToken, verified: assessment.verified, evaluatedAt: evaluatedAt,
                toolVersion: tool, draft: checked[i].draft)
        }
        let assessments = batch.map(\.1)
        let evaluator = pipeline.evaluator
        do {
            let outcomes = try open.record(batch: items) { k, history in
                evaluator.decide(assessments[k], history: history)
            }
            recorded = true
            for ((i, assessment), outcome) in zip(batch, outcomes) {
                let note =
                    outcome.recorded
                    ? (outcome.accepted ? "recorded" : "recorded as evidence; not the coin's latest state")
                    : "already recorded: judged again against the coin's history"
                reports[i] = AttestationReport(
                    source: checked[i].source, outcome: .checked(assessment.verified, outcome.evaluation),
                    ledger: [
                        "recorded": .bool(outcome.recorded), "accepted": .bool(outcome.accepted),
                        "note": .string(note),
                        "rowHash": .string(outcome.rowHash),
                    ])
            }
        } catch {
            // The results still print; failing to record is an error of its own (exit 2).
            failure = error
        }
    }

    /// Every input's report, in input order: the recorded ones as recorded, the others judged
    /// against `reader`'s history (the ledger to read when a result is not recorded, or nil).
    public func finish(reader: Ledger?) -> RecordedRun {
        let evaluator = pipeline.evaluator
        let results = checked.indices.map { i -> AttestationReport in
            if let report = reports[i] { return report }
            switch checked[i].outcome {
            case .failure(let error): return AttestationReport(source: checked[i].source, outcome: .error(error))
            case .success(let assessment):
                let history = reader.flatMap { try? $0.history(for: assessment.verified) } ?? .unrecorded
                return AttestationReport(
                    source: checked[i].source,
                    outcome: .checked(assessment.verified, evaluator.decide(assessment, history: history)))
            }
        }
        return RecordedRun(results: results, recorded: recorded, failure: failure)
    }
}
