import Foundation

/// The figures a finding of ``ReserveQualityRule`` rests on; a nil member is left out of the JSON.
public struct ReserveQualityEvidence: RuleEvidence {
    public internal(set) var ineligibleLines: [IneligibleLine]?
    public internal(set) var missingData: [UndecidedLine]?
    public internal(set) var countedReserves: Money?
    public internal(set) var eligibleValue: Money?
    public internal(set) var ineligibleValue: Money?
    public internal(set) var unknownValue: Money?
    public internal(set) var fundsLookedThrough: [String]?
    public internal(set) var excludedLines: [String]?
    public internal(set) var sovereignMinimumRating: String?
    public internal(set) var ownCurrencySovereignMinimumRating: String?
    public internal(set) var bankMinimumRating: String?
    @Ratio public internal(set) var ineligibleShare: Decimal? = nil

    /// A reserve line that is not an eligible reserve asset, and why.
    public struct IneligibleLine: Encodable, Sendable, Hashable {
        public internal(set) var id: String
        public internal(set) var value: Money
        public internal(set) var reason: String
    }

    /// A reserve line whose eligibility cannot be decided, and what is missing.
    public struct UndecidedLine: Encodable, Sendable, Hashable {
        public internal(set) var id: String
        public internal(set) var missing: String
    }
}

extension ReserveQualityEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("bankMinimumRating", bankMinimumRating)
        writer.member("countedReserves", countedReserves)
        writer.member("eligibleValue", eligibleValue)
        writer.member("excludedLines", excludedLines)
        writer.member("fundsLookedThrough", fundsLookedThrough)
        writer.member("ineligibleLines", ineligibleLines)
        writer.member("ineligibleShare", _ineligibleShare)
        writer.member("ineligibleValue", ineligibleValue)
        writer.member("missingData", missingData)
        writer.member("ownCurrencySovereignMinimumRating", ownCurrencySovereignMinimumRating)
        writer.member("sovereignMinimumRating", sovereignMinimumRating)
        writer.member("unknownValue", unknownValue)
        writer.endObject()
    }
}

extension ReserveQualityEvidence.IneligibleLine: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("reason", reason)
        writer.member("value", value)
        writer.endObject()
    }
}

extension ReserveQualityEvidence.UndecidedLine: WritableEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("missing", missing)
        writer.endObject()
    }
}
