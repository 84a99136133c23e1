import Foundation

/// The figures a finding of ``HedgingRule`` rests on; a nil member is left out of the JSON.
public struct HedgingEvidence: RuleEvidence {
    public internal(set) var minMarketCapitalisationUSD: Decimal?
    public internal(set) var minDailyVolumeUSD: Decimal?
    public internal(set) var minPriceObservations: Int?
    public internal(set) var referencedByRegulatedProduct: Bool?
    public internal(set) var averageMarketCapitalisationUSD: Decimal?
    public internal(set) var trimmedMeanDailyVolumeUSD: Decimal?
    public internal(set) var priceObservations: Int?
}
