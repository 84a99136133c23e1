import Testing

@testable import ReserveCore

/// RRT-AUDIT: an independent external audit of the reserves whose period ended within 12 months
/// plus the 4-month reporting lag before asOf (2026-10-31, so the oldest acceptable period end is
/// 2025-06-30).
@Suite struct AuditRuleTests {
    private func with(_ assurance: JSONValue...) -> RuleFixture {
        var f = RuleFixture.eligible()
        f["assurance"] = .array(assurance)
        return f
    }

    @Test func auditEndingExactlySixteenMonthsBeforeAsOfPasses() throws {
        let finding = try with(
            RuleFixture.audit(
                periodEnd: "2025-06-30",
                opinionDate: "2025-09-15")
        ).finding(AuditRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? AuditEvidence)?.asOf == "2026-10-31")
        #expect((finding.evidence as? AuditEvidence)?.oldestAcceptablePeriodEnd == "2025-06-30")
        #expect((finding.evidence as? AuditEvidence)?.periodEnd == "2025-06-30")
        #expect((finding.evidence as? AuditEvidence)?.marginDays == 0)
        #expect((finding.evidence as? AuditEvidence)?.kind == "reserve-audit")
        #expect((finding.evidence as? AuditEvidence)?.opinion == "unqualified")
    }

    /// Two audits of the same period: the adverse opinion decides, whichever is listed first and
    /// however much later the clean one is dated.
    @Test(arguments: [false, true])
    func anAdverseOpinionIsNotCuredByACleanOneForTheSamePeriod(cleanFirst: Bool) throws {
        let adverse = RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20", opinion: "adverse")
        var clean = RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-28")
        if case .object(var o) = clean {
            o["firm"] = "Second Opinion LLC"
            clean = .object(o)
        }
        let finding = try (cleanFirst ? with(clean, adverse) : with(adverse, clean)).finding(AuditRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? AuditEvidence)?.opinion == "adverse")
    }

    /// A qualified and an unqualified opinion of one period: the qualified one decides (warn).
    @Test func theWorseOfTwoOpinionsOfOnePeriodDecides() throws {
        let finding = try with(
            RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-28"),
            RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20", opinion: "qualified")
        ).finding(AuditRule())
        #expect(finding.status == .warn)
    }

    /// An adverse opinion on an earlier period is superseded by a clean audit of a later one.
    @Test func aCleanAuditOfALaterPeriodSupersedesAnAdverseEarlierOne() throws {
        let finding = try with(
            RuleFixture.audit(periodEnd: "2026-03-31", opinionDate: "2026-04-20", opinion: "adverse"),
            RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20")
        ).finding(AuditRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? AuditEvidence)?.periodEnd == "2026-09-30")
    }

    /// An audit opinion dated after the attestation was issued (on any clock: later than
    /// `issuedAt`'s date at UTC+14:00) is a fact the issuer could not know when it signed. Before
    /// 2026-12-02 such an audit was "the latest period" and passed, curing a real adverse opinion: a
    /// 2199 audit kept a coin ELIGIBLE for ever. Now it is a contradiction that fails.
    @Test func anAuditDatedAfterTheAttestationWasIssuedFailsAndCuresNothing() throws {
        let finding = try with(
            RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20", opinion: "adverse"),
            RuleFixture.audit(periodEnd: "2199-09-30", opinionDate: "2199-10-20")
        ).finding(AuditRule())
        #expect(finding.status == .fail)
        #expect(finding.message.contains("2199-10-20"))
        #expect(finding.message.contains("after the attestation was issued"))
    }

    /// The edge: issued 2026-11-02T10:00:00Z is already 2026-11-03 at UTC+14:00, so an opinion of
    /// that date counts; one of 2026-11-04 does not.
    @Test(arguments: [("2026-11-03", FindingStatus.pass), ("2026-11-04", FindingStatus.fail)])
    func anOpinionCountsUpToIssuedAtsDateInTheEasternmostZone(opinionDate: String, status: FindingStatus) throws {
        var f = with(RuleFixture.audit(periodEnd: "2026-10-31", opinionDate: opinionDate))
        f["issuedAt"] = "2026-11-02T10:00:00Z"
        #expect(try f.finding(AuditRule()).status == status)
    }

    /// An audit by the issuer itself, a firm named in its legal name, its group or a party that
    /// runs the coin is not an independent external audit, whatever `independent` declares.
    /// Before 2026-12-02 the declaration alone decided: the issuer auditing itself was ELIGIBLE.
    @Test(arguments: [
        "Rule Fixture Bank (fictional)", "RULE FIXTURE BANK", "rule-fixture", "Fixture Network Operations K.K.",
        "Example Trust Bank", "Fixture Holdings",
    ])
    func anAuditByTheIssuerOrOneOfItsPartiesIsNotIndependent(firm: String) throws {
        var f = RuleFixture.eligible()
        f["issuer", "group"] = "Fixture Holdings"
        f["assurance", 0, "firm"] = .string(firm)
        let finding = try f.finding(AuditRule())
        #expect(finding.status == .fail, "\(finding.message)")
        #expect(finding.message.contains("not independent"))
    }

    /// An unrelated audit firm still passes.
    @Test func anAuditByAnUnrelatedFirmPasses() throws {
        var f = RuleFixture.eligible()
        f["issuer", "group"] = "Fixture Holdings"
        #expect(try f.finding(AuditRule()).status == .pass)
    }

    @Test func auditEndingOneDayEarlierFails() throws {
        let finding = try with(
            RuleFixture.audit(
                periodEnd: "2025-06-29",
                opinionDate: "2025-09-15")
        ).finding(AuditRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? AuditEvidence)?.periodEnd == "2025-06-29")
        #expect(
            finding.message
                == "latest audit period ended 2025-06-29, more than 12 months plus a 4-month reporting lag "
                + "before 2026-10-31")
    }

    @Test func examinationAloneIsNotAnAudit() throws {
        let finding = try with(
            RuleFixture.audit(
                kind: "reasonable-assurance-examination", periodEnd: "2026-10-31",
                opinionDate: "2026-11-01")
        ).finding(AuditRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? AuditEvidence)?.otherAssurance == ["reasonable-assurance-examination"])
        #expect(
            finding.message
                == "no audit of the reserves: reasonable-assurance-examination is point-in-time assurance, "
                + "not an annual audit")
    }

    @Test func financialStatementAuditCoveringTheReservesCounts() throws {
        let finding = try with(
            RuleFixture.audit(kind: "financial-statement-audit", periodEnd: "2026-03-31", opinionDate: "2026-06-20")
        )
        .finding(AuditRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? AuditEvidence)?.kind == "financial-statement-audit")
    }

    @Test func financialStatementAuditNotCoveringTheReservesDoesNotCount() throws {
        let finding = try with(
            RuleFixture.audit(
                kind: "financial-statement-audit", periodEnd: "2026-03-31", opinionDate: "2026-06-20",
                coversReserves: false)
        ).finding(AuditRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? AuditEvidence)?.kind == nil)
    }

    @Test func auditDeclaredNotIndependentDoesNotCount() throws {
        var audit = RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20")
        if case .object(var o) = audit {
            o["independent"] = false
            audit = .object(o)
        }
        let finding = try with(audit).finding(AuditRule())
        #expect(finding.status == .fail)
    }

    @Test(arguments: [
        ("qualified", FindingStatus.warn), ("adverse", .fail), ("disclaimer", .fail), ("unqualified", .pass),
    ])
    func opinionDecidesBetweenPassWarnAndFail(_ opinion: String, _ status: FindingStatus) throws {
        let finding = try with(RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20", opinion: opinion))
            .finding(AuditRule())
        #expect(finding.status == status)
        #expect((finding.evidence as? AuditEvidence)?.opinion == opinion)
    }

    @Test func latestAuditIsTheOneJudged() throws {
        let finding = try with(
            RuleFixture.audit(periodEnd: "2024-12-31", opinionDate: "2025-03-01"),
            RuleFixture.audit(periodEnd: "2025-12-31", opinionDate: "2026-03-01")
        ).finding(AuditRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? AuditEvidence)?.periodEnd == "2025-12-31")
    }

    @Test func missingAssuranceGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["assurance"] = nil
        let finding = try f.finding(AuditRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "assurance is missing: no audit is reported")
    }

    @Test func auditWithoutAnIndependenceDeclarationIsNotTakenAsIndependent() throws {
        var audit = RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20")
        if case .object(var o) = audit {
            o["independent"] = nil
            audit = .object(o)
        }
        let finding = try with(audit).finding(AuditRule())
        // SCO60 asks for an *independent* external audit (docs/READINGS.md), and the format's rule is that a rule
        // needing an absent optional field reports insufficient-data rather than guess.
        #expect(finding.status == .insufficientData)

    }
}
