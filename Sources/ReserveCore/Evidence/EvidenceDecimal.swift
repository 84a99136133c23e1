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

extension KeyedEncodingContainer {
    /// Encodes a present figure under its key (past the overloads that leave absent ones out).
    fileprivate mutating func encodePresent<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encode(value, forKey: key)
    }

    /// An absent ratio leaves its key out (the synthesized encoders call `encode`, not
    /// `encodeIfPresent`, for a property wrapper).
    public mutating func encode<Value>(_ figure: Ratio<Value>, forKey key: Key) throws {
        guard figure.wrappedValue.decimalValue != nil else { return }
        try encodePresent(figure, forKey: key)
    }

    /// An absent stressed figure leaves its key out.
    public mutating func encode<Value>(_ figure: Stressed<Value>, forKey key: Key) throws {
        guard figure.wrappedValue.decimalValue != nil else { return }
        try encodePresent(figure, forKey: key)
    }
}
