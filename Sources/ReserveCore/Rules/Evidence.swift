import Foundation

extension JSONValue {
    /// An exact amount as canonical decimal text.
    public static func amount(_ value: Money) -> JSONValue { .string(value.description) }
    /// A `Decimal` amount (comparison reports; not the rules).
    public static func amount(_ value: Decimal) -> JSONValue { .string(Amount.canonical(value)) }
    /// A stressed amount (a product with a day-count fraction, so possibly a repeating decimal),
    /// rounded half-even to six decimal places for display. Comparisons use the exact value.
    public static func stressed(_ value: Money) -> JSONValue { .string(value.rounded(scale: 6).description) }
    /// A ratio with six decimal places (rounded half-even; comparisons never use it).
    public static func ratio(_ value: Decimal) -> JSONValue { .string(value.fixed(6)) }
    /// A factor (a profile's share or haircut) shown as a ratio with six decimal places.
    public static func ratio(_ value: Money) -> JSONValue {
        .string(value.hasExactDecimal ? value.fixed(6) : value.decimal.fixed(6))
    }
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
}

/// `12.3456%` style text for messages: a ratio shown as a percentage with two decimals.
///
/// `Decimal(100)` is stored as 1 × 10^2, so `ratio * 100` is the ratio's own mantissa with the
/// exponent raised by two (exact, never fitted): the percentage is written from those integers.
func percent(_ ratio: Decimal) -> String {
    if Decimal.decimalLayoutIsKnown, let parts = Decimal.exactParts(ratio), parts.exponent + 2 <= 127 {
        return Money(negative: parts.negative, magnitude: parts.magnitude, exponent: parts.exponent + 2).fixed(2) + "%"
    }
    return (ratio * 100).fixed(2) + "%"
}

func percent(_ ratio: Money) -> String {
    if ratio.hasExactDecimal {
        let n = ratio.normalized
        if n.exponent + 2 <= 127 {
            return Money(negative: n.negative, magnitude: n.magnitude, exponent: n.exponent + 2).fixed(2) + "%"
        }
    }
    return percent(ratio.decimal)
}

/// Thousands-grouped amount for messages: `12,000,000,000` (exact; two decimals when fractional).
func money(_ value: Money) -> String { Amount.grouped(value) }
func money(_ value: Decimal) -> String { Amount.grouped(value) }

extension Amount {
    /// Thousands-grouped text for people: `12,000,000,000`, `-8,895,000.50` (two decimals when
    /// fractional, bankers' rounding to the cent); the one grouping every report uses.
    public static func grouped(_ value: Decimal) -> String {
        grouping(Amount.canonical(value.rounded(scale: 2, .bankers)))
    }

    /// ``grouped(_:)-(Decimal)`` for an exact amount, on integers.
    public static func grouped(_ value: Money) -> String { grouping(value.rounded(scale: 2).description) }

    /// Groups canonical text (already rounded to the cent) in thousands.
    static func grouping(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        if parts.count > 1 { grouped += "." + (parts[1].count == 1 ? parts[1] + "0" : String(parts[1])) }
        return (negative ? "-" : "") + grouped
    }
}
