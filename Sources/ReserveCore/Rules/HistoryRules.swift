import Foundation

/// What the ledger knows about a coin when an attestation is evaluated: the input to the history
/// stage of the evaluation (REPLAY, EQUIVOCATION, ROLLBACK, SEQUENCE-JUMP, STALE).
public struct HistorySnapshot: Sendable, Hashable {
    /// False for ``unrecorded``: no ledger was consulted.
    public var fromLedger: Bool
    /// This payload (with the same trust) is already in the ledger.
    public var recorded: Recorded?
    /// The coin's newest admitted attestation, if any (withdrawn ones excluded).
    public var latestAccepted: Accepted?
    /// Digests of other validly signed attestations with the same issuer, token and sequence.
    public var sameSequenceDigests: [String]

    public struct Recorded: Sendable, Hashable {
        /// Whether it is (still) in the coin's accepted history.
        public var admitted: Bool
        /// When the ledger first recorded it.
        public var firstSeen: Timestamp
        public init(admitted: Bool, firstSeen: Timestamp) {
            self.admitted = admitted
            self.firstSeen = firstSeen
        }
    }

    public struct Accepted: Sendable, Hashable {
        public var sequence: Int
        public var asOf: Timestamp
        public var digest: String
        public init(sequence: Int, asOf: Timestamp, digest: String) {
            self.sequence = sequence
            self.asOf = asOf
            self.digest = digest
        }
    }

    public init(recorded: Recorded? = nil, latestAccepted: Accepted? = nil, sameSequenceDigests: [String] = []) {
        self.fromLedger = true
        self.recorded = recorded
        self.latestAccepted = latestAccepted
        self.sameSequenceDigests = sameSequenceDigests
    }

    /// No ledger (`verify --no-record`): the attestation is judged as its coin's newest, so only
    /// STALE applies.
    public static let unrecorded: HistorySnapshot = {
        var snapshot = HistorySnapshot()
        snapshot.fromLedger = false
        return snapshot
    }()
}

/// The history stage of the evaluation: pure functions of (attestation, snapshot, time).
///
/// A replay is judged like any other arrival (recording never makes a verdict weaker): only the
/// coin's newest accepted attestation passes ROLLBACK, and STALE is judged on the coin's newest
/// accepted state at the evaluation time. Admission to the coin's accepted history needs trusted
/// signatures, ATT-TIME, no equivocation, no rollback and a plausible sequence step.
enum HistoryRules {
    struct Outcome: Sendable, Hashable {
        var findings: [Finding]
        /// Becomes the coin's newest accepted attestation (new, trusted, passed admission).
        var admitted: Bool
    }

    static func evaluate(_ verified: VerifiedAttestation, history: HistorySnapshot, attestationTimePassed: Bool,
                         at time: Timestamp) -> Outcome {
        let a = verified.attestation
        guard history.fromLedger else {
            // Without a ledger the attestation is its coin's newest: only STALE applies.
            let findings = verified.isTrusted ? [stale(newestAsOf: a.asOf, freshnessDays: verified.freshnessDays, at: time)] : []
            return Outcome(findings: findings, admitted: false)
        }
        var findings: [Finding] = []
        if let recorded = history.recorded {
            findings.append(replay(verified, recorded))
        }
        // Untrusted content never enters the coin's history: SIG-TRUSTED already blocks it.
        guard verified.isTrusted else { return Outcome(findings: findings, admitted: false) }

        let isHead = history.latestAccepted?.digest == verified.digest
        let equivocation = equivocation(a, history)
        let rollback = rollback(a, history, isHead: isHead)
        let jump = sequenceJump(a, history, isHead: isHead, limit: (verified.policy ?? TrustFile.Policy()).sequenceStepLimit)
        findings += [equivocation, rollback, jump]
        let admitted = history.recorded == nil && attestationTimePassed
            && [equivocation, rollback, jump].allSatisfy { $0.status == .pass }
        // STALE: the coin's newest accepted attestation at the evaluation time.
        let newestAsOf = admitted || isHead ? a.asOf : (history.latestAccepted?.asOf ?? a.asOf)
        findings.append(stale(newestAsOf: newestAsOf, freshnessDays: verified.freshnessDays, at: time))
        return Outcome(findings: findings, admitted: admitted)
    }

    private static func replay(_ verified: VerifiedAttestation, _ recorded: HistorySnapshot.Recorded) -> Finding {
        var evidence: JSONObject = ["digest": .string(verified.digest), "firstSeen": .string(recorded.firstSeen.description)]
        evidence["admitted"] = .bool(recorded.admitted)
        return Finding(.replay, .warn,
                       "already recorded on \(recorded.firstSeen) (\(verified.digest.prefix(19))…): not stored again; judged again against the coin's history",
                       basis: .history, evidence: evidence, gating: false)
    }

    private static func coinEvidence(_ a: Attestation, _ history: HistorySnapshot) -> JSONObject {
        var evidence: JSONObject = ["sequence": .int(a.sequence), "asOf": .string(a.asOf.description)]
        if let latest = history.latestAccepted {
            evidence["latestSequence"] = .int(latest.sequence)
            evidence["latestAsOf"] = .string(latest.asOf.description)
            evidence["latestDigest"] = .string(latest.digest)
        }
        return evidence
    }

    private static func equivocation(_ a: Attestation, _ history: HistorySnapshot) -> Finding {
        var evidence: JSONObject = ["sequence": .int(a.sequence), "asOf": .string(a.asOf.description)]
        guard history.sameSequenceDigests.isEmpty else {
            evidence["conflictingDigests"] = .strings(history.sameSequenceDigests)
            return Finding(.equivocation, .fail,
                           "a different validly signed attestation with sequence \(a.sequence) is recorded: the issuer signed two versions of the same report (both kept)",
                           basis: .history, evidence: evidence)
        }
        return Finding(.equivocation, .pass, "no other signed attestation with sequence \(a.sequence)", basis: .history, evidence: evidence)
    }

    private static func rollback(_ a: Attestation, _ history: HistorySnapshot, isHead: Bool) -> Finding {
        let evidence = coinEvidence(a, history)
        if isHead {
            return Finding(.rollback, .pass, "the coin's newest accepted attestation (sequence \(a.sequence))", basis: .history,
                           evidence: evidence)
        }
        if let latest = history.latestAccepted, a.sequence <= latest.sequence || a.asOf < latest.asOf {
            let why = a.sequence <= latest.sequence
                ? "sequence \(a.sequence) is not after the latest accepted \(latest.sequence)"
                : "asOf \(a.asOf) is before the latest accepted \(latest.asOf)"
            return Finding(.rollback, .fail, "\(why): it does not replace the latest state", basis: .history, evidence: evidence)
        }
        if let recorded = history.recorded, !recorded.admitted {
            return Finding(.rollback, .fail,
                           "refused admission or withdrawn since it was first recorded on \(recorded.firstSeen): it is not the coin's accepted state",
                           basis: .history, evidence: evidence)
        }
        if let latest = history.latestAccepted {
            return Finding(.rollback, .pass, "sequence \(a.sequence) follows \(latest.sequence)", basis: .history, evidence: evidence)
        }
        return Finding(.rollback, .pass, "first accepted attestation of \(a.token.symbol) by \(a.issuer.id)", basis: .history,
                       evidence: evidence)
    }

    private static func sequenceJump(_ a: Attestation, _ history: HistorySnapshot, isHead: Bool, limit: Int) -> Finding {
        var evidence = coinEvidence(a, history)
        evidence["maxSequenceStep"] = .int(limit)
        guard let latest = history.latestAccepted, !isHead else {
            return Finding(.sequenceJump, .pass, isHead ? "the coin's newest accepted attestation" : "no earlier accepted attestation to step from",
                           basis: .history, evidence: evidence)
        }
        // Sequences are at most Int32.max (the decoder's bound), so the difference cannot overflow.
        let step = a.sequence - latest.sequence
        evidence["step"] = .int(step)
        if step > limit {
            return Finding(.sequenceJump, .fail,
                           "sequence \(a.sequence) jumps \(step) past the latest accepted \(latest.sequence) (at most \(limit)): not admitted, so one attestation cannot freeze the coin's history",
                           basis: .history, evidence: evidence)
        }
        return Finding(.sequenceJump, .pass, step > 0 ? "a step of \(step) (at most \(limit))" : "no step forward (see ROLLBACK)",
                       basis: .history, evidence: evidence)
    }

    /// STALE for a coin whose newest accepted attestation is as of `newestAsOf`.
    static func stale(newestAsOf: Timestamp, freshnessDays: Int, at time: Timestamp) -> Finding {
        let ageSeconds = time.seconds - newestAsOf.seconds
        let window = Int64(freshnessDays) * 86_400
        let ev: JSONObject = ["newestAsOf": .string(newestAsOf.description), "evaluatedAt": .string(time.description),
                              "ageDays": .string((Decimal(ageSeconds) / 86_400).fixed(2)), "freshnessDays": .int(freshnessDays)]
        if ageSeconds > window {
            return Finding(.stale, .fail, "newest accepted attestation is as of \(newestAsOf), \(ageSeconds / 86_400) days old: over the \(freshnessDays)-day window",
                           basis: .history, evidence: ev)
        }
        return Finding(.stale, .pass, "newest accepted attestation is \(max(0, ageSeconds) / 86_400) days old (window \(freshnessDays) days)", basis: .history, evidence: ev)
    }
}
