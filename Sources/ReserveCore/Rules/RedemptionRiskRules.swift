import Foundation

/// RRT-NET: net reserves cover the aggregate peg value.
struct NetReservesRule: Rule {
    let id = RuleID.rrtNet
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves (excluding cash received under repos and collateral-swap securities) minus other "
            + "claims >= every issued unit (non-redeemable ones included) x peg; exact or fails closed."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (a): reserve value net of non-holder claims >= aggregate peg value"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve value and composition")
    }
    func thresholds(in p: Profile) -> String? {
        "coverage >= 100%"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let f = c.figures
        var ev = NetReservesEvidence()
        if let failure = c.inexactFinding(id) { return failure }
        ev.outstandingUnits = f.outstandingUnits
        ev.nonRedeemableUnits = f.nonRedeemableUnits
        if f.outstandingUnits > 0 { ev.nonRedeemableShare = f.nonRedeemableUnits / f.outstandingUnits }
        ev.pegValuePerUnit = c.attestation.token.peg.valuePerUnit.value
        ev.pegCurrency = c.attestation.token.peg.currency
        ev.aggregatePegValue = f.aggregatePegValue
        ev.countedReserves = f.countedReserves
        ev.excludedLines = f.excludedLines
        ev.excludedValue = f.excludedValue
        guard let claims = f.otherClaims, let net = f.netReserves else {
            return Finding(
                id, .insufficientData,
                "otherClaims is missing: net reserves cannot be computed (list claims, or [] for none)",
                basis: .computed, evidence: ev)
        }
        ev.otherClaims = claims
        ev.netReserves = net
        ev.margin = net - f.aggregatePegValue
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        let coverage = net / f.aggregatePegValue
        ev.coverage = coverage
        if net >= f.aggregatePegValue {
            return Finding(
                id, .pass,
                "net reserves \(money(net)) cover \(money(f.aggregatePegValue)) at peg: coverage \(percent(coverage))",
                basis: .computed, evidence: ev
            )
            .withMargin(
                "coverage margin \(money(net - f.aggregatePegValue)) (\(percent(coverage - 1)) of the peg "
                    + "value)",
                fraction: coverage - 1)
        }
        return Finding(
            id, .fail,
            """
            net reserves \(money(net)) fall \(money(f.aggregatePegValue - net)) short of \(money(f.aggregatePegValue)) \
            at peg: coverage \(percent(coverage))
            """,
            basis: .computed, evidence: ev)
    }
}

/// RRT-OC: after each stress scenario, net reserves still cover the peg value.
struct OvercollateralisationRule: Rule {
    let id = RuleID.rrtOC
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "After market, counterparty-default and combined stress, net reserves still cover the peg value."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (a): overcollateralisation against risks beyond the reference asset"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve value and composition")
    }
    func thresholds(in p: Profile) -> String? {
        let s = p.stress
        let shocks = s.rateShockBasisPoints.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        return
            """
            \(s.version): rate shock bp \(shocks), other \(s.defaultRateShockBasisPoints); debt haircuts AAA..AA- \
            \(s.highGradeHaircuts.map(String.init).joined(separator: "/"))%, A+..BBB- \
            \(s.investmentGradeHaircuts.map(String.init).joined(separator: "/"))% (<=1y/3y/5y/10y/>10y); gold \
            \(s.goldHaircutPercent)%, equity \(s.mainIndexEquityHaircutPercent)/\(s.otherEquityHaircutPercent)%; FX \
            +\(s.currencyMismatchPercent)%; default of largest unsecured counterparty below \
            \(s.counterpartyDefaultBelow.rawValue)
            """
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let f = c.figures
        var ev = OvercollateralisationEvidence()
        if let failure = c.inexactFinding(id) { return failure }
        ev.stressTable = c.profile.stress.version
        ev.aggregatePegValue = f.aggregatePegValue
        guard let stress = f.stress, let net = f.netReserves else {
            return Finding(
                id, .insufficientData, "otherClaims is missing: stressed net reserves cannot be computed",
                basis: .computed, evidence: ev)
        }
        ev.netReserves = net
        ev.scenarios = stress.scenarios.map {
            .init(
                name: $0.name, loss: $0.loss, stressedNetReserves: $0.stressedNetReserves, coverage: $0.coverage,
                defaultedCounterparty: $0.defaultedCounterparty)
        }
        ev.marketLossByLine = LineLosses(stress.marketLossByLine)
        if !stress.assumptions.isEmpty { ev.assumptions = stress.assumptions }
        if !stress.missing.isEmpty {
            ev.missingData = stress.missing
            return Finding(
                id, .insufficientData,
                """
                stress loss cannot be computed: missing \(stress.missing.prefix(5).joined(separator: "; "))\
                \(stress.missing.count > 5 ? " and \(stress.missing.count - 5) more" : "")
                """,
                basis: .computed, evidence: ev)
        }
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        guard let worst = stress.worst else {
            return Finding(
                id, .insufficientData, "no stress scenario could be computed", basis: .computed,
                evidence: ev)
        }
        let held = (net - f.aggregatePegValue) / f.aggregatePegValue
        let needed = worst.loss / f.aggregatePegValue
        guard let margin = try? Exact.subtract(worst.stressedNetReserves, f.aggregatePegValue) else {
            return Finding(
                id, .fail, Exact.Inexact("the stressed margin").message + ": failing closed",
                basis: .computed, evidence: ev)
        }
        ev.worstScenario = worst.name
        ev.worstStressedNetReserves = worst.stressedNetReserves
        ev.margin = margin
        ev.overcollateralisationHeld = held
        ev.overcollateralisationNeeded = needed
        if margin >= 0 {
            let fraction = margin / f.aggregatePegValue
            return Finding(
                id, .pass,
                """
                worst scenario (\(worst.name)) leaves \(percent(worst.coverage ?? 0)) of peg value; \
                overcollateralisation held \(percent(held)), needed \(percent(needed))
                """,
                basis: .computed, evidence: ev
            )
            .withMargin(
                "stressed margin \(money(margin)) (\(percent(fraction)) of the peg value, "
                    + "\(worst.name))", fraction: fraction)
        }
        return Finding(
            id, .fail,
            """
            worst scenario (\(worst.name)) leaves \(percent(worst.coverage ?? 0)) of peg value, short \
            \(money(-margin)); overcollateralisation held \(percent(held)), needed \(percent(needed))
            """,
            basis: .computed, evidence: ev)
    }
}

/// RRT-QUALITY: reserves are of the eligible kinds (SCO60 as amended July 2024); the reading and
/// its sources are in docs/RULES.md and docs/READINGS.md.
struct ReserveQualityRule: Rule {
    let id = RuleID.rrtQuality
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves are central bank reserves, high-quality sovereign paper (own-currency sovereign "
            + "debt in the peg currency with a lower floor), deposits at well-rated banks, short over-collateralised "
            + "reverse repos; funds only through a look-through of their holdings."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (b), as amended July 2024: eligible reserve assets"
    }
    var defaultSource: Source {
        .sco60(
            "classification condition 1, redemption risk test: reserve asset quality (July 2024 "
                + "amendment)")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "sovereign >= \(t.sovereignMinimumRating.rawValue), own-currency >= "
            + "\(t.ownCurrencySovereignMinimumRating.rawValue); bank >= \(t.bankMinimumRating.rawValue); reverse repo "
            + "<= \(t.reverseRepoMaxTenorDays) days"
    }

    enum Eligibility: Equatable {
        case eligible
        case ineligible(String)
        case unknown(String)  // data missing
    }

    static func classify(_ line: ReserveLine, peg: String, thresholds t: Profile.Thresholds) -> Eligibility {
        func sovereignEligible(issuer: String?, rating: Rating?, currency: String) -> Eligibility {
            guard let issuer else { return .unknown("issuer missing") }
            if currency == peg, SovereignCurrency.of(issuer) == peg {
                // Own-currency debt still needs a rating floor (calibration: investment grade).
                let floor = t.ownCurrencySovereignMinimumRating
                guard let rating else {
                    return .unknown(
                        "rating missing (own-currency sovereign debt needs "
                            + "\(floor.rawValue) or better)")
                }
                return rating.isAtLeast(floor)
                    ? .eligible
                    : .ineligible(
                        "own-currency sovereign \(issuer) rated \(rating.rawValue), below "
                            + "\(floor.rawValue)")
            }
            guard let rating else { return .unknown("rating missing and not own-currency sovereign debt in \(peg)") }
            return rating.isAtLeast(t.sovereignMinimumRating)
                ? .eligible
                : .ineligible(
                    """
                    sovereign \(issuer) rated \(rating.rawValue), below \(t.sovereignMinimumRating.rawValue), not \
                    own-currency debt in \(peg)
                    """
                )
        }
        switch line.assetClass {
        case .centralBankReserve:
            return .eligible
        case .sovereignBill, .sovereignBond:
            return sovereignEligible(issuer: line.issuer, rating: line.rating, currency: line.currency)
        case .bankDeposit:
            guard let rating = line.counterparty?.rating else { return .unknown("counterparty rating missing") }
            return rating.isAtLeast(t.bankMinimumRating)
                ? .eligible : .ineligible("bank rated \(rating.rawValue), below \(t.bankMinimumRating.rawValue)")
        case .reverseRepo:
            guard let tenor = line.tenorDays else { return .unknown("tenorDays missing") }
            guard tenor <= t.reverseRepoMaxTenorDays else {
                return .ineligible("tenor \(tenor) days, over \(t.reverseRepoMaxTenorDays)")
            }
            guard let collateral = line.collateral else { return .unknown("collateral missing") }
            guard collateral.assetClass.isSovereignDebt else {
                return .ineligible("collateral is \(collateral.assetClass.rawValue), not sovereign paper")
            }
            switch sovereignEligible(
                issuer: collateral.issuer, rating: collateral.rating, currency: collateral.currency)
            {
            case .eligible: break
            case .unknown(let why): return .unknown("collateral: \(why)")
            case .ineligible(let why): return .ineligible("collateral: \(why)")
            }
            return collateral.value.value > line.value.value
                ? .eligible
                : .ineligible(
                    "collateral \(money(collateral.value.value)) does not exceed the cash \(money(line.value.value))")
        case .gold where peg == "XAU" && line.currency == "XAU":
            // A commodity peg's reserve is the commodity itself (the eligible-asset list is for currency pegs only).
            return .eligible
        case .moneyMarketFund:
            // Look through to the holdings, judged by the same rules; a declaration is not enough.
            guard let holdings = line.holdings else {
                if line.holdsOnlyEligible == false { return .ineligible("fund may hold ineligible assets") }
                return .unknown("no look-through: the fund's holdings are not listed")
            }
            guard let sum = try? Exact.sum(holdings.map(\.value.value)) else {
                return .unknown("the holdings' values cannot be added exactly")
            }
            guard sum == line.value.value else {
                return .unknown("holdings add up to \(money(sum)), not the fund's value \(money(line.value.value))")
            }
            var undecided: String?
            for holding in holdings {
                switch classify(holding, peg: peg, thresholds: t) {
                case .eligible: continue
                case .ineligible(let why): return .ineligible("holding \(holding.id): \(why)")
                case .unknown(let why): undecided = undecided ?? "holding \(holding.id): \(why)"
                }
            }
            return undecided.map(Eligibility.unknown) ?? .eligible
        default:
            return .ineligible("\(line.assetClass.rawValue) is not an eligible reserve asset")
        }
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        if let failure = c.inexactFinding(id) { return failure }
        var eligibleTotal = ExactTotal()
        var ineligibleTotal = ExactTotal()
        var unknownTotal = ExactTotal()
        var ineligibleLines: [ReserveQualityEvidence.IneligibleLine] = []
        var unknownLines: [ReserveQualityEvidence.UndecidedLine] = []
        var lookedThrough: [String] = []
        for line in a.reserves where line.acquiredVia == .outright {
            let value = line.value.value
            if line.holdings != nil { lookedThrough.append(line.id) }
            switch Self.classify(line, peg: a.token.peg.currency, thresholds: c.profile.thresholds) {
            case .eligible: eligibleTotal.add(value, "the eligible reserves")
            case .ineligible(let why):
                ineligibleTotal.add(value, "the ineligible reserves")
                ineligibleLines.append(.init(id: line.id, value: value, reason: why))
            case .unknown(let why):
                unknownTotal.add(value, "the reserves of undecided eligibility")
                unknownLines.append(.init(id: line.id, missing: why))
            }
        }
        if let inexact = ExactTotal.failure(eligibleTotal, ineligibleTotal, unknownTotal) {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed)
        }
        let (eligible, ineligible, unknown) = (eligibleTotal.value, ineligibleTotal.value, unknownTotal.value)
        let total = c.figures.countedReserves
        var ev = ReserveQualityEvidence()
        ev.countedReserves = total
        ev.eligibleValue = eligible
        ev.ineligibleValue = ineligible
        ev.unknownValue = unknown
        ev.ineligibleLines = ineligibleLines
        if !unknownLines.isEmpty { ev.missingData = unknownLines }
        if !lookedThrough.isEmpty { ev.fundsLookedThrough = lookedThrough }
        ev.excludedLines = c.figures.excludedLines
        ev.sovereignMinimumRating = c.profile.thresholds.sovereignMinimumRating.rawValue
        let ownCurrencyFloor = c.profile.thresholds.ownCurrencySovereignMinimumRating
        ev.ownCurrencySovereignMinimumRating = ownCurrencyFloor.rawValue
        ev.bankMinimumRating = c.profile.thresholds.bankMinimumRating.rawValue
        let share = total > 0 ? ineligible / total : 0
        ev.ineligibleShare = share
        if ineligible > 0 {
            return Finding(
                id, .fail,
                """
                \(percent(share)) of reserves (\(money(ineligible))) are not eligible reserve assets, e.g. \
                \(ineligibleLines.count) line\(ineligibleLines.count == 1 ? "" : "s")
                """,
                basis: .computed, evidence: ev)
        }
        if unknown > 0 {
            return Finding(
                id, .insufficientData,
                """
                eligibility of \(unknownLines.count) line\(unknownLines.count == 1 ? "" : "s") (\(money(unknown))) \
                cannot be decided: data missing
                """,
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .pass,
            """
            all reserves (\(money(total))) are eligible: central bank reserves, high-quality sovereign paper, deposits \
            at banks rated \(c.profile.thresholds.bankMinimumRating.rawValue) or better, short reverse repos
            """,
            basis: .computed, evidence: ev)
    }
}

/// ISO 3166 country -> its own currency, for the own-currency sovereign reading of RRT-QUALITY.
enum SovereignCurrency {
    static let euroArea: Set<String> = [
        "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT",
        "SI", "SK",
    ]
    static let map: [String: String] = [
        "US": "USD", "JP": "JPY", "GB": "GBP", "CH": "CHF", "HK": "HKD", "SG": "SGD", "CN": "CNY", "CA": "CAD",
        "AU": "AUD", "NZ": "NZD", "SE": "SEK", "NO": "NOK", "DK": "DKK", "KR": "KRW", "KH": "KHR", "AE": "AED",
        "BH": "BHD",
    ]

    static func of(_ country: String) -> String? { euroArea.contains(country) ? "EUR" : map[country] }
}

/// RRT-CCY: reserves in the peg currency, or the mismatch covered by overcollateralisation.
struct CurrencyRule: Rule {
    let id = RuleID.rrtCcy
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves are in the peg currency, or the mismatch is absorbed by overcollateralisation after the FX add-on."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test: reserves in the peg currency (or basket proportions)"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserves in the peg currency")
    }
    func thresholds(in p: Profile) -> String? {
        let s = p.stress
        return "FX add-on \(s.currencyMismatchPercent)%"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let peg = a.token.peg.currency
        if let failure = c.inexactFinding(id) { return failure }
        var mismatchedTotal = ExactTotal()
        var lines: [String] = []
        for line in a.reserves where line.acquiredVia == .outright && line.currency != peg {
            mismatchedTotal.add(line.value.value, "the reserves not in \(peg)")
            lines.append(line.id)
        }
        if let inexact = mismatchedTotal.failure {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed)
        }
        let mismatched = mismatchedTotal.value
        let total = c.figures.countedReserves
        let share = total > 0 ? mismatched / total : 0
        var ev = CurrencyEvidence()
        ev.pegCurrency = peg
        ev.mismatchedValue = mismatched
        ev.mismatchedShare = share
        ev.mismatchedLines = lines
        ev.currencyAddOnPercent = c.profile.stress.currencyMismatchPercent
        if mismatched == 0 {
            return Finding(id, .pass, "every reserve asset is denominated in \(peg)", basis: .computed, evidence: ev)
        }
        guard let stress = c.figures.stress, stress.missing.isEmpty, let worst = stress.worst else {
            return Finding(
                id, .insufficientData,
                """
                \(percent(share)) of reserves are not in \(peg) and the stressed coverage that must absorb the \
                mismatch cannot be computed
                """,
                basis: .computed, evidence: ev)
        }
        ev.worstStressedNetReserves = worst.stressedNetReserves
        if worst.stressedNetReserves >= c.figures.aggregatePegValue {
            return Finding(
                id, .pass,
                """
                \(percent(share)) of reserves are not in \(peg); covered by overcollateralisation after the \
                \(c.profile.stress.currencyMismatchPercent)% currency add-on
                """,
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .fail,
            """
            \(percent(share)) of reserves are not in \(peg) and overcollateralisation does not absorb the \
            \(c.profile.stress.currencyMismatchPercent)% currency add-on
            """,
            basis: .computed, evidence: ev)
    }
}

/// RRT-GOV: reserve governance and an operational resilience framework (declared).
struct ReserveGovernanceRule: Rule {
    let id = RuleID.rrtGov
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "An operational risk and resilience framework for the reserves, and a published reserve mandate."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (c): reserve governance, operational risk and resilience"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve management, disclosure and audit")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = ReserveGovernanceEvidence()
        guard let g = c.attestation.governance, let framework = g.operationalResilienceFramework else {
            return Finding(
                id, .insufficientData, "governance.operationalResilienceFramework is missing", basis: .declared,
                evidence: ev)
        }
        ev.operationalResilienceFramework = framework
        if let url = g.reserveMandateUrl { ev.reserveMandateUrl = url }
        guard framework else {
            return Finding(
                id, .fail, "the issuer declares no operational risk and resilience framework for the reserves",
                basis: .declared, evidence: ev)
        }
        guard g.reserveMandateUrl != nil else {
            return Finding(
                id, .insufficientData, "governance.reserveMandateUrl is missing: the reserve mandate is not disclosed",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "operational resilience framework declared; reserve mandate published", basis: .declared,
            evidence: ev)
    }
}

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
            fraction: Decimal(allowed - age) / Decimal(allowed))
    }
}

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
        // Independence is what the rule asks: an audit that does not state it cannot pass.
        let audits = candidates.filter { $0.independent == true }
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
        guard let latest = audits.max(by: { ($0.periodEnd, $0.opinionDate) < ($1.periodEnd, $1.opinionDate) }) else {
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
                fraction: Decimal(marginDays) / Decimal(max(1, windowDays)))
        }
    }
}

/// RRT-LIQUIDITY (tentative): assets available the same day cover a share of the peg value.
struct LiquidityRule: Rule {
    let id = RuleID.rrtLiquidity
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = false
    var checks: String {
        """
        Assets available the same day (central bank reserves, callable deposits, overnight reverse repo, short bills \
        after haircut) cover a share of the peg value.
        """
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (b): liquidity of reserves (tentative reading)"
    }
    var defaultSource: Source {
        .calibration("same-day liquidity share (20%): a tool calibration, tentative")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return
            "same-day assets >= \(percent(t.sameDayLiquidityShare)) of peg value; bills <= \(t.sameDayBillMaxDays) days"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let t = c.profile.thresholds
        if let failure = c.inexactFinding(id) { return failure }
        var sameDayTotal = ExactTotal()
        var lines: [String] = []
        for (i, line) in a.reserves.enumerated() where line.acquiredVia == .outright {
            var available: Money?
            switch line.assetClass {
            case .centralBankReserve: available = line.value.value
            case .bankDeposit where line.callable == true: available = line.value.value
            case .reverseRepo where (line.tenorDays ?? Int.max) <= 1: available = line.value.value
            case .sovereignBill where (c.figures.residualDays[i] ?? Int.max) <= t.sameDayBillMaxDays:
                let what = "the stressed value of reserves line \(line.id)"
                do throws(Exact.Inexact) {
                    available = try Exact.subtract(
                        line.value.value,
                        c.figures.stress?.marketLossByLine[line.id] ?? 0, what)
                } catch {
                    return Finding(id, .fail, error.message + ": the evaluation fails closed", basis: .computed)
                }
            default: break
            }
            if let available {
                sameDayTotal.add(available, "the same-day assets")
                lines.append(line.id)
            }
        }
        if let inexact = sameDayTotal.failure {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed)
        }
        let sameDay = sameDayTotal.value
        let peg = c.figures.aggregatePegValue
        var ev = LiquidityEvidence()
        ev.sameDayAssets = sameDay
        ev.sameDayLines = lines
        ev.aggregatePegValue = peg
        ev.requiredShare = t.sameDayLiquidityShare
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        let share = sameDay / peg
        ev.share = share
        // The decision compares amounts (same-day assets >= share × peg value), never the rounded ratio.
        guard let required = try? Exact.multiply(peg, t.sameDayLiquidityShare) else {
            return Finding(
                id, .fail,
                Exact.Inexact("the required same-day amount").message
                    + ": the evaluation fails closed",
                basis: .computed, evidence: ev)
        }
        ev.requiredSameDayAssets = required
        if sameDay >= required {
            return Finding(
                id, .pass,
                "same-day assets cover \(percent(share)) of peg value (at least \(percent(t.sameDayLiquidityShare)))",
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .fail,
            "same-day assets cover \(percent(share)) of peg value, below \(percent(t.sameDayLiquidityShare))",
            basis: .computed, evidence: ev)
    }
}

/// RRT-MATURITY: weighted-average residual maturity of the reserve pool (profiles that set a limit).
struct MaturityRule: Rule {
    let id = RuleID.rrtMaturity
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = false
    var checks: String {
        "Weighted-average residual maturity of the reserve pool within the profile's limit."
    }
    var reference: String {
        "MAS implementation of SCO60 (consultation March 2025): reserve pool weighted-average maturity"
    }
    var defaultSource: Source {
        .masConsultation
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return t.maxWeightedAverageMaturityDays.map { "WAM <= \($0) days" } ?? "no limit"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = MaturityEvidence()
        guard let limit = c.profile.thresholds.maxWeightedAverageMaturityDays else {
            return Finding(
                id, .notApplicable, "this profile sets no weighted-average maturity limit", basis: .computed,
                evidence: ev)
        }
        ev.limitDays = limit
        var weightedTotal = ExactTotal()
        var valueTotal = ExactTotal()
        var missing: [String] = []
        var withoutMaturity: [String] = []
        for (i, line) in c.attestation.reserves.enumerated() where line.acquiredVia == .outright {
            var days: Int?
            switch line.assetClass {
            case .centralBankReserve: days = 0
            case .bankDeposit: days = line.callable == true ? 0 : c.figures.residualDays[i]
            case .reverseRepo: days = line.tenorDays
            case .moneyMarketFund: days = line.weightedAverageMaturityDays
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                days = c.figures.residualDays[i]
            case .gold, .equity, .cryptoasset, .other, .securedLoan:
                // No maturity at all: outside a weighted-average maturity (RRT-QUALITY judges them).
                withoutMaturity.append(line.id)
                continue
            }
            guard let days else {
                missing.append(line.id)
                continue
            }
            weightedTotal.add(line.value.value, times: Money(days), "the maturity-weighted reserves")
            valueTotal.add(line.value.value, "the reserves with a maturity")
        }
        if !missing.isEmpty {
            ev.missingData = missing
            return Finding(
                id, .insufficientData,
                """
                maturity (or tenorDays, weightedAverageMaturityDays) missing for \(missing.count) \
                line\(missing.count == 1 ? "" : "s"): \(missing.prefix(5).joined(separator: ", "))
                """,
                basis: .computed, evidence: ev)
        }
        if !withoutMaturity.isEmpty { ev.excludedWithoutMaturity = withoutMaturity }
        if let inexact = ExactTotal.failure(weightedTotal, valueTotal) {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed, evidence: ev)
        }
        let (weighted, total) = (weightedTotal.value, valueTotal.value)
        let wam = total > 0 ? weighted / total : 0
        ev.weightedAverageMaturityDays = wam.fixed(1)
        // Decided on amounts: Σ value × days <= limit × Σ value (the average is display only).
        guard let allowed = try? Exact.multiply(total, Money(limit)) else {
            return Finding(
                id, .fail, Exact.Inexact("the maturity limit").message + ": the evaluation fails closed",
                basis: .computed, evidence: ev)
        }
        if weighted <= allowed {
            let spare = Decimal(limit) - wam
            return Finding(
                id, .pass, "weighted-average maturity \(wam.fixed(1)) days, within \(limit)", basis: .computed,
                evidence: ev
            )
            .withMargin(
                "\(spare.fixed(1)) days inside the \(limit)-day WAM limit",
                fraction: spare / Decimal(max(1, limit)))
        }
        return Finding(
            id, .fail, "weighted-average maturity \(wam.fixed(1)) days, over \(limit)", basis: .computed, evidence: ev)
    }
}
