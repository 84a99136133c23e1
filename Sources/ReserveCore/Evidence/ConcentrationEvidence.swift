import Foundation

/// The figures a finding of ``ConcentrationRule`` rests on; a nil member is left out of the JSON.
public struct ConcentrationEvidence: RuleEvidence {
    @Ratio public internal(set) var lossGivenDefault: Money? = nil
    public internal(set) var aggregatePegValue: Money?
    public internal(set) var margin: Money?
    public internal(set) var largestCounterparty: String?
    public internal(set) var unsecuredExposure: Money?
    public internal(set) var loss: Money?
    public internal(set) var stressedNetReserves: Money?
    @Ratio public internal(set) var coverageIfLargestCounterpartyFails: Decimal? = nil
}

extension ConcentrationEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("aggregatePegValue", aggregatePegValue)
        writer.member("coverageIfLargestCounterpartyFails", _coverageIfLargestCounterpartyFails)
        writer.member("largestCounterparty", largestCounterparty)
        writer.member("loss", loss)
        writer.member("lossGivenDefault", _lossGivenDefault)
        writer.member("margin", margin)
        writer.member("stressedNetReserves", stressedNetReserves)
        writer.member("unsecuredExposure", unsecuredExposure)
        writer.endObject()
    }
}
