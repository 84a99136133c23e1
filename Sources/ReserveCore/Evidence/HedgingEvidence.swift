import Foundation

/// The figures a finding of ``HedgingRule`` rests on; a nil member is left out of the JSON.
public struct HedgingEvidence: RuleEvidence {
    public internal(set) var minMarketCapitalisationUSD: Money?
    public internal(set) var minDailyVolumeUSD: Money?
    public internal(set) var minPriceObservations: Int?
    public internal(set) var referencedByRegulatedProduct: Bool?
    public internal(set) var averageMarketCapitalisationUSD: Money?
    public internal(set) var trimmedMeanDailyVolumeUSD: Money?
    public internal(set) var priceObservations: Int?
}
