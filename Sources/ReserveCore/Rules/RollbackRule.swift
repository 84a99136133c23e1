import Foundation

/// ROLLBACK: only the coin's newest accepted attestation passes.
struct RollbackRule: HistoryRule {
    let id = RuleID.rollback
    let condition = RuleCondition.history
    let gatesInEveryProfile = true
    var checks: String {
        """
        Only the coin's newest accepted attestation passes: a sequence at or below it, an older asOf, or an \
        attestation once refused admission fails.
        """
    }
    var reference: String {
        "Verifier policy: ledger history (SCO60 ongoing reassessment of the conditions)"
    }
    var defaultSource: Source {
        .verifierPolicy
    }
    func thresholds(in profile: Profile) -> String? { nil }
    let guardsAdmission = true

    func evaluate(_ context: HistoryContext) -> Finding? {
        guard context.judgesAdmission else { return nil }
        let a = context.attestation
        let history = context.history
        let isHead = context.isHead
        let evidence = context.coinEvidence
        if isHead {
            return Finding(
                .rollback, .pass, "the coin's newest accepted attestation (sequence \(a.sequence))", basis: .history,
                evidence: evidence)
        }
        if let latest = history.latestAccepted, a.sequence <= latest.sequence || a.asOf < latest.asOf {
            let why =
                a.sequence <= latest.sequence
                ? "sequence \(a.sequence) is not after the latest accepted \(latest.sequence)"
                : "asOf \(a.asOf) is before the latest accepted \(latest.asOf)"
            return Finding(
                .rollback, .fail, "\(why): it does not replace the latest state", basis: .history, evidence: evidence)
        }
        if let recorded = history.recorded, !recorded.admitted {
            return Finding(
                .rollback, .fail,
                """
                refused admission or withdrawn since it was first recorded on \(recorded.firstSeen): it is not the \
                coin's accepted state
                """,
                basis: .history, evidence: evidence)
        }
        if let latest = history.latestAccepted {
            return Finding(
                .rollback, .pass, "sequence \(a.sequence) follows \(latest.sequence)", basis: .history,
                evidence: evidence)
        }
        return Finding(
            .rollback, .pass, "first accepted attestation of \(a.token.symbol) by \(a.issuer.id)", basis: .history,
            evidence: evidence)
    }
}
