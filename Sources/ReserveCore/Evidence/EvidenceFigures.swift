import Foundation

/// A decimal figure of evidence, present or not: `Decimal` or `Decimal?`.
public protocol EvidenceDecimal: Sendable, Hashable {
    var decimalValue: Decimal? { get }
}

extension Decimal: EvidenceDecimal {
    public var decimalValue: Decimal? { self }
}

extension Optional: EvidenceDecimal where Wrapped == Decimal {
    public var decimalValue: Decimal? { self }
}

/// A ratio in evidence, written with six decimal places (rounded half-even; comparisons never
/// use the text). Code reads the exact `Decimal`. An absent (nil) ratio leaves its key out.
@propertyWrapper
public struct Ratio<Value: EvidenceDecimal>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    /// The ratio as written (`$coverage`): six decimals, nil when absent.
    public var projectedValue: String? { wrappedValue.decimalValue.map { $0.fixed(6) } }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let text = projectedValue { try container.encode(text) } else { try container.encodeNil() }
    }
}

/// A stressed amount in evidence (a product with a day-count fraction, so possibly a repeating
/// decimal), written rounded half-even to six decimal places. Code reads the exact `Decimal`.
/// An absent (nil) figure leaves its key out.
@propertyWrapper
public struct Stressed<Value: EvidenceDecimal>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    /// The figure as written (`$margin`): rounded to six decimals, nil when absent.
    public var projectedValue: String? {
        wrappedValue.decimalValue.map { Amount.canonical($0.rounded(scale: 6, .bankers)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let text = projectedValue { try container.encode(text) } else { try container.encodeNil() }
    }
}

extension KeyedEncodingContainer {
    /// An absent ratio leaves its key out (the synthesized encoders call `encode`, not `encodeIfPresent`, for a wrapper).
    public mutating func encode<Value>(_ figure: Ratio<Value>, forKey key: Key) throws {
        guard figure.wrappedValue.decimalValue != nil else { return }
        try encode(figure, forKeyAlways: key)
    }

    /// An absent stressed figure leaves its key out.
    public mutating func encode<Value>(_ figure: Stressed<Value>, forKey key: Key) throws {
        guard figure.wrappedValue.decimalValue != nil else { return }
        try encode(figure, forKeyAlways: key)
    }

    private mutating func encode<T: Encodable>(_ value: T, forKeyAlways key: Key) throws {
        try encode(value, forKey: key)
    }
}
