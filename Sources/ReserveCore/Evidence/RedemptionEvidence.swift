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
