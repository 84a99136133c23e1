/// A rule: a small pure value that reads a verified attestation through a ``RuleContext`` and
/// returns one finding. A failed rule is a returned value, never a throw.
public protocol Rule: Sendable {
    var id: RuleID { get }
    func evaluate(_ context: RuleContext) -> Finding
}

/// What every rule may read: the attestation, the active profile, the evaluation time, and
/// figures computed once for all rules.
public struct RuleContext: Sendable {
    public let verified: VerifiedAttestation
    public let profile: Profile
    public let evaluatedAt: Timestamp
    public let figures: ReserveFigures
    /// The bank's own position (its redemption route for CC2-REDEEM), when given.
    public let position: BankPosition?

    public var attestation: Attestation { verified.attestation }

    public init(verified: VerifiedAttestation, profile: Profile, evaluatedAt: Timestamp,
                position: BankPosition? = nil) {
        self.verified = verified
        self.profile = profile
        self.evaluatedAt = evaluatedAt
        self.figures = ReserveFigures(verified.attestation, profile: profile)
        self.position = position
    }
}

/// Computes findings and the verdict for a verified attestation under a profile.
public struct Evaluator: Sendable {
    public let profile: Profile
    /// The bank's own figures for the capital findings (G2-LIMIT, G2B-RW), when given.
    public let position: BankPosition?

    public init(profile: Profile, position: BankPosition? = nil) {
        self.profile = profile
        self.position = position
    }

    /// Runs every rule of the catalogue. An attestation whose signatures are not trusted gets only
    /// its integrity findings: nothing unverified is evaluated as if it were true.
    public func evaluate(_ verified: VerifiedAttestation, at time: Timestamp) -> Evaluation {
        let context = RuleContext(verified: verified, profile: profile, evaluatedAt: time, position: position)
        var findings = [verified.signatureFinding, AttestationTimeRule().evaluate(context)]
        guard verified.isTrusted else {
            // Figures from an untrusted payload are not reported either, nor capital findings.
            var evaluation = finish(findings, context: context, notes: profile.notes, capital: false)
            evaluation.coverage = nil
            evaluation.stressedCoverage = nil
            return evaluation
        }
        findings += Rules.catalogue.map { $0.evaluate(context) }
        return finish(findings, context: context, notes: profile.notes)
    }

    /// Applies the profile (gating, tentative rules report warn) and decides the verdict.
    private func finish(_ raw: [Finding], context: RuleContext, notes: [String], capital: Bool = true) -> Evaluation {
        var findings = raw
        for i in findings.indices {
            findings[i].gating = profile.isGating(findings[i].rule)
            // Tentative rules report warn, never fail, until a profile cites a confirmed source.
            if profile.tentative.contains(findings[i].rule), findings[i].status == .fail {
                findings[i].status = .warn
                findings[i].message += " (tentative rule: warn only)"
            }
        }
        let decided = verdict(findings, notes: notes)
        return Evaluation(findings: findings + (capital ? CapitalRules.findings(decided, position: position) : []), verdict: decided,
                          coverage: context.figures.coverage, stressedCoverage: context.figures.stress?.worstCoverage)
    }

    /// Appends history findings (from the ledger) and recomputes the verdict.
    public func adding(_ extra: [Finding], to evaluation: Evaluation) -> Evaluation {
        var copy = evaluation
        // The capital findings follow the verdict: drop them and add them again after it (an
        // evaluation without them, of an untrusted attestation, stays without them).
        let hadCapital = copy.findings.contains { CapitalRules.ids.contains($0.rule) }
        copy.findings.removeAll { CapitalRules.ids.contains($0.rule) }
        for var finding in extra {
            finding.gating = profile.isGating(finding.rule)
            copy.findings.append(finding)
        }
        copy.verdict = verdict(copy.findings, notes: evaluation.verdict.notes)
        if hadCapital { copy.findings += CapitalRules.findings(copy.verdict, position: position) }
        return copy
    }

    /// Eligible only when no gating finding fails or lacks data, and (in `evaluate`) SIG-TRUSTED passed.
    private func verdict(_ findings: [Finding], notes: [String]) -> Verdict {
        let blocking = Array(Set(findings.filter(\.blocks).map(\.rule))).sorted()
        let eligible = blocking.isEmpty
        var group = "1b"
        if !eligible {
            group = findings.first { $0.rule == .g2aHedging }?.status == .pass ? "2a" : "2b"
        }
        return Verdict(eligible: eligible, group: group, profile: profile.versionedName, blocking: blocking, notes: notes)
    }
}

/// `ATT-TIME`: the attestation is not dated in the future (beyond a small clock skew) relative to
/// the evaluation time; a future-dated attestation would dodge staleness and key expiry.
struct AttestationTimeRule: Rule {
    let id = RuleID.attTime

    func evaluate(_ context: RuleContext) -> Finding {
        let a = context.attestation
        let skew = Int64(context.profile.thresholds.clockSkewSeconds)
        var evidence = JSONObject()
        evidence["issuedAt"] = .string(a.issuedAt.description)
        evidence["asOf"] = .string(a.asOf.description)
        evidence["evaluatedAt"] = .string(context.evaluatedAt.description)
        evidence["clockSkewSeconds"] = .number(String(skew))
        if context.evaluatedAt.adding(seconds: skew) < a.issuedAt {
            return Finding(id, .fail, "issued at \(a.issuedAt), after the evaluation time \(context.evaluatedAt)", basis: .computed, evidence: evidence)
        }
        return Finding(id, .pass, "issued at \(a.issuedAt), as of \(a.asOf)", basis: .computed, evidence: evidence)
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
        let findings = [AttestationTimeRule().evaluate(context)] + Rules.catalogue.map { $0.evaluate(context) }
        return finish(findings, context: context, notes: ["draft: unsigned; the verdict assumes valid signatures"] + profile.notes)
    }
}
