import Foundation

/// A ratio in evidence, written with six decimal places (rounded half-even; comparisons never
/// use the text). Code reads the exact `Decimal`. An absent (nil) ratio leaves its key out.
@propertyWrapper
public struct Ratio<Value: EvidenceDecimal>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    /// The ratio as written (`$coverage`): six decimals, nil when absent.
    public var projectedValue: String? { wrappedValue.ratioText }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let text = projectedValue { try container.encode(text) } else { try container.encodeNil() }
    }
}
