import Foundation

/// The Group 1b decision for one attestation under one profile.
public struct Verdict: Sendable, Hashable {
    public var eligible: Bool
    /// `1b`, `2a` or `2b`.
    public var group: String
    /// Profile name and version, e.g. `bcbs@2026-01-01`.
    public var profile: String
    /// Gating rules that failed or lacked data, in catalogue order.
    public var blocking: [RuleID]
    /// Profile notes for the bank (HKMA provisional 2b, MAS prior notice).
    public var notes: [String]
}

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

/// One input's outcome: checked (with its evaluation) or not checkable (an error).
public struct AttestationReport: Sendable {
    public enum Outcome: Sendable {
        case checked(VerifiedAttestation, Evaluation)
        case error(VerifierError)
    }

    public var source: String
    public var outcome: Outcome
    /// Ledger notes for this input (recorded, replay), filled by the CLI when recording.
    public var ledger: JSONObject?

    public init(source: String, outcome: Outcome, ledger: JSONObject? = nil) {
        self.source = source
        self.outcome = outcome
        self.ledger = ledger
    }
}

/// A whole run: what `verify` prints.
public struct RunReport: Sendable {
    public var tool: String
    public var evaluatedAt: Timestamp
    public var profile: String
    public var results: [AttestationReport]
    /// The ledger the run recorded into (nil: nothing was recorded), for the text summary line.
    public var ledgerPath: String?

    public init(tool: String, evaluatedAt: Timestamp, profile: String, results: [AttestationReport], ledgerPath: String? = nil) {
        self.tool = tool
        self.evaluatedAt = evaluatedAt
        self.profile = profile
        self.results = results
        self.ledgerPath = ledgerPath
    }

    /// 0 all verified and eligible, 1 a gating finding failed, 2 something could not be checked.
    public var exitCode: Int32 {
        var code: Int32 = 0
        for result in results {
            switch result.outcome {
            case .error: return 2
            case .checked(_, let evaluation): if evaluation.hasFailures { code = 1 }
            }
        }
        return code
    }
}
