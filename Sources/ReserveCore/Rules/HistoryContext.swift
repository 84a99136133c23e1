import Foundation

/// What the history rules read: the attestation, what the ledger knows of its coin, and the
/// evaluation time.
///
/// A replay is judged like any other arrival (recording never makes a verdict weaker): only the
/// coin's newest accepted attestation passes ROLLBACK, and STALE is judged on the coin's newest
/// accepted state at the evaluation time. Admission to the coin's accepted history needs trusted
/// signatures, ATT-TIME, no equivocation, no rollback and a plausible sequence step.
struct HistoryContext: Sendable {
    let verified: VerifiedAttestation
    let history: HistorySnapshot
    let evaluatedAt: Timestamp
    /// Set by the stage once the admission rules have run (false before).
    var admitted = false

    var attestation: Attestation { verified.attestation }
    /// This attestation is already the coin's newest accepted one.
    var isHead: Bool { history.latestAccepted?.digest == verified.digest }
    /// A trusted attestation judged against a ledger: the rules that guard admission apply.
    var judgesAdmission: Bool { history.fromLedger && verified.isTrusted }

    /// The sequence, asOf and the coin's latest accepted attestation, shared by ROLLBACK and SEQUENCE-JUMP.
    var coinEvidence: CoinHistoryEvidence {
        let a = attestation
        var evidence = CoinHistoryEvidence(sequence: a.sequence, asOf: a.asOf)
        if let latest = history.latestAccepted {
            evidence.latestSequence = latest.sequence
            evidence.latestAsOf = latest.asOf
            evidence.latestDigest = latest.digest
        }
        return evidence
    }
}
