import Foundation

/// Stressed market losses keyed by reserve line id, in line-id order; each loss is written as a
/// stressed amount (six decimals), the key being the line's id.
public struct LineLosses: Encodable, Sendable, Hashable, WritableEvidence {
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

    /// The losses keyed by line id in UTF-8 byte order (the entries' order unless an id is not
    /// ASCII), each as a stressed amount.
    public func write<W: EvidenceWriter>(to writer: inout W) {
        writer.beginObject()
        if zip(entries, entries.dropFirst()).allSatisfy({ EvidenceShape.precedes($0.line, $1.line) }) {
            for i in entries.indices { Self.write(entries[i], to: &writer) }
        } else {
            let ordered = entries.sorted { EvidenceShape.precedes($0.line, $1.line) }
            for i in ordered.indices { Self.write(ordered[i], to: &writer) }
        }
        writer.endObject()
    }

    /// One member, as `member(_:_:)` writes `Stressed(wrappedValue: entry.loss)` (its text is
    /// `stressedText`; a nil one leaves the key out), with no generic `Stressed` made per line.
    private static func write<W: EvidenceWriter>(_ entry: Entry, to writer: inout W) {
        guard let text = entry.loss.stressedText else { return }
        writer.key(entry.line)
        writer.string(text)
    }
}
