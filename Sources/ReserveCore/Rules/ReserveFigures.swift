import Foundation

/// Figures computed once per attestation and shared by the rules: outstanding units, the
/// aggregate peg value, net reserves, and the RRT-OC stress scenarios. Exact decimal arithmetic.
///
/// Reserve line `value`s are market values in the peg currency (the attestation's reporting
/// currency); a line's `currency` is the currency the asset is denominated in.
public struct ReserveFigures: Sendable, Hashable {
    /// Σ issued over networks: every issued unit is a claim, frozen, blacklisted and otherwise
    /// non-redeemable units included (HKMA requires them backed: docs/READINGS.md, RRT-NET).
    public let outstandingUnits: Money
    /// Σ nonRedeemable over networks: reported as evidence, never subtracted.
    public let nonRedeemableUnits: Money
    /// outstandingUnits × peg value per unit.
    public let aggregatePegValue: Money
    /// Σ value of lines that count as reserves (not cash received under repo, not collateral-swap securities).
    public let countedReserves: Money
    /// Lines excluded from reserves, by id.
    public let excludedLines: [String]
    public let excludedValue: Money
    /// Σ otherClaims, nil when the attestation does not list them.
    public let otherClaims: Money?
    /// countedReserves − otherClaims, nil when otherClaims is absent.
    public let netReserves: Money?
    /// netReserves / aggregatePegValue (display and history only; decisions compare the amounts).
    public let coverage: Decimal?
    /// The RRT-OC scenarios, nil when other claims are absent.
    public let stress: StressResult?
    /// Residual maturity in days of each line, by line index: nil when the line has no maturity date.
    public let residualDays: [Int?]
    /// Set when a figure cannot be computed exactly (more than 38 significant digits): the rules
    /// that need the figures fail closed with this message (issue 10, class 8).
    public let inexact: String?

    public init(_ a: Attestation, profile: Profile) {
        // One pass over the lines, reading only the fields each figure needs (no copy of a line,
        // no filtered list of lines: 50,000 lines would be held twice).
        let reserves = a.reserves
        var residual: [Int?] = []
        residual.reserveCapacity(reserves.count)
        var excludedIDs: [String] = []
        var countedTotal = ExactTotal()
        var excludedTotal = ExactTotal()
        let asOfDay = a.asOf.date.daysSinceEpoch
        for i in reserves.indices {
            residual.append(reserves[i].maturity.map { max(0, $0.daysSinceEpoch - asOfDay) })
            if reserves[i].acquiredVia == .outright {
                countedTotal.add(reserves[i].value.value, "the sum of reserves[].value")
            } else {
                excludedIDs.append(reserves[i].id)
                excludedTotal.add(reserves[i].value.value, "the sum of excluded reserves[].value")
            }
        }
        residualDays = residual
        excludedLines = excludedIDs
        typealias Computed = (
            units: Money, nonRedeemable: Money, pegValue: Money, counted: Money,
            excluded: Money,
            claims: Money?, net: Money?, stress: StressResult?
        )
        let computed = Result { () throws(Exact.Inexact) -> Computed in
            let units = try Exact.sum(a.token.outstanding.map(\.issued.value), "the sum of token.outstanding[].issued")
            let nonRedeemable = try Exact.sum(
                a.token.outstanding.map(\.nonRedeemable.value),
                "the sum of token.outstanding[].nonRedeemable")
            let pegValue = try Exact.multiply(
                units, a.token.peg.valuePerUnit.value,
                "the aggregate peg value (issued units × token.peg.valuePerUnit)")
            // The totals of the pass above, their failures in the order they were summed before.
            if let failure = countedTotal.failure { throw failure }
            let counted = countedTotal.value
            if let failure = excludedTotal.failure { throw failure }
            let excluded = excludedTotal.value
            var claims: Money?
            var net: Money?
            var stress: StressResult?
            if let listed = a.otherClaims {
                let total = try Exact.sum(listed.map(\.amount.value), "the sum of otherClaims[].amount")
                claims = total
                let n = try Exact.subtract(counted, total, "net reserves (reserves − otherClaims)")
                net = n
                stress = try StressResult(a, parameters: profile.stress, netReserves: n, pegValue: pegValue)
            }
            return (units, nonRedeemable, pegValue, counted, excluded, claims, net, stress)
        }
        switch computed {
        case .success(let v):
            outstandingUnits = v.units
            nonRedeemableUnits = v.nonRedeemable
            aggregatePegValue = v.pegValue
            countedReserves = v.counted
            excludedValue = v.excluded
            otherClaims = v.claims
            netReserves = v.net
            coverage = v.net.flatMap { v.pegValue > 0 ? $0 / v.pegValue : nil }
            stress = v.stress
            inexact = nil
        case .failure(let error):
            // Fail closed: no figure is reported that could be a rounded one.
            outstandingUnits = 0
            nonRedeemableUnits = 0
            aggregatePegValue = 0
            countedReserves = 0
            excludedValue = 0
            otherClaims = nil
            netReserves = nil
            coverage = nil
            stress = nil
            inexact = error.message
        }
    }
}
