import Foundation

/// The figures a finding of ``Group2LimitRule`` rests on; a nil member is left out of the JSON.
public struct Group2LimitEvidence: RuleEvidence {
    public internal(set) var exposure: Decimal
    public internal(set) var otherGroup2Exposure: Decimal
    public internal(set) var totalGroup2Exposure: Decimal
    public internal(set) var tier1Capital: Decimal
    @Ratio public internal(set) var share: Decimal
}
