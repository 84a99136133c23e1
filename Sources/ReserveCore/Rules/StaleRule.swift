import Foundation

/// STALE: the coin's newest accepted attestation at the evaluation time is within its freshness
/// window. Without a ledger the attestation is its coin's newest.
struct StaleRule: HistoryRule {
    let id = RuleID.stale
    let condition = RuleCondition.history
    let gatesInEveryProfile = true
    var checks: String {
        "The newest accepted attestation of the coin is older than its freshness window at evaluation time."
    }
    var reference: String {
        "Verifier policy: ledger history (SCO60 ongoing reassessment of the conditions)"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in p: Profile) -> String? {
        "trust.json freshnessDays (default 35)"
    }
    let guardsAdmission = false

    func evaluate(_ context: HistoryContext) -> Finding? {
        guard context.verified.isTrusted else { return nil }
        let a = context.attestation
        let newestAsOf = context.admitted || context.isHead ? a.asOf : (context.history.latestAccepted?.asOf ?? a.asOf)
        return Self.finding(
            newestAsOf: newestAsOf, freshnessDays: context.verified.freshnessDays, at: context.evaluatedAt)
    }

    /// STALE for a coin whose newest accepted attestation is as of `newestAsOf`.
    static func finding(newestAsOf: Timestamp, freshnessDays: Int, at time: Timestamp) -> Finding {
        let ageSeconds = time.seconds - newestAsOf.seconds
        let window = Int64(freshnessDays) * 86_400
        let ev = StaleEvidence(
            newestAsOf: newestAsOf, evaluatedAt: time, ageDays: (Money(Int(ageSeconds)) / Money(86_400)).fixed(2),
            freshnessDays: freshnessDays)
        if ageSeconds > window {
            return Finding(
                RuleID.stale, .fail,
                """
                newest accepted attestation is as of \(newestAsOf), \(ageSeconds / 86_400) days old: over the \
                \(freshnessDays)-day window
                """,
                basis: .history, evidence: ev)
        }
        return Finding(
            RuleID.stale, .pass,
            "newest accepted attestation is \(max(0, ageSeconds) / 86_400) days old (window \(freshnessDays) days)",
            basis: .history, evidence: ev)
    }
}
