import Foundation

/// SEQUENCE-JUMP: the sequence steps from the coin's newest accepted one by at most the trust
/// policy's limit, so that one attestation cannot freeze the coin's history.
struct SequenceJumpRule: HistoryRule {
    let id = RuleID.sequenceJump
    let condition = RuleCondition.history
    let gatesInEveryProfile = true
    var checks: String {
        "The sequence steps from the coin's newest accepted one by at most the trust policy's maxSequenceStep."
    }
    var reference: String {
        "Verifier policy: ledger history, a plausible sequence step (trust.json maxSequenceStep, default 100)"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in p: Profile) -> String? {
        "trust.json maxSequenceStep (default 100, tool calibration)"
    }
    let guardsAdmission = true

    func evaluate(_ context: HistoryContext) -> Finding? {
        guard context.judgesAdmission else { return nil }
        let a = context.attestation
        let history = context.history
        let isHead = context.isHead
        let limit = (context.verified.policy ?? TrustFile.Policy()).sequenceStepLimit
        var evidence = context.coinEvidence
        evidence.maxSequenceStep = limit
        guard let latest = history.latestAccepted, !isHead else {
            return Finding(
                .sequenceJump, .pass,
                isHead ? "the coin's newest accepted attestation" : "no earlier accepted attestation to step from",
                basis: .history, evidence: evidence)
        }
        // Sequences are at most Int32.max (the decoder's bound), so the difference cannot overflow.
        let step = a.sequence - latest.sequence
        evidence.step = step
        if step > limit {
            return Finding(
                .sequenceJump, .fail,
                """
                sequence \(a.sequence) jumps \(step) past the latest accepted \(latest.sequence) (at most \(limit)): \
                not admitted, so one attestation cannot freeze the coin's history
                """,
                basis: .history, evidence: evidence)
        }
        return Finding(
            .sequenceJump, .pass, step > 0 ? "a step of \(step) (at most \(limit))" : "no step forward (see ROLLBACK)",
            basis: .history, evidence: evidence)
    }
}
