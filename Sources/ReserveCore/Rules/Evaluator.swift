import Foundation

/// Computes findings and decides the verdict for a verified attestation under a profile: one
/// pass, `assess` (the attestation alone) then `decide` (its history and the verdict, once).
public struct Evaluator: Sendable {
    public let profile: Profile
    /// The bank's own figures for the capital findings (G2-LIMIT, G2B-RW), when given.
    public let position: BankPosition?

    public init(profile: Profile, position: BankPosition? = nil) {
        self.profile = profile
        self.position = position
    }

    /// Evaluates an attestation against its coin's history: `assess`, then `decide`.
    ///
    /// - Parameter history: what the ledger knows of the coin, or ``HistorySnapshot/unrecorded``
    ///   (`verify --no-record`): then the attestation is judged as its coin's newest.
    public func evaluate(_ verified: VerifiedAttestation, history: HistorySnapshot, at time: Timestamp) -> Evaluation {
        decide(assess(verified, at: time), history: history)
    }

    /// Runs every rule that reads the attestation alone. An attestation whose signatures are not
    /// trusted gets only its integrity findings, and no figures: nothing unverified is evaluated
    /// as if it were true.
    public func assess(_ verified: VerifiedAttestation, at time: Timestamp) -> Assessment {
        let context = RuleContext(verified: verified, profile: profile, evaluatedAt: time, position: position)
        var findings = [verified.signatureFinding] + Rules.integrity.map { $0.evaluate(context) }
        guard verified.isTrusted else {
            return Assessment(
                verified: verified, evaluatedAt: time, findings: findings, coverage: nil, stressedCoverage: nil,
                notes: profile.notes)
        }
        findings += Rules.catalogue.map { $0.evaluate(context).sourced(by: profile) }
        return Assessment(
            verified: verified, evaluatedAt: time, findings: findings, coverage: context.figures.coverage,
            stressedCoverage: context.figures.stress?.worstCoverage, notes: profile.notes)
    }

    /// Adds the history findings, applies the profile (gating; tentative rules warn), decides the
    /// verdict once from the complete set, then the capital findings that follow from it.
    public func decide(_ assessment: Assessment, history: HistorySnapshot) -> Evaluation {
        let attTimePassed = assessment.findings.contains { $0.rule == .attTime && $0.status == .pass }
        let stage = HistoryStage.evaluate(
            assessment.verified, history: history, attestationTimePassed: attTimePassed,
            at: assessment.evaluatedAt)
        // One array, built and profiled in place (each finding copied once), then the capital
        // findings, which the profile does not touch.
        var findings: [Finding] = []
        findings.reserveCapacity(assessment.findings.count + stage.findings.count + 2)
        findings.append(contentsOf: assessment.findings)
        findings.append(contentsOf: stage.findings)
        applyProfile(&findings)
        let decided = verdict(findings, notes: assessment.notes)
        if assessment.verified.isTrusted {
            findings.append(contentsOf: CapitalStage.findings(decided, position: position))
        }
        return Evaluation(
            findings: findings, verdict: decided, coverage: assessment.coverage,
            stressedCoverage: assessment.stressedCoverage, admitted: stage.admitted)
    }

    /// Gating from the profile; tentative rules report warn, never fail, until a profile cites a
    /// confirmed source. Findings a rule marks non-gating (REPLAY) stay so.
    private func applyingProfile(_ raw: [Finding]) -> [Finding] {
        var findings = raw
        applyProfile(&findings)
        return findings
    }

    /// ``applyingProfile(_:)`` in place.
    private func applyProfile(_ findings: inout [Finding]) {
        for i in findings.indices {
            findings[i].gating = findings[i].gating && profile.isGating(findings[i].rule)
            if profile.tentative.contains(findings[i].rule), findings[i].status == .fail {
                findings[i].status = .warn
                findings[i].message += " (tentative rule: warn only)"
            }
        }
    }

    /// Eligible only when no gating finding fails or lacks data (SIG-TRUSTED gates in every profile).
    private func verdict(_ findings: [Finding], notes: [String]) -> Verdict {
        // The blocking rules, each once, sorted (no copy of the blocking findings).
        var rules = Set<RuleID>()
        for i in findings.indices where findings[i].blocks { rules.insert(findings[i].rule) }
        let blocking = rules.sorted()
        let eligible = blocking.isEmpty
        var group = Group.group1b
        if !eligible {
            // By index: the first hedging finding's status, read in place (no finding copied).
            let hedging = findings.indices.first { findings[$0].rule == .g2aHedging }
            group = hedging.map { findings[$0].status } == .pass ? .group2a : .group2b
        }
        return Verdict(
            eligible: eligible, group: group, profile: profile.versionedName, blocking: blocking, notes: notes)
    }
}

extension Evaluator {
    /// Evaluates an unsigned draft (for `lint --rules`): every rule runs, `SIG-TRUSTED` is left
    /// out, and the verdict says what the rules alone would decide.
    ///
    /// - Warning: Issuers' pre-publication check only. A draft is never trusted: `verify` still
    ///   requires valid signatures.
    public func evaluateDraft(_ attestation: Attestation, at time: Timestamp) -> Evaluation {
        let draft = VerifiedAttestation(uncheckedPayload: attestation, digest: "")
        let context = RuleContext(verified: draft, profile: profile, evaluatedAt: time, position: position)
        let findings = applyingProfile(
            Rules.integrity.map { $0.evaluate(context) }
                + Rules.catalogue.map { $0.evaluate(context).sourced(by: profile) })
        let decided = verdict(
            findings, notes: ["draft: unsigned; the verdict assumes valid signatures"] + profile.notes)
        return Evaluation(
            findings: findings + CapitalStage.findings(decided, position: position), verdict: decided,
            coverage: context.figures.coverage, stressedCoverage: context.figures.stress?.worstCoverage,
            admitted: false)
    }
}
