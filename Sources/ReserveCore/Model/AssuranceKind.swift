public enum AssuranceKind: String, Sendable, Hashable, CaseIterable {
    case reserveAudit = "reserve-audit"
    case financialStatementAudit = "financial-statement-audit"
    /// ISAE 3000 / AICPA examination: point-in-time, not an audit.
    case reasonableAssuranceExamination = "reasonable-assurance-examination"
    case limitedAssuranceReview = "limited-assurance-review"
    case agreedUponProcedures = "agreed-upon-procedures"
}
