import Foundation

/// A stressed amount in evidence (a product with a day-count fraction, so possibly a repeating
/// decimal), written rounded half-even to six decimal places. Code reads the exact figure (`Money`, or `Decimal`).
/// An absent (nil) figure leaves its key out.
@propertyWrapper
public struct Stressed<Value: EvidenceDecimal>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    /// The figure as written (`$margin`): rounded to six decimals, nil when absent.
    public var projectedValue: String? { wrappedValue.stressedText }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let text = projectedValue { try container.encode(text) } else { try container.encodeNil() }
    }
}
