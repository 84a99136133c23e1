import Foundation

/// The figures a finding of ``Group2bRiskWeightRule`` rests on; a nil member is left out of the JSON.
public struct Group2bRiskWeightEvidence: RuleEvidence {
    public internal(set) var exposure: Decimal
    public internal(set) var riskWeight: String
    public internal(set) var riskWeightedAssets: Decimal
    public internal(set) var capitalAt8Percent: Decimal
    public internal(set) var group2AboveTwoPercentOfTier1: Bool?
}
