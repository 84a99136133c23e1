import Foundation

/// EQUIVOCATION: two different validly signed payloads for the same issuer, token and sequence.
struct EquivocationRule: HistoryRule {
    let id = RuleID.equivocation
    let condition = RuleCondition.history
    let gatesInEveryProfile = true
    var checks: String {
        """
        Two different validly signed payloads with the same issuer, token and sequence (also when either is seen again).
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
        // Untrusted content never enters the coin's history: SIG-TRUSTED already blocks it.
        guard context.judgesAdmission else { return nil }
        let a = context.attestation
        let history = context.history
        var evidence = EquivocationEvidence(sequence: a.sequence, asOf: a.asOf)
        guard history.sameSequenceDigests.isEmpty else {
            evidence.conflictingDigests = history.sameSequenceDigests
            return Finding(
                .equivocation, .fail,
                """
                a different validly signed attestation with sequence \(a.sequence) is recorded: the issuer signed two \
                versions of the same report (both kept)
                """,
                basis: .history, evidence: evidence)
        }
        return Finding(
            .equivocation, .pass, "no other signed attestation with sequence \(a.sequence)", basis: .history,
            evidence: evidence)
    }
}
