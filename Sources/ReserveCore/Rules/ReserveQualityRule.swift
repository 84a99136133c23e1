import Foundation

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

    static func classify(_ line: ReserveLine, peg: String, asOf: CivilDate, thresholds t: Profile.Thresholds)
        -> Eligibility
    {
        // A security that matured before asOf was either repaid (then the reserve is cash, not this
        // line) or is in default: never eligible, held outright, in a fund or as a repo's collateral
        // (2026-12-02; before, its residual maturity was clamped to 0, so it counted as a risk-free bill).
        // Our reading of "minimal credit risk".
        // An asset in a code that is no currency of ISO 4217 ("BTC") is a cryptoasset exposure,
        // whatever its class says (2026-12-02; before, an A+ bank's "BTC deposit" was eligible).
        guard ISO4217.isCurrency(line.currency) else {
            return .ineligible("\(line.currency) is not a currency or precious metal of ISO 4217")
        }
        if line.assetClass.isDebtSecurity, let maturity = line.maturity, maturity < asOf {
            return .ineligible("matured on \(maturity), before asOf: repaid (then it is cash) or in default")
        }
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
            // Central bank reserves are balances in the central bank's own currency (our reading of
            // the July 2024 list, `basel-text`; 2026-12-02). Another currency is a foreign-currency claim
            // on that central bank, whose credit quality the line does not state.
            guard let issuer = line.issuer else { return .unknown("issuer missing") }
            guard let own = SovereignCurrency.of(issuer) else {
                return .unknown("the own currency of central bank \(issuer) is not known to the verifier")
            }
            return own == line.currency
                ? .eligible
                : .ineligible(
                    "a \(line.currency) balance at central bank \(issuer) (whose currency is \(own)) is not a "
                        + "central bank reserve")
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
            guard ISO4217.isCurrency(collateral.currency) else {
                return .ineligible("collateral in \(collateral.currency), not a currency of ISO 4217")
            }
            if let maturity = collateral.maturity, maturity < asOf {
                return .ineligible("collateral matured on \(maturity), before asOf: repaid or in default")
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
                switch classify(holding, peg: peg, asOf: asOf, thresholds: t) {
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
            switch Self.classify(line, peg: a.token.peg.currency, asOf: a.asOf.date, thresholds: c.profile.thresholds) {
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
