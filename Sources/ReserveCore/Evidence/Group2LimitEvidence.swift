import Foundation

/// The figures a finding of ``Group2LimitRule`` rests on; a nil member is left out of the JSON.
public struct Group2LimitEvidence: RuleEvidence {
    public internal(set) var exposure: Money
    public internal(set) var otherGroup2Exposure: Money
    public internal(set) var totalGroup2Exposure: Money
    public internal(set) var tier1Capital: Money
    @Ratio public internal(set) var share: Decimal
}
