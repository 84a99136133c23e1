import Foundation
import ReserveCore

/// Which early warnings of a job file hold for a coin now: pure, from the coin's latest accepted
/// figures (as the ledger's status gives them) and, for the audit and rule margins, the findings
/// of its latest accepted attestation evaluated as of now.
public enum EarlyWarnings {
    /// - Parameters:
    ///   - coverage, stressedCoverage: the ledger's figures, exact decimal text.
    ///   - evaluation: the latest accepted attestation's evaluation now, when a threshold reads findings.
    ///   - asOf: the attestation's `asOf` (the audit rule counts its margin from it).
    public static func evaluate(
        _ w: JobFile.Warnings, coverage: String?, stressedCoverage: String?, evaluation: Evaluation?,
        asOf: Timestamp?, at now: Timestamp
    ) -> [CoinObservation.Warning] {
        var out: [CoinObservation.Warning] = []
        if let threshold = w.coverageBelow, let text = coverage, let value = Decimal(string: text), value < threshold {
            out.append(
                .init(
                    key: "coverage",
                    message: "coverage \(percent(value)) is below the warning threshold \(percent(threshold))",
                    value: text, threshold: threshold.description))
        }
        if let threshold = w.worstStressedCoverageBelow, let text = stressedCoverage, let value = Decimal(string: text),
            value < threshold
        {
            out.append(
                .init(
                    key: "worst-stressed-coverage",
                    message:
                        """
                        worst stressed coverage \(percent(value)) is below the warning threshold \(percent(threshold))
                        """,
                    value: text, threshold: threshold.description))
        }
        if let days = w.auditLapsesWithinDays, let asOf,
            let audit = evaluation?.findings.first(where: { $0.rule == .rrtAudit }),
            let margin = (audit.evidence as? AuditEvidence)?.marginDays
        {
            // RRT-AUDIT's margin counts from the attestation's asOf: the audit lapses on asOf + margin.
            let lapses = asOf.date.adding(days: margin)
            let left = lapses.daysSinceEpoch - now.date.daysSinceEpoch
            if left <= days {
                let when =
                    left < 0 ? "lapsed on \(lapses)" : "lapses on \(lapses), in \(left) day\(left == 1 ? "" : "s")"
                out.append(
                    .init(
                        key: "audit-lapse", message: "the audit \(when) (warning within \(days) days)",
                        value: String(left), threshold: String(days), rule: RuleID.rrtAudit.rawValue))
            }
        }
        for (rule, threshold) in w.ruleMarginsBelow.sorted(by: { $0.key < $1.key }) {
            guard let finding = evaluation?.findings.first(where: { $0.rule == rule }), let margin = finding.margin,
                margin.fraction < threshold
            else { continue }
            out.append(
                .init(
                    key: "margin:\(rule.rawValue)",
                    message: "\(rule.rawValue) margin \(margin.fraction.fixed(4)) is below the warning threshold "
                        + "\(threshold.description) (\(margin.text))",
                    value: margin.fraction.fixed(4), threshold: threshold.description, rule: rule.rawValue))
        }
        return out
    }

    /// Whether any threshold reads findings (then the runner evaluates the latest attestation).
    static func needsFindings(_ w: JobFile.Warnings) -> Bool {
        w.auditLapsesWithinDays != nil || !w.ruleMarginsBelow.isEmpty
    }

    static func percent(_ ratio: Decimal) -> String { (ratio * 100).fixed(2) + "%" }
}
