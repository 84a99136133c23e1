import Foundation

/// The figures a finding of ``RedemptionRule`` rests on; a nil member is left out of the JSON.
public struct RedemptionEvidence: RuleEvidence {
    public internal(set) var maxSettlementDays: Int?
    public internal(set) var holders: String?
    public internal(set) var settlementDays: Int?
    public internal(set) var feePercent: Money?
    public internal(set) var nonRedeemableUnits: Money?
    public internal(set) var bankRoute: String?
    public internal(set) var marginDays: Int?
}

extension RedemptionEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("bankRoute", bankRoute)
        writer.member("feePercent", feePercent)
        writer.member("holders", holders)
        writer.member("marginDays", marginDays)
        writer.member("maxSettlementDays", maxSettlementDays)
        writer.member("nonRedeemableUnits", nonRedeemableUnits)
        writer.member("settlementDays", settlementDays)
        writer.endObject()
    }
}
