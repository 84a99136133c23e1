import Foundation

/// RRT-DISCLOSE: value and composition published regularly.
struct DisclosureRule: Rule {
    let id = RuleID.rrtDisclose
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserve value and composition are published at least as often as the thresholds."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (c): regular public disclosure of reserve value and composition"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve management, disclosure and audit")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "value <= \(t.valueDisclosureDays) day, composition <= "
            + "\(t.compositionDisclosureDays) days; "
            + "last published within the value frequency + \(t.disclosureLagDays) days before asOf"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let t = c.profile.thresholds
        var ev = DisclosureEvidence()
        ev.maxValueDays = t.valueDisclosureDays
        ev.maxCompositionDays = t.compositionDisclosureDays
        guard let d = c.attestation.disclosure, let valueDays = d.valueFrequencyDays,
            let compositionDays = d.compositionFrequencyDays
        else {
            return Finding(
                id, .insufficientData, "disclosure.valueFrequencyDays and compositionFrequencyDays are needed",
                basis: .declared, evidence: ev)
        }
        ev.valueFrequencyDays = valueDays
        ev.compositionFrequencyDays = compositionDays
        if let url = d.url { ev.url = url }
        if let last = d.lastPublished { ev.lastPublished = last.description }
        var problems: [String] = []
        if valueDays > t.valueDisclosureDays {
            problems.append("value every \(valueDays) days (at most \(t.valueDisclosureDays))")
        }
        if compositionDays > t.compositionDisclosureDays {
            problems.append("composition every \(compositionDays) days (at most \(t.compositionDisclosureDays))")
        }
        if !problems.isEmpty {
            return Finding(
                id, .fail, "disclosure too infrequent: \(problems.joined(separator: "; "))", basis: .declared,
                evidence: ev)
        }
        guard d.url != nil else {
            return Finding(
                id, .insufficientData, "disclosure.url is missing: where the reserves are published is not stated",
                basis: .declared, evidence: ev)
        }
        // The last publication must be recent: within the stated value frequency plus the lag.
        guard let last = d.lastPublished else {
            return Finding(
                id, .insufficientData,
                "disclosure.lastPublished is missing: whether the reserves are still published "
                    + "is not stated", basis: .declared, evidence: ev)
        }
        // A publication after the attestation was issued is one the issuer could not have made when
        // it signed (before 2026-12-02 its age was clamped to 0, so a 2199 date passed for ever). Our
        // integrity policy, `tool-calibration`.
        if c.attestation.issuedAt < last {
            return Finding(
                id, .fail,
                "contradiction: last published \(last), after the attestation was issued "
                    + "(\(c.attestation.issuedAt))", basis: .declared, evidence: ev)
        }
        let age = max(0, c.attestation.asOf.date.daysSinceEpoch - last.date.daysSinceEpoch)
        let allowed = valueDays + t.disclosureLagDays
        ev.lastPublishedDaysBeforeAsOf = age
        ev.maxDaysSinceLastPublished = allowed
        if age > allowed {
            return Finding(
                id, .fail,
                "last published \(last.date), \(age) days before asOf \(c.attestation.asOf.date) "
                    + "(at most \(allowed): the stated \(valueDays)-day frequency plus \(t.disclosureLagDays))",
                basis: .declared, evidence: ev)
        }
        ev.marginDays = allowed - age
        return Finding(
            id, .pass,
            "value published every \(valueDays) day\(valueDays == 1 ? "" : "s"), composition every "
                + "\(compositionDays); last published \(last.date)", basis: .declared, evidence: ev
        )
        .withMargin(
            "\(allowed - age) days until the disclosure lapses",
            fraction: Money(allowed - age) / Money(allowed))
    }
}
