import Foundation

/// A check that ran: its rule, status, a one-line reason with the key figure, the SCO60 (or
/// other) reference, what it rests on, and the figures used.
public struct Finding: Sendable, Hashable {
    public internal(set) var rule: RuleID
    public internal(set) var status: FindingStatus
    public internal(set) var message: String
    public internal(set) var basis: Basis
    /// The figures, assets and scenario used, as the rule's own evidence type (read it with
    /// `finding.evidence as? NetReservesEvidence`); ``evidenceJSON`` is what is written.
    public internal(set) var evidence: any RuleEvidence {
        didSet { encodedEvidence = EncodedEvidence(evidence) }
    }
    /// ``evidence`` as JSON, encoded once on first use (``evidenceJSON``); replaced with the evidence.
    private var encodedEvidence: EncodedEvidence
    /// The bank policy's replacement of a calibration, recorded with the finding (and so in the
    /// ledger) as the evidence's `bankPolicyReplacement`; set by the evaluator.
    public internal(set) var bankPolicyReplacement: String?
    /// Whether the active profile gates Group 1b eligibility on this rule (set by the evaluator).
    public internal(set) var gating: Bool
    /// What the reading rests on: Basel text, consultation, jurisdiction rule, bank policy or
    /// tool calibration (issue 12, section 1).
    public internal(set) var source: Source
    /// For a pass: how far it is from failing (issue 12, section 4), when the rule measures it.
    public internal(set) var margin: Margin?

    public var reference: String { rule.reference }

    /// The evidence as written (CLI JSON, ledger rows, dossiers): amounts and ratios as decimal
    /// strings, plus the bank policy's replacement when there is one. The evidence is encoded on
    /// the first access and kept (``EncodedEvidence``); later accesses reuse it.
    public var evidenceJSON: JSONObject {
        var object = encodedEvidence.object
        if let bankPolicyReplacement { object["bankPolicyReplacement"] = .string(bankPolicyReplacement) }
        return object
    }

    /// ``evidenceJSON`` as compact JSON text (``JSONWriter`` with `pretty: false`), written from
    /// the typed evidence without the JSON object (``EvidenceJSONText``), or from the JSON object
    /// when that writing breaks the format: the same text either way.
    package var evidenceText: String {
        EvidenceJSONText.text(of: evidence, bankPolicyReplacement: bankPolicyReplacement)
            ?? JSONWriter.write(.object(evidenceJSON), pretty: false)
    }

    /// Which encoded evidence this finding carries: equal for copies of one finding whose
    /// evidence was not set since (the same ``evidenceJSON`` but for ``bankPolicyReplacement``).
    /// A ledger compares it to reuse an encoding prepared before the verdict was decided.
    package var evidenceIdentity: ObjectIdentifier { ObjectIdentifier(encodedEvidence) }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.status == b.status && a.message == b.message && a.basis == b.basis
            && a.evidence.isEqual(to: b.evidence) && a.bankPolicyReplacement == b.bankPolicyReplacement
            && a.gating == b.gating && a.source == b.source && a.margin == b.margin
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(status)
        hasher.combine(message)
        hasher.combine(evidence)
        hasher.combine(bankPolicyReplacement)
        hasher.combine(gating)
    }

    public init(
        _ rule: RuleID, _ status: FindingStatus, _ message: String, basis: Basis,
        evidence: any RuleEvidence = NoEvidence(),
        gating: Bool = true, source: Source? = nil
    ) {
        self.rule = rule
        self.status = status
        self.message = message
        self.basis = basis
        self.evidence = evidence
        self.encodedEvidence = EncodedEvidence(evidence)
        self.gating = gating
        self.source = source ?? rule.defaultSource
    }

    /// How far a passing finding is from failing: a text for people ("headroom 150,000,000") and
    /// the headroom as a fraction of the threshold, to name the rule closest to failing.
    public struct Margin: Sendable, Hashable {
        public let text: String
        public let fraction: Decimal
    }

    /// The same finding with its margin.
    func withMargin(_ text: String, fraction: Decimal) -> Finding {
        var copy = self
        copy.margin = Margin(text: text, fraction: fraction)
        return copy
    }

    /// A gating finding that stops eligibility: `fail` or `insufficient-data`.
    public var blocks: Bool { gating && (status == .fail || status == .insufficientData) }
}

extension Finding {
    /// The profile's source for a finding whose rule left the default (issue 12, section 1).
    func sourced(by profile: Profile) -> Finding {
        var finding = self
        if finding.source == finding.rule.defaultSource { finding.source = profile.source(of: finding.rule) }
        // A calibration the bank's policy replaced is recorded with the finding (and so in the ledger).
        if finding.source.kind == .bankPolicy {
            finding.bankPolicyReplacement = finding.source.citation
        }
        return finding
    }
}
