import Foundation

/// The figures a finding of ``MaturityRule`` rests on; a nil member is left out of the JSON.
public struct MaturityEvidence: RuleEvidence {
    public internal(set) var limitDays: Int?
    public internal(set) var missingData: [String]?
    public internal(set) var excludedWithoutMaturity: [String]?
    public internal(set) var weightedAverageMaturityDays: String?
}
