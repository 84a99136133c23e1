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

extension DisclosureEvidence {
    /// The members in key order (UTF-8 bytes), as ``JSONValueEncoder`` writes the `Encodable` form.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        writer.member("compositionFrequencyDays", compositionFrequencyDays)
        writer.member("lastPublished", lastPublished)
        writer.member("lastPublishedDaysBeforeAsOf", lastPublishedDaysBeforeAsOf)
        writer.member("marginDays", marginDays)
        writer.member("maxCompositionDays", maxCompositionDays)
        writer.member("maxDaysSinceLastPublished", maxDaysSinceLastPublished)
        writer.member("maxValueDays", maxValueDays)
        writer.member("url", url)
        writer.member("valueFrequencyDays", valueFrequencyDays)
        writer.endObject()
    }
}
