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

extension OvercollateralisationEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("aggregatePegValue", aggregatePegValue)
        writer.member("assumptions", assumptions)
        writer.member("margin", _margin)
        writer.member("marketLossByLine", marketLossByLine)
        writer.member("missingData", missingData)
        writer.member("netReserves", netReserves)
        writer.member("overcollateralisationHeld", _overcollateralisationHeld)
        writer.member("overcollateralisationNeeded", _overcollateralisationNeeded)
        writer.member("scenarios", scenarios)
        writer.member("stressTable", stressTable)
        writer.member("worstScenario", worstScenario)
        writer.member("worstStressedNetReserves", _worstStressedNetReserves)
        writer.endObject()
    }
}

extension OvercollateralisationEvidence.Scenario: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("coverage", _coverage)
        writer.member("defaultedCounterparty", defaultedCounterparty)
        writer.member("loss", _loss)
        writer.member("name", name)
        writer.member("stressedNetReserves", _stressedNetReserves)
        writer.endObject()
    }
}
