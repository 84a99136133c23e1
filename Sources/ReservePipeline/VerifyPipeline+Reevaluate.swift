import Foundation
import ReserveCore
import ReserveStore

extension VerifyPipeline {
    /// Re-checks a page of stored envelopes (keys judged at the ledger's first sight of each, or
    /// its stored timestamp) and assesses them on every core, then appends their re-evaluations in
    /// one transaction (``Ledger/reevaluate(batch:evaluatedAt:toolVersion:decide:)``), each verdict
    /// decided against the coin's history inside it, in order.
    ///
    /// - Throws: the first envelope that can no longer be verified (nothing of the page is
    ///   recorded then), or the ledger's error.
    public func reevaluate(batch stored: [StoredEnvelope], in ledger: Ledger, at now: Timestamp, tool: String)
        async throws(VerifierError) -> [Reevaluated]
    {
        guard !stored.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, stored.count))
        let chunk = (stored.count + workers - 1) / workers
        let verifier = verifier
        let evaluator = evaluator
        var checked = [Result<Assessment, VerifierError>?](repeating: nil, count: stored.count)
        await withTaskGroup(of: (Int, [Result<Assessment, VerifierError>]).self) { group in
            for start in stride(from: 0, to: stored.count, by: chunk) {
                let part = Array(stored[start..<min(start + chunk, stored.count)])
                group.addTask {
                    let results = part.map { s -> Result<Assessment, VerifierError> in
                        do throws(VerifierError) {
                            let verified = try verifier.verify(
                                s.envelope, detachedSignature: s.detachedSignature,
                                timestampToken: s.timestampToken, at: now, firstSeen: s.firstSeen)
                            return .success(evaluator.assess(verified, at: now))
                        } catch {
                            return .failure(error)
                        }
                    }
                    return (start, results)
                }
            }
            for await (start, results) in group {
                for (k, result) in results.enumerated() { checked[start + k] = result }
            }
        }
        var assessments: [Assessment] = []
        assessments.reserveCapacity(stored.count)
        for result in checked {
            switch result {
            case .success(let assessment)?: assessments.append(assessment)
            case .failure(let error)?: throw error
            case nil: throw VerifierError(.storage, "a re-check produced no result")
            }
        }
        let items = zip(stored, assessments).map { s, assessment in
            ReevaluationItem(attestationRef: s.attestationRef, verified: assessment.verified)
        }
        let outcomes = try ledger.reevaluate(batch: items, evaluatedAt: now, toolVersion: tool) { k, history in
            evaluator.decide(assessments[k], history: history)
        }
        return zip(zip(stored, assessments), outcomes).map { pair, outcome in
            Reevaluated(
                stored: pair.0, verified: pair.1.verified, evaluation: outcome.evaluation, withdrawn: outcome.withdrawn)
        }
    }
}
