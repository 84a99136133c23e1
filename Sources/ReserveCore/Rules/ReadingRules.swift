import Foundation

/// RRT-TENOR: deposit terms and residual maturities within the profile's limits. Under `hkma`
/// the HKMA's reserve rules for licensed issuers gate; elsewhere a one-year calibration warns.
struct TenorRule: Rule {
    let id = RuleID.rrtTenor
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Each deposit's term and each security's residual maturity (and reverse repo tenor) within "
            + "the profile's limits."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (b): short-dated reserves; HKMA licensed-issuer "
            + "reserve rules"
    }
    var defaultSource: Source {
        .calibration(
            "residual maturity and deposit term <= 1 year (calibration of the "
                + "reserve-quality test)")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        let l = t.tenor
        return "deposit term <= \(l.depositMaxTermDays) days, securities <= \(l.securityMaxResidualDays) days "
            + "residual"
            + (l.reverseRepoMaxTenorDays.map { ", reverse repo <= \($0) day\($0 == 1 ? "" : "s")" } ?? "")
            + (l.gates ? "; fails" : "; warns")
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let l = c.profile.thresholds.tenor
        let source = c.profile.source(of: id)
        var ev = TenorEvidence()
        ev.depositMaxTermDays = l.depositMaxTermDays
        ev.securityMaxResidualDays = l.securityMaxResidualDays
        if let repo = l.reverseRepoMaxTenorDays { ev.reverseRepoMaxTenorDays = repo }
        var over: [TenorEvidence.OverLimit] = []
        var missing: [String] = []
        var smallestHeadroom: Int?
        var closest: (days: Int, limit: Int)?
        func check(_ line: ReserveLine, days: Int?, limit: Int, what: String) {
            guard let days else {
                missing.append("\(line.id): \(what)")
                return
            }
            if days > limit {
                over.append(.init(id: line.id, days: days, limitDays: limit, what: what))
            } else {
                smallestHeadroom = min(smallestHeadroom ?? Int.max, limit - days)
                // The line closest to its own limit, as a fraction of that limit.
                if closest.map({ (limit - days) * $0.limit < $0.days * limit }) ?? true {
                    closest = (limit - days, limit)
                }
            }
        }
        for (i, line) in c.attestation.reserves.enumerated() where line.acquiredVia == .outright {
            switch line.assetClass {
            case .bankDeposit:
                if line.callable == true { continue }
                check(
                    line, days: c.figures.residualDays[i], limit: l.depositMaxTermDays,
                    what: "deposit term (maturity)")
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                check(
                    line, days: c.figures.residualDays[i], limit: l.securityMaxResidualDays,
                    what: "residual maturity")
            case .reverseRepo:
                if let limit = l.reverseRepoMaxTenorDays {
                    check(
                        line, days: line.tenorDays, limit: limit,
                        what: "tenorDays")
                }
            default:
                continue
            }
        }
        ev.overLimit = over
        if let smallestHeadroom { ev.marginDays = smallestHeadroom }
        if !over.isEmpty {
            let status: FindingStatus = l.gates ? .fail : .warn
            let named = over.prefix(5).map { "\($0.id) \($0.days) days (limit \($0.limitDays))" }
            return Finding(
                id, status,
                "\(over.count) reserve line\(over.count == 1 ? "" : "s") beyond the term limits: "
                    + named.joined(separator: ", ")
                    + " (\(source.kind == .toolCalibration ? "a calibration" : "jurisdiction rule"))",
                basis: .computed, evidence: ev, source: source)
        }
        if !missing.isEmpty {
            ev.missingData = missing
            return Finding(
                id, l.gates ? .insufficientData : .warn,
                "term or maturity missing for \(missing.count) line"
                    + "\(missing.count == 1 ? "" : "s"): \(missing.prefix(5).joined(separator: ", "))",
                basis: .computed, evidence: ev, source: source)
        }
        let pass = Finding(
            id, .pass,
            "every deposit term and residual maturity within the limits"
                + (smallestHeadroom.map { " (closest: \($0) days to spare)" } ?? ""),
            basis: .computed, evidence: ev, source: source)
        guard let closest else { return pass }
        return pass.withMargin(
            "\(closest.days) days inside a \(closest.limit)-day term limit",
            fraction: Decimal(closest.days) / Decimal(max(1, closest.limit)))
    }
}

/// RRT-CONCENTRATION: the largest unsecured exposure to one counterparty defaults with the
/// profile's loss given default; always reported as "coverage if the largest counterparty fails".
/// SVB in March 2023 (USDC at 87 cents) is the case it exists for.
struct ConcentrationRule: Rule {
    let id = RuleID.rrtConcentration
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "The largest unsecured exposure to one counterparty (deposits, repos after stressed "
            + "collateral) defaults at the profile's loss given default: coverage if the largest counterparty fails."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test: redemption at all times, including extreme "
            + "stress"
    }
    var defaultSource: Source {
        .cre32LGD
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "largest unsecured counterparty defaults, LGD \(percent(t.concentrationLossGivenDefault)); "
            + (t.concentrationGates ? "fails" : "warns") + " below 100% coverage"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        if let failure = c.inexactFinding(id) { return failure }
        let t = c.profile.thresholds
        let source = c.profile.source(of: id)
        let f = c.figures
        var ev = ConcentrationEvidence()
        ev.lossGivenDefault = t.concentrationLossGivenDefault
        ev.aggregatePegValue = f.aggregatePegValue
        guard let stress = f.stress, let net = f.netReserves else {
            return Finding(
                id, .insufficientData, "otherClaims is missing: net reserves cannot be computed",
                basis: .computed,
                evidence: ev, source: source)
        }
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        guard let (name, exposure) = stress.largestUnsecured else {
            ev.margin = net - f.aggregatePegValue
            return Finding(
                id, net >= f.aggregatePegValue ? .pass : .fail, "no unsecured counterparty exposure",
                basis: .computed,
                evidence: ev, source: source)
        }
        let loss: Money
        let stressed: Money
        let margin: Money
        do throws(Exact.Inexact) {
            loss = try Exact.multiply(
                exposure, t.concentrationLossGivenDefault,
                "the loss if the largest counterparty fails")
            stressed = try Exact.subtract(net, loss, "the net reserves if the largest counterparty fails")
            margin = try Exact.subtract(stressed, f.aggregatePegValue, "the concentration margin")
        } catch {
            return Finding(
                id, .fail, error.message + ": the evaluation fails closed", basis: .computed,
                evidence: ev, source: source)
        }
        let coverage = stressed / f.aggregatePegValue
        ev.largestCounterparty = name
        ev.unsecuredExposure = exposure
        ev.loss = loss
        ev.stressedNetReserves = stressed
        ev.coverageIfLargestCounterpartyFails = coverage
        ev.margin = margin
        let text =
            "coverage if the largest counterparty fails (\(name), \(money(exposure)) unsecured, LGD "
            + "\(percent(t.concentrationLossGivenDefault))): \(percent(coverage))"
        if margin >= 0 {
            return Finding(
                id, .pass, text + ", headroom \(money(margin))", basis: .computed, evidence: ev,
                source: source
            )
            .withMargin(
                "concentration headroom \(money(margin)) (\(percent(coverage - 1)) of the peg value)",
                fraction: coverage - 1)
        }
        return Finding(
            id, t.concentrationGates ? .fail : .warn,
            text + ", short \(money(-margin))"
                + (t.concentrationGates ? "" : " (a calibration: warns under this profile)"),
            basis: .computed, evidence: ev, source: source)
    }
}

/// PBOC-CNY: the People's Bank of China's notice Yinfa [2026] No. 42 bans CNY-pegged stablecoins
/// and RWA tokens issued without approval; reported under every profile (not gating: the bank
/// decides whether its exposure is affected, and records the approval if one exists).
struct CNYPegRule: Rule {
    let id = RuleID.cnyPeg
    let condition = RuleCondition.jurisdiction
    let gatesInEveryProfile = false
    var checks: String {
        "A coin pegged to CNY (onshore or offshore CNH) falls under the PBoC ban on CNY-pegged "
            + "stablecoins and RWA tokens without approval."
    }
    var reference: String {
        "People's Bank of China, Yinfa [2026] No. 42: CNY-pegged stablecoins and RWA tokens"
    }
    var defaultSource: Source {
        .pbocYinfa42
    }
    func thresholds(in profile: Profile) -> String? { nil }
    static let currencies: Set<String> = ["CNY", "CNH"]

    func evaluate(_ c: RuleContext) -> Finding {
        let peg = c.attestation.token.peg.currency
        let ev = CNYPegEvidence(pegCurrency: peg)
        if Self.currencies.contains(peg) {
            return Finding(
                id, .fail,
                "pegged to \(peg): the People's Bank of China's notice Yinfa [2026] No. 42 bans CNY-pegged "
                    + "stablecoins without its approval", basis: .declared, evidence: ev, source: .pbocYinfa42)
        }
        return Finding(
            id, .notApplicable, "not pegged to CNY or CNH", basis: .declared, evidence: ev,
            source: .pbocYinfa42)
    }
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
