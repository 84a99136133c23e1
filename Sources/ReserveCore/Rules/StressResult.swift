import Foundation

/// The three RRT-OC scenarios for one attestation.
public struct StressResult: Sendable, Hashable {
    public struct Scenario: Sendable, Hashable {
        public var name: String
        public var loss: Money
        public var stressedNetReserves: Money
        public var coverage: Decimal?
        /// The counterparty that defaults, for scenarios 2 and 3.
        public var defaultedCounterparty: String?
    }

    public var scenarios: [Scenario]
    /// Lines whose stress loss could not be computed, as `"<line id>: <missing field>"`.
    public var missing: [String]
    /// Per line: market loss (scenario 1) including the currency add-on.
    public var marketLossByLine: [String: Money]
    /// Lines whose loss used a conservative assumption for missing optional data.
    public var assumptions: [String]

    public var worst: Scenario? { scenarios.min { $0.stressedNetReserves < $1.stressedNetReserves } }
    public var worstCoverage: Decimal? { worst?.coverage }

    /// Unsecured exposure by counterparty (deposits in full, the part of a reverse repo not
    /// covered by its stressed collateral), before market losses: for RRT-CONCENTRATION.
    public var unsecuredByCounterparty: [String: Money]

    /// The largest unsecured exposure to one counterparty (ties broken by name).
    public var largestUnsecured: (name: String, exposure: Money)? {
        unsecuredByCounterparty.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Stresses the outright reserve lines in three scenarios: market loss per line, the default of
    /// the largest weak unsecured counterparty, and both combined.
    init(
        _ a: Attestation, parameters p: StressParameters, netReserves: Money,
        pegValue: Money
    ) throws(Exact.Inexact) {
        var book = StressBook(a, parameters: p)
        var totalMarketLoss = Money.zero
        book.marketLossByLine.reserveCapacity(a.reserves.count)
        // Each line read in place through the buffer (an array element passed on is a copy of the
        // line); the operation's name is written only if it is inexact.
        try a.reserves.withUnsafeBufferPointer { (lines) throws(Exact.Inexact) in
            for i in lines.indices where lines[i].acquiredVia == .outright {
                let loss: Money
                switch try book.marketLoss(lines[i], "the stress loss of reserves line \(lines[i].id)") {
                case .success(let l): loss = l
                case .failure(let m):
                    book.missing.append("\(lines[i].id): \(m.field)")
                    continue
                }
                book.marketLossByLine[lines[i].id] = loss
                totalMarketLoss = try Exact.add(totalMarketLoss, loss, "the total market stress loss")
                try book.addUnsecuredExposure(
                    lines[i], marketLoss: loss, "the stress loss of reserves line \(lines[i].id)")
            }
        }
        scenarios = try Self.scenarios(
            totalMarketLoss: totalMarketLoss, unsecured: book.unsecured, parameters: p,
            netReserves: netReserves, pegValue: pegValue)
        self.missing = book.missing
        self.marketLossByLine = book.marketLossByLine
        self.assumptions = book.assumptions
        self.unsecuredByCounterparty = book.unsecured.mapValues(\.plain)
    }

    /// Scenario 1, market; scenario 2, the default of the largest unsecured exposure to one
    /// counterparty rated below the parameters' line; scenario 3, both (that counterparty's
    /// exposure after its market loss).
    private static func scenarios(
        totalMarketLoss: Money, unsecured: [String: StressBook.Unsecured],
        parameters p: StressParameters, netReserves: Money,
        pegValue: Money
    ) throws(Exact.Inexact) -> [Scenario] {
        let weak = unsecured.filter { !$0.value.rating.isAtLeast(p.counterpartyDefaultBelow) }
        let biggest = weak.max { ($0.value.plain, $1.key) < ($1.value.plain, $0.key) }
        let biggestAfter = weak.max { ($0.value.afterMarket, $1.key) < ($1.value.afterMarket, $0.key) }

        func scenario(_ name: String, _ loss: Money, _ counterparty: String?) throws(Exact.Inexact) -> Scenario {
            let stressed = try Exact.subtract(netReserves, loss, "the stressed net reserves (\(name))")
            return Scenario(
                name: name, loss: loss, stressedNetReserves: stressed,
                coverage: pegValue > 0 ? stressed / pegValue : nil, defaultedCounterparty: counterparty)
        }
        return [
            try scenario("market", totalMarketLoss, nil),
            try scenario("counterparty-default", biggest?.value.plain ?? 0, biggest?.key),
            try scenario(
                "combined",
                try Exact.add(
                    totalMarketLoss, biggestAfter?.value.afterMarket ?? 0,
                    "the combined stress loss"),
                biggestAfter?.key),
        ]
    }
}

/// The working state of one stress computation: the market loss of each line, the unsecured
/// exposure to each counterparty, and what was missing or assumed on the way.
private struct StressBook {
    /// Unsecured exposure to one counterparty: before the market stress and after it.
    struct Unsecured {
        var rating: Rating
        var plain: Money
        var afterMarket: Money
    }

    let parameters: StressParameters
    let peg: String
    let asOf: CivilDate
    /// The currency add-on, as a fraction.
    let fx: Money
    /// The rate shock of the peg currency, in basis points (most lines' currency).
    let pegRateShock: Money
    /// 365 days × 10,000 basis points: the divisor of a rate loss.
    static let rateLossDivisor = Money(365, exponent: 4)
    var missing: [String] = []
    var assumptions: [String] = []
    var marketLossByLine: [String: Money] = [:]
    var unsecured: [String: Unsecured] = [:]

    init(_ a: Attestation, parameters: StressParameters) {
        self.parameters = parameters
        self.peg = a.token.peg.currency
        self.asOf = a.asOf.date
        self.fx = Money(parameters.currencyMismatchPercent, exponent: -2)
        self.pegRateShock = Money(
            parameters.rateShockBasisPoints[a.token.peg.currency] ?? parameters.defaultRateShockBasisPoints)
    }

    /// The residual-maturity band of a debt security.
    func band(_ maturity: CivilDate) -> Int {
        for (i, years) in StressParameters.bandYears.enumerated() where maturity <= asOf.adding(years: years) {
            return i
        }
        return StressParameters.bandYears.count
    }

    /// value × days/365 × shock, capped at value: the day-count fraction rarely terminates, so
    /// the loss is then rounded up (never down) in its last checkable digit.
    func rateLoss(
        _ value: Money, days: Int, currency: String, _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) -> Money {
        let p = parameters
        let bp =
            currency == peg
            ? pegRateShock : Money(p.rateShockBasisPoints[currency] ?? p.defaultRateShockBasisPoints)
        let numerator = try Exact.multiply(try Exact.multiply(value, Money(max(0, days)), what()), bp, what())
        return min(value, try Exact.divideRoundingUp(numerator, Self.rateLossDivisor, what()))
    }

    /// Market loss of a debt security of this value, or the name of the missing field.
    func debtLoss(
        _ value: Money, _ cls: ReserveClass, currency: String, rating: Rating?, maturity: CivilDate?,
        _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) -> Result<Money, Missing> {
        guard let maturity else { return .failure(Missing("maturity")) }
        if cls.isSovereignDebt {
            return .success(
                try rateLoss(
                    value, days: maturity.daysSinceEpoch - asOf.daysSinceEpoch,
                    currency: currency, what()))
        }
        guard let rating else { return .failure(Missing("rating")) }
        return .success(
            try Exact.multiply(value, parameters.debtHaircut(rating: rating, band: band(maturity)), what()))
    }

    /// A line's market loss (scenario 1) including the currency add-on; a fund's is the sum of its
    /// holdings'.
    mutating func marketLoss(
        _ line: ReserveLine, _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) -> Result<Money, Missing> {
        let p = parameters
        let value = line.value.value
        let result: Result<Money, Missing>
        switch line.assetClass {
        case .centralBankReserve, .bankDeposit, .reverseRepo:
            result = .success(0)
        case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
            result = try debtLoss(
                value, line.assetClass, currency: line.currency, rating: line.rating,
                maturity: line.maturity, what())
        case .moneyMarketFund:
            if let holdings = line.holdings {
                // Look-through: the holdings' own losses (a holding is never itself a fund).
                var total = Money.zero
                for holding in holdings {
                    switch try marketLoss(holding, "the stress loss of holding \(holding.id) of \(line.id)") {
                    case .success(let l): total = try Exact.add(total, l, what())
                    case .failure(let m): return .failure(Missing("holdings[\(holding.id)].\(m.field)"))
                    }
                }
                return .success(min(value, total))
            } else if line.holdsOnlyEligible == true {
                if let wam = line.weightedAverageMaturityDays {
                    result = .success(try rateLoss(value, days: wam, currency: line.currency, what()))
                } else {
                    result = .failure(Missing("weightedAverageMaturityDays"))
                }
            } else {
                result = .success(value)
            }
        case .gold:
            // Gold backing a gold-pegged coin is the reference asset itself: no risk beyond the peg.
            result = .success(
                peg == "XAU" && line.currency == "XAU"
                    ? 0 : try Exact.multiply(value, Money(p.goldHaircutPercent, exponent: -2), what()))
        case .equity:
            if line.mainIndex == nil {
                assumptions.append("\(line.id): mainIndex not stated, other-equity haircut used")
            }
            let percent = line.mainIndex == true ? p.mainIndexEquityHaircutPercent : p.otherEquityHaircutPercent
            let haircut = Money(percent, exponent: -2)
            result = .success(try Exact.multiply(value, haircut, what()))
        case .cryptoasset, .securedLoan, .other:
            result = .success(value)
        }
        guard case .success(let loss) = result else { return result }
        if line.currency != peg {
            return .success(
                min(
                    value,
                    try Exact.add(
                        loss,
                        try Exact.multiply(
                            value, fx,
                            what()), what())))
        }
        return .success(loss)
    }

    /// Adds a line's unsecured exposure (scenario 2) to its counterparty's: a deposit in full, a
    /// reverse repo for the part its stressed collateral does not cover; other lines have none.
    mutating func addUnsecuredExposure(
        _ line: ReserveLine, marketLoss loss: Money, _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) {
        let value = line.value.value
        switch line.assetClass {
        case .bankDeposit:
            try addUnsecured(line, plain: value, afterMarket: try Exact.subtract(value, loss, what()), what())
        case .reverseRepo:
            let exposure: Money
            switch try uncollateralised(line, what()) {
            case .success(let e): exposure = e
            case .failure(let m):
                missing.append("\(line.id): \(m.field)")
                return
            }
            try addUnsecured(
                line, plain: exposure, afterMarket: max(0, try Exact.subtract(exposure, loss, what())), what())
        default:
            break
        }
    }

    /// The part of a reverse repo its collateral does not cover once the collateral is stressed.
    func uncollateralised(
        _ line: ReserveLine, _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) -> Result<Money, Missing> {
        guard let collateral = line.collateral else { return .failure(Missing("collateral")) }
        let cv = collateral.value.value
        // The name captures the line's id only: a closure capturing the line copies it.
        let id = line.id
        func collateralWhat() -> String { "the stressed collateral of reserves line \(id)" }
        var collateralLoss: Money
        if collateral.assetClass == .centralBankReserve {
            collateralLoss = 0
        } else {
            switch try debtLoss(
                cv, collateral.assetClass, currency: collateral.currency, rating: collateral.rating,
                maturity: collateral.maturity, collateralWhat())
            {
            case .success(let l): collateralLoss = l
            case .failure(let m): return .failure(Missing("collateral.\(m.field)"))
            }
        }
        if collateral.currency != peg {
            collateralLoss = try Exact.add(
                collateralLoss, try Exact.multiply(cv, fx, collateralWhat()), collateralWhat())
        }
        let stressedCollateral = max(0, try Exact.subtract(cv, collateralLoss, collateralWhat()))
        return .success(max(0, try Exact.subtract(line.value.value, stressedCollateral, what())))
    }

    /// One line's unsecured exposure added to its counterparty's (unnamed ones each stand alone).
    mutating func addUnsecured(
        _ line: ReserveLine, plain: Money, afterMarket: Money,
        _ what: @autoclosure () -> String
    ) throws(Exact.Inexact) {
        let c = line.counterparty
        let rating = c?.rating ?? .unrated
        if c?.rating == nil { assumptions.append("\(line.id): counterparty rating not stated, treated as unrated") }
        let key = c?.name ?? "(unnamed counterparty of \(line.id))"
        // One look-up of the counterparty: its entry is updated in place when it has one.
        if let index = unsecured.index(forKey: key) {
            let prior = unsecured.values[index]
            unsecured.values[index] = Unsecured(
                rating: max(prior.rating, rating), plain: try Exact.add(prior.plain, plain, what()),
                afterMarket: try Exact.add(prior.afterMarket, afterMarket, what()))
        } else {
            let prior = Unsecured(rating: rating, plain: 0, afterMarket: 0)
            unsecured[key] = Unsecured(
                rating: max(prior.rating, rating), plain: try Exact.add(prior.plain, plain, what()),
                afterMarket: try Exact.add(prior.afterMarket, afterMarket, what()))
        }
    }
}

extension Rating {
    static func max(_ a: Rating, _ b: Rating) -> Rating { a.rank >= b.rank ? a : b }
}

private func max(_ a: Rating, _ b: Rating) -> Rating { Rating.max(a, b) }
