import Foundation

/// A decimal figure of evidence, present or not: `Decimal`, `Money` or their optionals.
public protocol EvidenceDecimal: Sendable, Hashable {
    /// The figure as a `Decimal` (a ratio's six-decimal text is formatted from it), nil when absent.
    var decimalValue: Decimal? { get }
    /// The figure rounded half-even to six decimal places, canonical text; nil when absent.
    var stressedText: String? { get }
    /// The figure as a ratio is written: exactly six decimals, half-even (`Decimal.fixed(6)` of
    /// ``decimalValue``); nil when absent.
    var ratioText: String? { get }
}

extension Decimal: EvidenceDecimal {
    public var decimalValue: Decimal? { self }
    public var stressedText: String? { Amount.canonical(rounded(scale: 6, .bankers)) }
    public var ratioText: String? { fixed(6) }
}

extension Money: EvidenceDecimal {
    public var decimalValue: Decimal? { decimal }
    /// Rounded on the integers: the same digits as the `Decimal`'s half-even rounding.
    public var stressedText: String? { rounded(scale: 6).description }
    /// On the integers when ``decimal`` is this very number (`Decimal.fixed` reads the same
    /// integers back), else through the `Decimal`.
    public var ratioText: String? { hasExactDecimal ? fixed(6) : decimal.fixed(6) }
}

extension Optional: EvidenceDecimal where Wrapped: EvidenceDecimal {
    public var decimalValue: Decimal? { self?.decimalValue }
    public var stressedText: String? { self?.stressedText }
    public var ratioText: String? { self?.ratioText }
}

extension Money: Encodable {
    /// A money figure is written as its canonical amount text, as a `Decimal` is by
    /// ``JSONValueEncoder`` (`Amount.canonical`): no exponent, no trailing zeros.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
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
        guard figure.wrappedValue.stressedText != nil else { return }
        try encodePresent(figure, forKey: key)
    }
}
