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

/// A rule of the history stage: reads the coin's history, or returns nil where it does not apply
/// (no ledger, untrusted input).
protocol HistoryRule: RuleDescription {
    /// Whether the attestation enters its coin's accepted history only if this rule passes.
    var guardsAdmission: Bool { get }
    func evaluate(_ context: HistoryContext) -> Finding?
}

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
            newestAsOf: newestAsOf, evaluatedAt: time, ageDays: (Decimal(ageSeconds) / 86_400).fixed(2),
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
