import Foundation

/// An exact decimal number for amounts, quantities and factors: `±magnitude × 10^exponent`, with a
/// 128-bit unsigned magnitude (docs/RULES.md, "Exact arithmetic", has the design).
///
/// The representation is Foundation `Decimal`'s own (sign, a 128-bit mantissa, a power-of-ten
/// exponent in `Int8`'s range), held as plain integers, so every `Decimal` value is a `Money` and
/// back, and the rules' results are those of the `Decimal` code they replace, to the last digit.
/// Sums, differences, products and comparisons are integer operations: the common case never
/// allocates, never prints and never rounds. An operation whose exact result would not fit
/// (`Exact.multiply`: more than 38 significant digits; `Exact.add`: beyond the 128-bit mantissa)
/// reports ``Exact/Inexact`` through `Exact`; the rare products and quotients the integer path
/// cannot decide alone (an intermediate beyond 128 bits) are handed to the `Decimal`
/// implementation, which keeps its accept/refuse decisions bit for bit. Rounding happens only for display
/// (``rounded(scale:)``, half-even).
///
/// Two values are equal when they denote the same number (`1.50 == 1.5`), and hash alike.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    // Stored as two 64-bit words and a 16-bit exponent (24 bytes, 8-byte aligned; a `UInt128`
    // field would align to 16 and make every optional amount in a reserve line 48 bytes).
    private let low: UInt64
    private let high: UInt64
    private let storedExponent: Int16
    /// The sign; never set for zero.
    public let negative: Bool

    public var magnitude: UInt128 { UInt128(high) << 64 | UInt128(low) }
    /// The power of ten; 0 for zero.
    public var exponent: Int { Int(storedExponent) }

    /// `±magnitude × 10^exponent`, not normalised (trailing zeros are kept until something needs
    /// them gone). The exponent must be within ±32767 (every constructed value is far inside).
    public init(negative: Bool = false, magnitude: UInt128, exponent: Int) {
        self.negative = negative && magnitude != 0
        self.low = UInt64(truncatingIfNeeded: magnitude)
        self.high = UInt64(truncatingIfNeeded: magnitude >> 64)
        self.storedExponent = magnitude == 0 ? 0 : Int16(exponent)
    }

    public init(_ value: Int) {
        self.init(negative: value < 0, magnitude: UInt128(value.magnitude), exponent: 0)
    }

    /// `value × 10^exponent`, e.g. `Money(45, exponent: -2)` is 0.45.
    public init(_ value: Int, exponent: Int) {
        self.init(negative: value < 0, magnitude: UInt128(value.magnitude), exponent: exponent)
    }

    public init(integerLiteral value: Int) { self.init(value) }

    public static let zero = Money(0)

    /// The `Decimal` range of exponents: a result outside it is left to the `Decimal` code.
    static let exponentRange = -128...127
    /// 10^38: a normalised magnitude below it has at most 38 significant digits.
    static let digitLimit = power(38)!

    /// 10^k for 0 ≤ k ≤ 38; nil above (it does not fit 128 bits).
    @inline(__always) static func power(_ k: Int) -> UInt128? {
        guard k >= 0, k <= 38 else { return nil }
        var p: UInt128 = 1
        var base: UInt128 = 10
        var e = k
        while e > 0 {
            if e & 1 == 1 { p &*= base }
            e >>= 1
            if e > 0 { base &*= base }
        }
        return p
    }

    /// `m × 10^k`, nil when it does not fit 128 bits.
    @inline(__always) static func scaled(_ m: UInt128, by k: Int) -> UInt128? {
        if m == 0 || k == 0 { return m }
        guard let p = power(k) else { return nil }
        let (r, overflow) = m.multipliedReportingOverflow(by: p)
        return overflow ? nil : r
    }

    /// The number of decimal digits of `m` (1 for zero).
    static func digitCount(_ m: UInt128) -> Int {
        var n = 1
        var p: UInt128 = 10
        while m >= p {
            n += 1
            if n == 39 { break }
            p &*= 10
        }
        return n
    }

    public var isZero: Bool { magnitude == 0 }

    /// The same number without trailing zeros in the magnitude.
    public var normalized: Money {
        guard magnitude != 0, low & 1 == 0 else { return self }
        if high == 0 {
            // A 64-bit magnitude (most amounts): the same steps in 64-bit division.
            var m = low
            var e = exponent
            while m % 10 == 0 {
                m /= 10
                e += 1
            }
            return Money(negative: negative, magnitude: UInt128(m), exponent: e)
        }
        var m = magnitude
        var e = exponent
        while m & 1 == 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 10)
            guard r == 0 else { break }
            m = q
            e += 1
        }
        return Money(negative: negative, magnitude: m, exponent: e)
    }

    public static prefix func - (x: Money) -> Money {
        Money(negative: !x.negative, magnitude: x.magnitude, exponent: x.exponent)
    }

    /// -1, 0 or 1 as |a| is below, equal to or above |b|; exact (rescales without loss).
    static func compareMagnitudes(_ a: Money, _ b: Money) -> Int {
        if a.magnitude == 0 || b.magnitude == 0 {
            return a.magnitude == b.magnitude ? 0 : (a.magnitude == 0 ? -1 : 1)
        }
        var x = a.magnitude
        var y = b.magnitude
        if a.exponent > b.exponent {
            // Beyond 128 bits, a's magnitude exceeds any of b's.
            guard let s = scaled(x, by: a.exponent - b.exponent) else { return 1 }
            x = s
        } else if b.exponent > a.exponent {
            guard let s = scaled(y, by: b.exponent - a.exponent) else { return -1 }
            y = s
        }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    public static func == (a: Money, b: Money) -> Bool {
        a.negative == b.negative && compareMagnitudes(a, b) == 0
    }

    public static func < (a: Money, b: Money) -> Bool {
        if a.negative != b.negative { return a.negative }
        let c = compareMagnitudes(a, b)
        return a.negative ? c > 0 : c < 0
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.negative)
        hasher.combine(n.magnitude)
        hasher.combine(n.exponent)
    }

    // MARK: Exact arithmetic (nil: the integer path cannot decide; `Exact` then asks `Decimal`)

    /// The exact sum when it fits a 128-bit magnitude with the exponent in range, else nil.
    static func sumIfRepresentable(_ a: Money, _ b: Money) -> Money? {
        if a.magnitude == 0 { return b }
        if b.magnitude == 0 { return a }
        var x = a.magnitude
        var y = b.magnitude
        let e = min(a.exponent, b.exponent)
        if a.exponent > e {
            guard let s = scaled(x, by: a.exponent - e) else { return nil }
            x = s
        } else if b.exponent > e {
            guard let s = scaled(y, by: b.exponent - e) else { return nil }
            y = s
        }
        let result: Money
        if a.negative == b.negative {
            let (s, overflow) = x.addingReportingOverflow(y)
            if overflow { return nil }
            result = Money(negative: a.negative, magnitude: s, exponent: e)
        } else if x >= y {
            result = Money(negative: a.negative, magnitude: x - y, exponent: e)
        } else {
            result = Money(negative: b.negative, magnitude: y - x, exponent: e)
        }
        return exponentRange.contains(result.exponent) ? result : nil
    }

    /// The product's outcome when the integer path decides it: `.some(.some(p))` exact within 38
    /// significant digits, `.some(nil)` more than 38 digits, nil when the `Decimal` code must decide
    /// (an intermediate beyond 128 bits or an exponent outside `Decimal`'s range).
    static func productIfDecidable(_ a: Money, _ b: Money) -> Money?? {
        if a.magnitude == 0 || b.magnitude == 0 { return .some(.zero) }
        var (p, overflow) = a.magnitude.multipliedReportingOverflow(by: b.magnitude)
        var exponent = a.exponent + b.exponent
        if overflow {
            let x = a.normalized
            let y = b.normalized
            (p, overflow) = x.magnitude.multipliedReportingOverflow(by: y.magnitude)
            if overflow { return nil }
            exponent = x.exponent + y.exponent
        }
        let n = Money(negative: a.negative != b.negative, magnitude: p, exponent: exponent).normalized
        if n.magnitude >= digitLimit { return .some(nil) }
        return exponentRange.contains(n.exponent) ? .some(n) : nil
    }

    // MARK: Display

    /// Rounded half-even (banker's) to `scale` decimal places, for display only.
    public func rounded(scale: Int) -> Money {
        guard magnitude != 0, exponent < -scale else { return self }
        let drop = -scale - exponent
        guard let divisor = Money.power(drop) else {
            // Ten to the drop exceeds any magnitude: the value is below half a unit.
            return .zero
        }
        var (q, r) = magnitude.quotientAndRemainder(dividingBy: divisor)
        let half = divisor / 2
        if r > half || (r == half && q & 1 == 1) { q += 1 }
        return Money(negative: negative, magnitude: q, exponent: -scale)
    }

    /// Canonical plain text: no exponent, no trailing zeros after the point (`"1.5"`, `"1200"`,
    /// `"0.000001"`, `"-3"`), the text `Amount.canonical` gives for the same `Decimal`.
    public var description: String {
        let n = normalized
        if n.magnitude == 0 { return "0" }
        // Most magnitudes fit 64 bits, whose text is far cheaper than a 128-bit integer's.
        let text =
            n.magnitude <= UInt128(UInt64.max) ? String(UInt64(truncatingIfNeeded: n.magnitude)) : String(n.magnitude)
        if n.exponent == 0 { return n.negative ? "-" + text : text }
        let digits = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + max(0, n.exponent) + 3)
        if n.negative { out.append(UInt8(ascii: "-")) }
        if n.exponent >= 0 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: n.exponent)
        } else {
            let fraction = -n.exponent
            if fraction >= digits.count {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += repeatElement(UInt8(ascii: "0"), count: fraction - digits.count)
                out += digits
            } else {
                let split = digits.count - fraction
                out += digits[..<split]
                out.append(UInt8(ascii: "."))
                out += digits[split...]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Decimal bridge (ratios and reports; not the hot path)

    /// The same number as a Foundation `Decimal` (exact: the representations coincide).
    public var decimal: Decimal {
        let n = normalized
        if n.magnitude == 0 { return 0 }
        if n.magnitude <= UInt128(UInt64.max) {
            return Decimal(
                sign: n.negative ? .minus : .plus, exponent: n.exponent,
                significand: Decimal(UInt64(n.magnitude)))
        }
        if n.exponent <= 0, Decimal.decimalLayoutIsKnown, let d = Decimal.fromParts(n) { return d }
        return Decimal(string: n.description, locale: nil) ?? .nan
    }

    /// The same number as a `Decimal`'s (every finite `Decimal` is one), read from its plain
    /// text; NaN reads as zero. Used where the `Decimal` code decides an edge case, never per line.
    public init(_ value: Decimal) {
        var negative = false
        var magnitude: UInt128 = 0
        var exponent = 0
        var afterDot = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): afterDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (n, o2) = m.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
                if o1 || o2 {
                    // Only zeros can follow a mantissa of 128 bits.
                    if !afterDot { exponent += 1 }
                } else {
                    magnitude = n
                    if afterDot { exponent -= 1 }
                }
            default: break
            }
        }
        self.init(negative: negative, magnitude: magnitude, exponent: exponent)
    }
}

extension Money {
    /// A ratio for display and history, `Decimal`'s quotient (38 significant digits, as stored in
    /// the ledger today), computed on integers (``decimalQuotient(_:_:)``); decisions compare
    /// amounts instead.
    public static func / (a: Money, b: Money) -> Decimal { decimalRatio(a, b) }

    /// An unchecked sum for display: exact when it fits, else `Decimal`'s (possibly rounded) sum, as
    /// before. Decisions use `Exact.add`.
    public static func + (a: Money, b: Money) -> Money {
        sumIfRepresentable(a, b) ?? Money(a.decimal + b.decimal)
    }

    /// An unchecked difference for display (see `+`). Decisions use `Exact.subtract`.
    public static func - (a: Money, b: Money) -> Money { a + (-b) }

    public static func += (a: inout Money, b: Money) { a = a + b }
}
