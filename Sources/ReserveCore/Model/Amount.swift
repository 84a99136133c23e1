import Foundation

/// A non-negative money amount or quantity, exact, from a plain decimal string.
///
/// Amounts travel as JSON strings (`"12000000000.00"`) and are parsed here by a strict scanner:
/// digits, at most one `.` followed by digits, no sign, no exponent, no spaces, no thousands
/// separators, at most 38 digits in all. Foundation's `Decimal(string:)` alone would accept
/// `" 12.5"`, `"1e3"`, `"+7"` and read `"12.5abc"` as 12.5; it only ever sees text this scanner
/// has validated, and no `Decimal` is built: the digits become a ``Money`` directly. Nothing
/// passes through binary floating point.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Money

    /// The most digits an amount may have (Decimal's exact range).
    public static let maxDigits = 38

    public init(_ value: Money) { self.value = value }
    public init(_ value: Decimal) { self.value = Money(value) }

    /// The amount as a Foundation `Decimal`, for reports and charts (not the rules).
    public var decimal: Decimal { value.decimal }

    public static let zero = Amount(Money.zero)

    public enum ParseFailure: Error, Equatable {
        case notADecimal
        case negative
        case tooManyDigits
    }

    /// Parses strict plain decimal text. See the type's documentation for the grammar.
    public static func parse(_ text: String) -> Result<Amount, ParseFailure> {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` of UTF-8 bytes read in place.
    static func parse(utf8 text: UnsafeBufferPointer<UInt8>) -> Result<Amount, ParseFailure> {
        var digits = 0
        var sawDot = false
        var digitsAfterDot = 0
        var first = true
        var leadingZero = false
        var intDigits = 0
        // The first 19 digits in 64 bits (10^19 - 1 < 2^64), the rest in 128.
        var small: UInt64 = 0
        var magnitude: UInt128 = 0
        for byte in text {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !sawDot {
                    if leadingZero { return .failure(.notADecimal) }  // "01"
                    if intDigits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                    intDigits += 1
                } else {
                    digitsAfterDot += 1
                }
                digits += 1
                // At most 38 digits are kept below (10^38 < 2^128); beyond, the text is refused.
                if digits <= 19 {
                    small = small &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                } else if digits <= maxDigits {
                    if digits == 20 { magnitude = UInt128(small) }
                    magnitude = magnitude &* 10 &+ UInt128(byte &- UInt8(ascii: "0"))
                }
            case UInt8(ascii: "."):
                if sawDot || intDigits == 0 { return .failure(.notADecimal) }
                sawDot = true
            case UInt8(ascii: "-"):
                // "-5" is a well-formed negative amount (out of range); "-abc" or "--5" is not a decimal.
                guard first, case .success = parse(utf8: UnsafeBufferPointer(rebasing: text.dropFirst())) else {
                    return .failure(.notADecimal)
                }
                return .failure(.negative)
            default:
                return .failure(.notADecimal)
            }
        }
        if intDigits == 0 || (sawDot && digitsAfterDot == 0) { return .failure(.notADecimal) }
        if digits > maxDigits { return .failure(.tooManyDigits) }
        if digits <= 19 { magnitude = UInt128(small) }
        // The text is now `(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 38 digits: exactly representable.
        return .success(Amount(Money(magnitude: magnitude, exponent: -digitsAfterDot)))
    }

    public static func < (a: Amount, b: Amount) -> Bool { a.value < b.value }

    /// Canonical text: no exponent, no trailing zeros after the point (`"1.5"`, `"1200"`).
    public var description: String { value.description }

    /// Canonical plain text of an exact amount: ``Money/description``.
    public static func canonical(_ value: Money) -> String { value.description }

    /// Canonical plain text of a decimal (used for amounts and ratios in output and storage).
    public static func canonical(_ value: Decimal) -> String {
        // Decimal's description never uses an exponent and drops trailing zeros; "-0" cannot occur
        // for non-negative inputs, but normalise it anyway. Its text is written from the stored
        // mantissa and exponent (the same text, without `Decimal.description`'s divisions).
        if Decimal.decimalLayoutIsKnown, let parts = Decimal.exactParts(value) {
            return parts.decimalDescriptionText()
        }
        let text = value.description
        return text == "-0" ? "0" : text
    }
}

extension Decimal {
    /// Rounds to `scale` decimal places with a named mode (for display of ratios; comparisons never
    /// use rounded values).
    public func rounded(scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, mode)
        return result
    }

    /// Fixed-scale text, e.g. `fixed(4)` of 1.5 is `"1.5000"`. Rounds half-even (banker's).
    ///
    /// Computed on the integer mantissa (``Money``'s rounding and text): the text `NSDecimalRound`
    /// and `Decimal.description` give, without either; NaN and negative scales take that path.
    public func fixed(_ scale: Int) -> String {
        if scale >= 0, !isNaN, let text = Self.fixedText(self, scale: scale) { return text }
        return decimalFixed(scale)
    }

    /// ``fixed(_:)`` through `NSDecimalRound` and `Decimal.description` (what the integer path matches).
    func decimalFixed(_ scale: Int) -> String {
        let rounded = self.rounded(scale: scale, .bankers)
        var text = Amount.canonical(rounded)
        guard scale > 0 else { return text }
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: text.index(after: dot), to: text.endIndex)
            if have < scale { text += String(repeating: "0", count: scale - have) }
        } else {
            text += "." + String(repeating: "0", count: scale)
        }
        return text
    }

    /// The value's sign, 128-bit mantissa and exponent as a ``Money`` (the same number), rounded
    /// half-even to `scale` places and written with exactly `scale` decimals; nil when the layout
    /// of `Decimal` is not the one read here.
    private static func fixedText(_ value: Decimal, scale: Int) -> String? {
        guard decimalLayoutIsKnown, let exact = exactParts(value) else { return nil }
        return exact.fixed(scale)
    }
}

extension Decimal {
    /// The number a `Decimal` holds, read from its storage: its exponent (`Int8`), its length and
    /// flags (the length in the high four bits, the sign in bit 3) and its mantissa (eight 16-bit words,
    /// least significant first), the layout of swift-foundation's `Decimal`, whose fields are not
    /// public on Linux. Nil for NaN. ``decimalLayoutIsKnown`` checks the layout once.
    static func exactParts(_ value: Decimal) -> Money? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: value) { raw -> Money? in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            if length == 0 { return negative ? nil : .zero }
            guard length <= 8 else { return nil }
            var magnitude: UInt128 = 0
            for i in stride(from: length - 1, through: 0, by: -1) {
                let word = UInt16(raw[4 + 2 * i]) | UInt16(raw[5 + 2 * i]) << 8
                magnitude = magnitude << 16 | UInt128(word)
            }
            return Money(negative: negative, magnitude: magnitude, exponent: exponent)
        }
    }

    /// The compact `Decimal` of a normalised value (no trailing zeros in its magnitude), written
    /// into the storage ``exactParts(_:)`` reads: what `Decimal(string:)` makes of its text, without
    /// parsing it. Nil when the exponent is outside `Int8`. Only after ``decimalLayoutIsKnown``.
    static func fromParts(_ n: Money) -> Decimal? {
        guard MemoryLayout<Decimal>.size == 20, n.exponent >= -128, n.exponent <= 127 else { return nil }
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            for i in 0..<raw.count { raw[i] = 0 }
            var magnitude = n.magnitude
            var words = 0
            while magnitude != 0 {
                let word = UInt16(truncatingIfNeeded: magnitude)
                raw[4 + 2 * words] = UInt8(truncatingIfNeeded: word)
                raw[5 + 2 * words] = UInt8(truncatingIfNeeded: word >> 8)
                magnitude >>= 16
                words += 1
            }
            raw[0] = UInt8(bitPattern: Int8(n.exponent))
            raw[1] = UInt8(words) << 4 | (n.negative ? 0x08 : 0) | 0x04
        }
        return value
    }

    /// Whether ``exactParts(_:)`` reads known values right (else the `Decimal` code is used).
    static let decimalLayoutIsKnown: Bool = {
        let cases: [(String, Money)] = [
            ("0", .zero), ("1", 1), ("-12.5", Money(-125, exponent: -1)), ("0.000001", Money(1, exponent: -6)),
            ("65536", 65_536), ("4294967297", 4_294_967_297),
            (
                "12345678901234567890123456789012345678",
                Money(magnitude: 12_345_678_901_234_567_890_123_456_789_012_345_678, exponent: 0)
            ),
            ("-0.00000000000000000000000000000000000001", Money(negative: true, magnitude: 1, exponent: -38)),
        ]
        return cases.allSatisfy { text, expected in
            guard let d = Decimal(string: text, locale: nil), let read = exactParts(d) else { return false }
            return read == expected && read.negative == expected.negative
        }
    }()
}
