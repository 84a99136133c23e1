import Foundation

/// REPLAY: the same payload digest seen before; reported (never gating), not stored twice.
struct ReplayRule: HistoryRule {
    let id = RuleID.replay
    let condition = RuleCondition.history
    let gatesInEveryProfile = false
    var checks: String {
        "The same payload digest seen before: reported, not stored twice; every other history rule still applies."
    }
    var reference: String {
        "Verifier policy: ledger history (SCO60 ongoing reassessment of the conditions)"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in profile: Profile) -> String? { nil }
    let guardsAdmission = false

    func evaluate(_ context: HistoryContext) -> Finding? {
        guard context.history.fromLedger, let recorded = context.history.recorded else { return nil }
        let verified = context.verified
        let evidence = ReplayEvidence(
            digest: verified.digest, firstSeen: recorded.firstSeen, admitted: recorded.admitted)
        return Finding(
            .replay, .warn,
            """
            already recorded on \(recorded.firstSeen) (\(verified.digest.prefix(19))…): not stored again; judged \
            again against the coin's history
            """,
            basis: .history, evidence: evidence, gating: false)
    }
}
