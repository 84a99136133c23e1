import Foundation

/// Figures computed once per attestation and shared by the rules: outstanding units, the
/// aggregate peg value, net reserves, and the RRT-OC stress scenarios. Exact decimal arithmetic.
///
/// Reserve line `value`s are market values in the peg currency (the attestation's reporting
/// currency); a line's `currency` is the currency the asset is denominated in.
public struct ReserveFigures: Sendable, Hashable {
    /// Σ (issued − nonRedeemable) over networks.
    public let outstandingUnits: Decimal
    /// outstandingUnits × peg value per unit.
    public let aggregatePegValue: Decimal
    /// Σ value of lines that count as reserves (not cash received under repo, not collateral-swap securities).
    public let countedReserves: Decimal
    /// Lines excluded from reserves, by id.
    public let excludedLines: [String]
    public let excludedValue: Decimal
    /// Σ otherClaims, nil when the attestation does not list them.
    public let otherClaims: Decimal?
    /// countedReserves − otherClaims, nil when otherClaims is absent.
    public let netReserves: Decimal?
    /// netReserves / aggregatePegValue.
    public let coverage: Decimal?
    /// The RRT-OC scenarios, nil when other claims are absent.
    public let stress: StressResult?
    /// Residual maturity in days of each line that has a maturity date, by line index.
    public let residualDays: [Int: Int]

    public init(_ a: Attestation, profile: Profile) {
        var units = Decimal(0)
        for o in a.token.outstanding { units += o.issued.value - o.nonRedeemable.value }
        outstandingUnits = units
        let pegValue = units * a.token.peg.valuePerUnit.value
        aggregatePegValue = pegValue

        var counted = Decimal(0)
        var excluded: [String] = []
        var excludedValue = Decimal(0)
        var residual: [Int: Int] = [:]
        let asOfDay = a.asOf.date.daysSinceEpoch
        for (i, line) in a.reserves.enumerated() {
            if line.acquiredVia == .outright {
                counted += line.value.value
            } else {
                excluded.append(line.id)
                excludedValue += line.value.value
            }
            if let maturity = line.maturity { residual[i] = max(0, maturity.daysSinceEpoch - asOfDay) }
        }
        countedReserves = counted
        excludedLines = excluded
        self.excludedValue = excludedValue
        residualDays = residual
        var net: Decimal?
        if let claims = a.otherClaims {
            var total = Decimal(0)
            for claim in claims { total += claim.amount.value }
            otherClaims = total
            net = counted - total
        } else {
            otherClaims = nil
        }
        netReserves = net
        coverage = net.flatMap { pegValue > 0 ? $0 / pegValue : nil }
        stress = net.map { StressResult(a, parameters: profile.stress, netReserves: $0, pegValue: pegValue) }
    }
}

/// The three RRT-OC scenarios for one attestation.
public struct StressResult: Sendable, Hashable {
    public struct Scenario: Sendable, Hashable {
        public var name: String
        public var loss: Decimal
        public var stressedNetReserves: Decimal
        public var coverage: Decimal?
        /// The counterparty that defaults, for scenarios 2 and 3.
        public var defaultedCounterparty: String?
    }

    public var scenarios: [Scenario]
    /// Lines whose stress loss could not be computed, as `"<line id>: <missing field>"`.
    public var missing: [String]
    /// Per line: market loss (scenario 1) including the currency add-on.
    public var marketLossByLine: [String: Decimal]
    /// Lines whose loss used a conservative assumption for missing optional data.
    public var assumptions: [String]

    public var worst: Scenario? { scenarios.min { $0.stressedNetReserves < $1.stressedNetReserves } }
    public var worstCoverage: Decimal? { worst?.coverage }

    init(_ a: Attestation, parameters p: StressParameters, netReserves: Decimal, pegValue: Decimal) {
        let peg = a.token.peg.currency
        let asOf = a.asOf.date
        var missing: [String] = []
        var assumptions: [String] = []
        var marketLoss: [String: Decimal] = [:]
        var totalMarketLoss = Decimal(0)
        // Unsecured exposures by counterparty for scenario 2: (before market stress, after it).
        var unsecured: [String: (rating: Rating, plain: Decimal, afterMarket: Decimal)] = [:]

        func band(_ maturity: CivilDate) -> Int {
            for (i, years) in StressParameters.bandYears.enumerated() where maturity <= asOf.adding(years: years) { return i }
            return StressParameters.bandYears.count
        }
        func years(_ maturity: CivilDate) -> Decimal {
            Decimal(max(0, maturity.daysSinceEpoch - asOf.daysSinceEpoch)) / 365
        }
        /// Market loss fraction of a debt security, or the name of the missing field.
        func debtLossFraction(_ cls: ReserveClass, currency: String, rating: Rating?, maturity: CivilDate?) -> Result<Decimal, Missing> {
            guard let maturity else { return .failure(Missing("maturity")) }
            if cls.isSovereignDebt { return .success(min(1, years(maturity) * p.rateShock(currency))) }
            guard let rating else { return .failure(Missing("rating")) }
            return .success(p.debtHaircut(rating: rating, band: band(maturity)))
        }
        let fx = Decimal(p.currencyMismatchPercent) / 100

        for line in a.reserves where line.acquiredVia == .outright {
            let value = line.value.value
            let fraction: Result<Decimal, Missing>
            switch line.assetClass {
            case .centralBankReserve, .bankDeposit, .reverseRepo:
                fraction = .success(0)
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                fraction = debtLossFraction(line.assetClass, currency: line.currency, rating: line.rating, maturity: line.maturity)
            case .moneyMarketFund:
                if line.holdsOnlyEligible == true {
                    fraction = line.weightedAverageMaturityDays.map { .success(min(1, Decimal($0) / 365 * p.rateShock(line.currency))) }
                        ?? .failure(Missing("weightedAverageMaturityDays"))
                } else {
                    fraction = .success(1)
                }
            case .gold:
                // Gold backing a gold-pegged coin is the reference asset itself: no risk beyond the peg.
                fraction = .success(peg == "XAU" && line.currency == "XAU" ? 0 : Decimal(p.goldHaircutPercent) / 100)
            case .equity:
                if line.mainIndex == nil { assumptions.append("\(line.id): mainIndex not stated, other-equity haircut used") }
                fraction = .success(Decimal(line.mainIndex == true ? p.mainIndexEquityHaircutPercent : p.otherEquityHaircutPercent) / 100)
            case .cryptoasset, .securedLoan, .other:
                fraction = .success(1)
            }
            let share: Decimal
            switch fraction {
            case .success(let f): share = f
            case .failure(let m):
                missing.append("\(line.id): \(m.field)")
                continue
            }
            var loss = value * share
            if line.currency != peg { loss = min(value, loss + value * fx) }
            marketLoss[line.id] = loss
            totalMarketLoss += loss

            // Unsecured counterparty exposure (scenario 2).
            switch line.assetClass {
            case .bankDeposit:
                let c = line.counterparty
                let rating = c?.rating ?? .unrated
                if c?.rating == nil { assumptions.append("\(line.id): counterparty rating not stated, treated as unrated") }
                let key = c?.name ?? "(unnamed counterparty of \(line.id))"
                let prior = unsecured[key] ?? (rating, 0, 0)
                unsecured[key] = (max(prior.rating, rating), prior.plain + value, prior.afterMarket + (value - loss))
            case .reverseRepo:
                guard let collateral = line.collateral else {
                    missing.append("\(line.id): collateral")
                    continue
                }
                let collateralFraction: Decimal
                if collateral.assetClass == .centralBankReserve {
                    collateralFraction = 0
                } else {
                    switch debtLossFraction(collateral.assetClass, currency: collateral.currency, rating: collateral.rating, maturity: collateral.maturity) {
                    case .success(let f): collateralFraction = f
                    case .failure(let m):
                        missing.append("\(line.id): collateral.\(m.field)")
                        continue
                    }
                }
                var collateralLoss = collateral.value.value * collateralFraction
                if collateral.currency != peg { collateralLoss += collateral.value.value * fx }
                let stressedCollateral = max(0, collateral.value.value - collateralLoss)
                let exposure = max(0, value - stressedCollateral)
                let c = line.counterparty
                let rating = c?.rating ?? .unrated
                if c?.rating == nil { assumptions.append("\(line.id): counterparty rating not stated, treated as unrated") }
                let key = c?.name ?? "(unnamed counterparty of \(line.id))"
                let prior = unsecured[key] ?? (rating, 0, 0)
                unsecured[key] = (max(prior.rating, rating), prior.plain + exposure, prior.afterMarket + max(0, exposure - loss))
            default:
                break
            }
        }

        // Scenario 2: the largest unsecured exposure to one counterparty rated below the line.
        let weak = unsecured.filter { !$0.value.rating.isAtLeast(p.counterpartyDefaultBelow) }
        let biggest = weak.max { ($0.value.plain, $1.key) < ($1.value.plain, $0.key) }
        let biggestAfter = weak.max { ($0.value.afterMarket, $1.key) < ($1.value.afterMarket, $0.key) }

        func scenario(_ name: String, _ loss: Decimal, _ counterparty: String?) -> Scenario {
            let stressed = netReserves - loss
            return Scenario(name: name, loss: loss, stressedNetReserves: stressed,
                            coverage: pegValue > 0 ? stressed / pegValue : nil, defaultedCounterparty: counterparty)
        }
        scenarios = [
            scenario("market", totalMarketLoss, nil),
            scenario("counterparty-default", biggest?.value.plain ?? 0, biggest?.key),
            scenario("combined", totalMarketLoss + (biggestAfter?.value.afterMarket ?? 0), biggestAfter?.key),
        ]
        self.missing = missing
        self.marketLossByLine = marketLoss
        self.assumptions = assumptions
    }
}

/// The field a stress computation lacks.
struct Missing: Error, Hashable {
    var field: String
    init(_ field: String) { self.field = field }
}

extension Rating {
    static func max(_ a: Rating, _ b: Rating) -> Rating { a.rank >= b.rank ? a : b }
}

private func max(_ a: Rating, _ b: Rating) -> Rating { Rating.max(a, b) }
