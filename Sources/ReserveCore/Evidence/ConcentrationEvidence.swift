import Foundation

/// The figures a finding of ``ConcentrationRule`` rests on; a nil member is left out of the JSON.
public struct ConcentrationEvidence: RuleEvidence {
    @Ratio public internal(set) var lossGivenDefault: Decimal? = nil
    public internal(set) var aggregatePegValue: Decimal?
    public internal(set) var margin: Decimal?
    public internal(set) var largestCounterparty: String?
    public internal(set) var unsecuredExposure: Decimal?
    public internal(set) var loss: Decimal?
    public internal(set) var stressedNetReserves: Decimal?
    @Ratio public internal(set) var coverageIfLargestCounterpartyFails: Decimal? = nil
}
