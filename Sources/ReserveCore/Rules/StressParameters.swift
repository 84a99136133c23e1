import Foundation

/// The stress scenarios' numbers for RRT-OC, versioned. Sources: SRP31 (interest rate shocks),
/// CRE22.49 (supervisory haircuts, 10-business-day holding period, "other issuers" column).
public struct StressParameters: Sendable, Hashable {
    public var version: String
    /// Parallel rate shock by currency, in basis points.
    public var rateShockBasisPoints: [String: Int]
    public var defaultRateShockBasisPoints: Int
    /// Haircut percent for other debt: rows by rating group, columns by residual maturity band.
    public var highGradeHaircuts: [Int]  // AAA to AA-
    public var investmentGradeHaircuts: [Int]  // A+ to BBB-
    public var goldHaircutPercent: Int
    public var mainIndexEquityHaircutPercent: Int
    public var otherEquityHaircutPercent: Int
    /// Add-on for an asset not in the peg currency, percent.
    public var currencyMismatchPercent: Int
    /// Counterparties rated below this (or unrated) default in scenario 2.
    public var counterpartyDefaultBelow: Rating

    /// Upper bounds of the residual-maturity bands, in years: <=1, 1-3, 3-5, 5-10, >10.
    public static let bandYears = [1, 3, 5, 10]

    public static let sco60v1 = StressParameters(
        version: "sco60-stress@1",
        rateShockBasisPoints: [
            "USD": 200, "EUR": 200, "JPY": 100, "GBP": 250, "CHF": 100, "HKD": 200, "SGD": 150, "CNY": 250,
        ],
        defaultRateShockBasisPoints: 400,
        highGradeHaircuts: [1, 3, 4, 6, 12],
        investmentGradeHaircuts: [2, 4, 6, 12, 20],
        goldHaircutPercent: 20, mainIndexEquityHaircutPercent: 20, otherEquityHaircutPercent: 30,
        currencyMismatchPercent: 8, counterpartyDefaultBelow: .aMinus)

    public func rateShock(_ currency: String) -> Money {
        Money(rateShockBasisPoints[currency] ?? defaultRateShockBasisPoints, exponent: -4)
    }

    /// Haircut fraction for non-sovereign debt, or 1 (100%) below BBB- or unrated.
    public func debtHaircut(rating: Rating, band: Int) -> Money {
        if rating.isAtLeast(.aaMinus) { return Money(highGradeHaircuts[band], exponent: -2) }
        if rating.isAtLeast(.bbbMinus) { return Money(investmentGradeHaircuts[band], exponent: -2) }
        return 1
    }
}
