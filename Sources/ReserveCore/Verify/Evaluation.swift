import Foundation

/// All findings and the verdict for one verified attestation, decided once by ``Evaluator``.
public struct Evaluation: Sendable, Hashable {
    public private(set) var findings: [Finding]
    public private(set) var verdict: Verdict
    /// Net reserves / aggregate peg value, when computable.
    public private(set) var coverage: Decimal?
    /// The worst stressed net reserves / aggregate peg value, when computable.
    public private(set) var stressedCoverage: Decimal?
    /// The attestation enters its coin's accepted history with this evaluation (the ledger then
    /// records it as accepted): new, trusted, and passed ATT-TIME and the history rules.
    public private(set) var admitted: Bool

    init(findings: [Finding], verdict: Verdict, coverage: Decimal?, stressedCoverage: Decimal?, admitted: Bool) {
        self.findings = findings
        self.verdict = verdict
        self.coverage = coverage
        self.stressedCoverage = stressedCoverage
        self.admitted = admitted
    }

    /// The findings for `rule`.
    public func findings(for rule: RuleID) -> [Finding] { findings.filter { $0.rule == rule } }

    /// A failing gating finding: the run's exit code is 1.
    public var hasFailures: Bool { !verdict.eligible || findings.contains(where: \.blocks) }
}
