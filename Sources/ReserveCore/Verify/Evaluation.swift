import Foundation

/// The SCO60 group a coin falls in, written `1b`, `2a` or `2b` (in JSON, the ledger and text).
public enum Group: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Group 1b: every gating condition met.
    case group1b = "1b"
    /// Group 2a: not 1b, but the hedging recognition criteria are met.
    case group2a = "2a"
    /// Group 2b: everything else.
    case group2b = "2b"

    public var description: String { rawValue }
}

/// The Group 1b decision for one attestation under one profile. Decided by ``Evaluator`` only.
public struct Verdict: Sendable, Hashable {
    public internal(set) var eligible: Bool
    public internal(set) var group: Group
    /// Profile name and version, e.g. `bcbs@2026-01-01`.
    public internal(set) var profile: String
    /// Gating rules that failed or lacked data, in catalogue order.
    public internal(set) var blocking: [RuleID]
    /// Profile notes for the bank (HKMA provisional 2b, MAS prior notice).
    public internal(set) var notes: [String]
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

    public init(
        tool: String, evaluatedAt: Timestamp, profile: String, results: [AttestationReport], ledgerPath: String? = nil
    ) {
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
