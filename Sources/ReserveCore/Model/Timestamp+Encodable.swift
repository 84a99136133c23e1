import Foundation

/// A timestamp in evidence is written as its RFC 3339 text (``Timestamp/description``).
extension Timestamp: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
