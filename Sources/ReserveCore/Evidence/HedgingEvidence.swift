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

extension HedgingEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("averageMarketCapitalisationUSD", averageMarketCapitalisationUSD)
        writer.member("minDailyVolumeUSD", minDailyVolumeUSD)
        writer.member("minMarketCapitalisationUSD", minMarketCapitalisationUSD)
        writer.member("minPriceObservations", minPriceObservations)
        writer.member("priceObservations", priceObservations)
        writer.member("referencedByRegulatedProduct", referencedByRegulatedProduct)
        writer.member("trimmedMeanDailyVolumeUSD", trimmedMeanDailyVolumeUSD)
        writer.endObject()
    }
}
