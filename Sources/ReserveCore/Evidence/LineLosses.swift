import Foundation

/// Stressed market losses keyed by reserve line id, in line-id order; each loss is written as a
/// stressed amount (six decimals), the key being the line's id.
public struct LineLosses: Encodable, Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let line: String
        public let loss: Money
    }

    /// The losses by line, sorted by line id.
    public let entries: [Entry]

    init(_ losses: [String: Money]) {
        entries = losses.sorted { $0.key < $1.key }.map { Entry(line: $0.key, loss: $0.value) }
    }

    /// The loss of one line, if it has one.
    public subscript(line: String) -> Money? { entries.first { $0.line == line }?.loss }

    private struct LineKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LineKey.self)
        for entry in entries {
            try container.encode(Stressed(wrappedValue: entry.loss), forKey: LineKey(stringValue: entry.line))
        }
    }
}
