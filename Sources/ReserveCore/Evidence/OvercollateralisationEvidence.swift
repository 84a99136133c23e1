import Foundation

/// The figures a finding of ``OvercollateralisationRule`` rests on; a nil member is left out of the JSON.
public struct OvercollateralisationEvidence: RuleEvidence {
    public internal(set) var scenarios: [Scenario]?
    public internal(set) var marketLossByLine: LineLosses?
    public internal(set) var stressTable: String?
    public internal(set) var aggregatePegValue: Money?
    public internal(set) var netReserves: Money?
    public internal(set) var assumptions: [String]?
    public internal(set) var missingData: [String]?
    public internal(set) var worstScenario: String?
    @Stressed public internal(set) var worstStressedNetReserves: Money? = nil
    @Stressed public internal(set) var margin: Money? = nil
    @Ratio public internal(set) var overcollateralisationHeld: Decimal? = nil
    @Ratio public internal(set) var overcollateralisationNeeded: Decimal? = nil

    /// One stress scenario's outcome.
    public struct Scenario: Encodable, Sendable, Hashable {
        public internal(set) var name: String
        @Stressed public internal(set) var loss: Money
        @Stressed public internal(set) var stressedNetReserves: Money
        @Ratio public internal(set) var coverage: Decimal? = nil
        public internal(set) var defaultedCounterparty: String?
    }
}
