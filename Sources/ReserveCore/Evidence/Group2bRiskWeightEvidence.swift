import Foundation

/// The figures a finding of ``Group2bRiskWeightRule`` rests on; a nil member is left out of the JSON.
public struct Group2bRiskWeightEvidence: RuleEvidence {
    public internal(set) var exposure: Money
    public internal(set) var riskWeight: String
    public internal(set) var riskWeightedAssets: Money
    public internal(set) var capitalAt8Percent: Money
    public internal(set) var group2AboveTwoPercentOfTier1: Bool?
}
