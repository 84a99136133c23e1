import Foundation

/// The bank's own figures, for the capital findings that follow the verdict.
public struct BankPosition: Sendable, Hashable {
    /// The bank's exposure to this coin: the larger of its absolute long and short positions
    /// (nil: not given; the capital findings then say what they need).
    public var exposure: Amount?
    /// The bank's other Group 2 cryptoasset exposures.
    public var otherGroup2Exposure: Amount
    public var tier1Capital: Amount?
    /// How the bank itself can redeem the coin at par (CC2-REDEEM), when known.
    public var redemptionRoute: RedemptionRoute?

    public init(
        exposure: Amount?, otherGroup2Exposure: Amount = .zero, tier1Capital: Amount? = nil,
        redemptionRoute: RedemptionRoute? = nil
    ) {
        self.exposure = exposure
        self.otherGroup2Exposure = otherGroup2Exposure
        self.tier1Capital = tier1Capital
        self.redemptionRoute = redemptionRoute
    }

    /// Total Group 2 exposure above 2% of Tier 1 (compared exactly: 100 × total > 2 × Tier 1).
    var group2AboveTwoPercent: Bool {
        guard let tier1 = tier1Capital?.value, tier1 > 0, let exposure,
            let total = try? Exact.add(exposure.value, otherGroup2Exposure.value),
            let lhs = try? Exact.multiply(total, 100), let rhs = try? Exact.multiply(tier1, 2)
        else { return false }
        return lhs > rhs
    }
}
