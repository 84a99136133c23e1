import Foundation

/// RRT-AUDIT: an independent external audit of the reserves within 12 months before `asOf`.
struct AuditRule: Rule {
    let id = RuleID.rrtAudit
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        """
        An independent external audit of the reserves (reserve audit, or a financial-statement audit covering them) \
        for a period ending within the window before asOf; examinations are not audits; adverse or disclaimer fails, \
        qualified warns.
        """
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (c): independent external audit at least annually"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve management, disclosure and audit")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "period end within \(t.auditMonths) months + \(t.auditReportingLagMonths) months' "
            + "reporting lag before asOf"
    }

    /// How bad an audit opinion is, for choosing among audits of one period: unqualified 0,
    /// qualified 1, adverse and disclaimer 2.
    static func severity(_ opinion: Opinion) -> Int {
        switch opinion {
        case .unqualified: 0
        case .qualified: 1
        case .adverse, .disclaimer: 2
        }
    }

    /// Why an audit firm is not independent of the issuer, or nil: it is the issuer (its legal
    /// name or id), a firm named in the issuer's legal name, the issuer's group, or a party listed
    /// in `entities` in any role (``IssuerNames/tie(of:group:except:)``).
    static func notIndependent(_ firm: String, _ a: Attestation, _ names: IssuerNames) -> String? {
        switch names.tie(of: firm) {
        case nil: nil
        case .isIssuer: "\(firm) is the issuer"
        case .sharesLegalName: "\(firm) shares the issuer's legal name (\(a.issuer.legalName))"
        case .group: "\(firm) is the issuer's group"
        case .roles(let roles): "\(firm) also acts as \(roles.joined(separator: ", "))"
        }
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let t = c.profile.thresholds
        let window = t.auditMonths + t.auditReportingLagMonths
        let cutoff = a.asOf.date.adding(months: -window)
        var ev = AuditEvidence()
        ev.asOf = a.asOf.date.description
        ev.oldestAcceptablePeriodEnd = cutoff.description
        ev.reportingLagMonths = t.auditReportingLagMonths
        guard let assurance = a.assurance else {
            return Finding(
                id, .insufficientData, "assurance is missing: no audit is reported", basis: .declared, evidence: ev)
        }
        let candidates = assurance.filter {
            ($0.kind == .reserveAudit || ($0.kind == .financialStatementAudit && $0.coversReserves))
                && $0.independent != false
        }
        // Independence is what the rule asks: an audit that does not state it cannot pass, and a
        // firm that is the issuer, its group or one of its parties is not independent whatever it
        // declares (basel-text, "independent external audit"; 2026-12-02: before, the declaration alone
        // decided, so the issuer could audit itself). Such an audit does not count.
        var dependent: (audit: Attestation.Assurance, why: String)?
        let names = IssuerNames(a)
        let audits = candidates.filter { audit in
            guard audit.independent == true else { return false }
            guard let why = Self.notIndependent(audit.firm, a, names) else { return true }
            dependent = dependent ?? (audit, why)
            return false
        }
        if audits.isEmpty, let dependent {
            ev.kind = dependent.audit.kind.rawValue
            ev.firm = dependent.audit.firm
            return Finding(
                id, .fail,
                "the \(dependent.audit.kind.rawValue) by \(dependent.audit.firm) is not independent: \(dependent.why)",
                basis: .declared, evidence: ev)
        }
        if audits.isEmpty, let undeclared = candidates.first {
            ev.kind = undeclared.kind.rawValue
            ev.firm = undeclared.firm
            return Finding(
                id, .insufficientData,
                """
                assurance[].independent is missing: the \(undeclared.kind.rawValue) by \(undeclared.firm) does not \
                state that it is independent
                """,
                basis: .declared, evidence: ev)
        }
        // An opinion dated after the attestation was issued is one the issuer could not have had
        // when it signed: a contradiction that fails, never the latest audit (before 2026-12-02 a 2199
        // audit passed for ever and cured an adverse one). Our integrity policy, `tool-calibration`.
        let latestDate = a.latestReportableDate
        if let future = audits.first(where: { latestDate < $0.opinionDate }) {
            ev.kind = future.kind.rawValue
            ev.firm = future.firm
            ev.periodEnd = future.periodEnd.description
            ev.opinion = future.opinion.rawValue
            return Finding(
                id, .fail,
                """
                contradiction: the \(future.kind.rawValue) by \(future.firm) has an opinion dated \(future.opinionDate), \
                after the attestation was issued (\(a.issuedAt))
                """,
                basis: .declared, evidence: ev)
        }
        // The latest period audited decides; of several audits of that period, the worst opinion
        // (then the latest opinion date): another firm's clean opinion does not cure an adverse one
        // for the same period (our reading, READINGS.md; the latest opinion date alone decided before).
        let latestPeriod = audits.map(\.periodEnd).max()
        guard
            let latest = audits.filter({ $0.periodEnd == latestPeriod }).max(by: {
                (Self.severity($0.opinion), $0.opinionDate) < (Self.severity($1.opinion), $1.opinionDate)
            })
        else {
            let examinations = assurance.filter { $0.kind != .reserveAudit && $0.kind != .financialStatementAudit }
            if !examinations.isEmpty {
                ev.otherAssurance = examinations.map(\.kind.rawValue)
                return Finding(
                    id, .fail,
                    """
                    no audit of the reserves: \(examinations.map(\.kind.rawValue).joined(separator: ", ")) is \
                    point-in-time assurance, not an annual audit
                    """,
                    basis: .declared, evidence: ev)
            }
            return Finding(
                id, .fail, "no independent external audit covering the reserves is reported", basis: .declared,
                evidence: ev)
        }
        ev.kind = latest.kind.rawValue
        ev.firm = latest.firm
        ev.periodEnd = latest.periodEnd.description
        ev.opinion = latest.opinion.rawValue
        // With the bank's registry, the auditor must be one it approved (on the opinion date).
        var basis = Basis.declared
        if let policy = c.profile.policy, policy.approved.contains(where: { $0.role == .auditor }) {
            ev.bankPolicy = policy.identity
            guard policy.approval(.auditor, latest.firm, on: latest.opinionDate) != nil else {
                return Finding(
                    id, .fail,
                    "\(latest.firm) is not an auditor the bank's policy approves on \(latest.opinionDate)",
                    basis: .verifiedByBank, evidence: ev)
            }
            basis = .verifiedByBank
        }
        if latest.periodEnd < cutoff {
            return Finding(
                id, .fail,
                "latest audit period ended \(latest.periodEnd), more than \(t.auditMonths) months plus a "
                    + "\(t.auditReportingLagMonths)-month reporting lag before \(a.asOf.date)",
                basis: .declared, evidence: ev)
        }
        // Days until the audit lapses: how much older its period end could be and still pass.
        let marginDays = latest.periodEnd.daysSinceEpoch - cutoff.daysSinceEpoch
        ev.marginDays = marginDays
        switch latest.opinion {
        case .adverse, .disclaimer:
            return Finding(
                id, .fail,
                "the audit for the period ended \(latest.periodEnd) has an \(latest.opinion.rawValue) opinion",
                basis: .declared, evidence: ev)
        case .qualified:
            return Finding(
                id, .warn, "the audit for the period ended \(latest.periodEnd) has a qualified opinion",
                basis: .declared, evidence: ev)
        case .unqualified:
            let windowDays = a.asOf.date.daysSinceEpoch - cutoff.daysSinceEpoch
            return Finding(
                id, .pass,
                "\(latest.kind.rawValue) by \(latest.firm), period ended \(latest.periodEnd), unqualified",
                basis: basis, evidence: ev
            )
            .withMargin(
                "\(marginDays) days until the audit lapses",
                fraction: Money(marginDays) / Money(max(1, windowDays)))
        }
    }
}
