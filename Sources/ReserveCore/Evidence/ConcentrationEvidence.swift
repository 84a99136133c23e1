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
