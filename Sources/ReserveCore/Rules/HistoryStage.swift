import Foundation

/// The history stage of the evaluation: pure functions of (attestation, snapshot, time).
enum HistoryStage {
    struct Outcome: Sendable, Hashable {
        var findings: [Finding]
        /// Becomes the coin's newest accepted attestation (new, trusted, passed admission).
        var admitted: Bool
    }

    static func evaluate(
        _ verified: VerifiedAttestation, history: HistorySnapshot, attestationTimePassed: Bool,
        at time: Timestamp
    ) -> Outcome {
        var context = HistoryContext(verified: verified, history: history, evaluatedAt: time)
        // The admission rules first: the others (STALE) read whether the attestation was admitted.
        var admission: [RuleID: Finding] = [:]
        for rule in Rules.history where rule.guardsAdmission {
            admission[rule.id] = rule.evaluate(context)
        }
        context.admitted =
            context.judgesAdmission && history.recorded == nil && attestationTimePassed
            && admission.values.allSatisfy { $0.status == .pass }
        let findings = Rules.history.compactMap { rule in
            rule.guardsAdmission ? admission[rule.id] : rule.evaluate(context)
        }
        return Outcome(findings: findings, admitted: context.admitted)
    }
}
