import Foundation

/// The figures a finding of ``DisclosureRule`` rests on; a nil member is left out of the JSON.
public struct DisclosureEvidence: RuleEvidence {
    public internal(set) var maxValueDays: Int?
    public internal(set) var maxCompositionDays: Int?
    public internal(set) var valueFrequencyDays: Int?
    public internal(set) var compositionFrequencyDays: Int?
    public internal(set) var url: String?
    public internal(set) var lastPublished: String?
    public internal(set) var lastPublishedDaysBeforeAsOf: Int?
    public internal(set) var maxDaysSinceLastPublished: Int?
    public internal(set) var marginDays: Int?
}
