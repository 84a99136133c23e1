import Foundation

public struct EvaluationSummary: Sendable, Hashable {
    /// The attestation's id (or, when it has none, where it came from).
    public var name: String
    /// `sha256:<hex>` of the attestation's payload.
    public var digest: String
    public var issuer: String
    public var token: String
    public var sequence: Int
    public var asOf: String
    /// Versioned profile, e.g. `bcbs@2026-01-01`.
    public var profile: String
    /// The tool that evaluated, e.g. `reserve-verifier 0.1.0`.
    public var tool: String
    public var evaluatedAt: String
    public var eligible: Bool
    public var group: String
    public var blocking: [RuleID]
    /// Ratios as exact decimal text, when computable.
    public var coverage: String?
    public var stressedCoverage: String?
    public var findings: [FindingRecord]
    /// The libraries the evaluation ran on, when known (the ledger keeps them from schema v5 on).
    public var runtime: Runtime? = nil

    public init(
        name: String, digest: String, issuer: String, token: String, sequence: Int, asOf: String, profile: String,
        tool: String, evaluatedAt: String, eligible: Bool, group: String, blocking: [RuleID], coverage: String?,
        stressedCoverage: String?, findings: [FindingRecord]
    ) {
        self.name = name
        self.digest = digest
        self.issuer = issuer
        self.token = token
        self.sequence = sequence
        self.asOf = asOf
        self.profile = profile
        self.tool = tool
        self.evaluatedAt = evaluatedAt
        self.eligible = eligible
        self.group = group
        self.blocking = blocking
        self.coverage = coverage
        self.stressedCoverage = stressedCoverage
        self.findings = findings
    }

    /// A fresh evaluation. Ratios are written as the ledger writes them (canonical decimal text).
    public init(_ verified: VerifiedAttestation, _ evaluation: Evaluation, tool: String, evaluatedAt: Timestamp) {
        let a = verified.attestation
        let v = evaluation.verdict
        self.init(
            name: a.attestationId, digest: verified.digest, issuer: a.issuer.id, token: a.token.symbol,
            sequence: a.sequence, asOf: a.asOf.description, profile: v.profile, tool: tool,
            evaluatedAt: evaluatedAt.description, eligible: v.eligible, group: v.group.rawValue,
            blocking: v.blocking,
            coverage: evaluation.coverage.map { Amount.canonical($0) },
            stressedCoverage: evaluation.stressedCoverage.map { Amount.canonical($0) },
            findings: evaluation.findings.map(FindingRecord.init))
    }

    /// The stress table the redemption risk test used: RRT-OC's `stressTable` evidence, else the
    /// table of the profile named (when this version knows that profile version), else nil.
    public var stressTable: String? {
        for finding in findings {
            if case .string(let table)? = finding.evidence["stressTable"] { return table }
        }
        return Profile.all.first { $0.versionedName == profile }?.stress.version
    }

    /// The findings as canonical JSON: compact, keys sorted by UTF-8 bytes, in evaluation order,
    /// no final newline. Its SHA-256 is the record's `findings.sha256`.
    public var canonicalFindings: [UInt8] {
        Array(JSONWriter.write(.array(findings.map(\.json)), pretty: false).utf8)
    }
}
