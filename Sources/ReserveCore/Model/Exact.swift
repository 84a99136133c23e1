import Foundation

/// Checked decimal arithmetic for the rules: every sum, difference and product is exact or
/// reports ``Inexact``; nothing is silently rounded (issue 10, class 8).
///
/// Foundation's `Decimal` keeps at most 38 significant digits and rounds beyond that without
/// saying so through its operators (`+`, `*`). `NSDecimalAdd` and `NSDecimalSubtract` report the
/// loss; `NSDecimalMultiply` and `NSDecimalDivide` do not (measured: `1/3` and a 39-digit product
/// both return `.noError`), so products are computed here on decimal digit strings and converted
/// back only when the exact result fits.
public enum Exact {
    /// An operation whose exact result does not fit `Decimal` (more than 38 significant digits).
    public struct Inexact: Error, Hashable, Sendable {
        public var operation: String
        public init(_ operation: String) { self.operation = operation }

        public var message: String {
            "\(operation) needs more than \(Amount.maxDigits) significant digits and cannot be computed exactly"
        }
    }

    public static func add(
        _ a: Decimal, _ b: Decimal,
        _ what: @autoclosure () -> String = "a sum"
    ) throws(Inexact) -> Decimal {
        var x = a
        var y = b
        var r = Decimal()
        let error = NSDecimalAdd(&r, &x, &y, .plain)
        guard error == .noError else { throw Inexact(what()) }
        return r
    }

    public static func subtract(
        _ a: Decimal, _ b: Decimal,
        _ what: @autoclosure () -> String = "a difference"
    ) throws(Inexact) -> Decimal {
        var x = a
        var y = b
        var r = Decimal()
        let error = NSDecimalSubtract(&r, &x, &y, .plain)
        guard error == .noError else { throw Inexact(what()) }
        return r
    }

    public static func sum(
        _ values: some Sequence<Decimal>,
        _ what: @autoclosure () -> String = "a sum"
    ) throws(Inexact) -> Decimal {
        var total = Decimal(0)
        for v in values { total = try add(total, v, what()) }
        return total
    }

    /// The exact product, computed on digits; throws when it has more than 38 significant digits.
    public static func multiply(
        _ a: Decimal, _ b: Decimal,
        _ what: @autoclosure () -> String = "a product"
    ) throws(Inexact) -> Decimal {
        if a == 0 || b == 0 { return 0 }
        let x = Digits(a)
        let y = Digits(b)
        let product = Digits(
            negative: x.negative != y.negative, digits: Digits.multiply(x.digits, y.digits),
            exponent: x.exponent + y.exponent)
        guard let result = product.decimal else { throw Inexact(what()) }
        return result
    }

    /// `a / b` when the quotient is an exact decimal of at most 38 significant digits (checked by
    /// multiplying back); otherwise throws. For decisions, compare by cross-multiplication instead.
    public static func divide(
        _ a: Decimal, _ b: Decimal,
        _ what: @autoclosure () -> String = "a quotient"
    ) throws(Inexact) -> Decimal {
        guard b != 0 else { throw Inexact(what()) }
        var x = a
        var y = b
        var r = Decimal()
        _ = NSDecimalDivide(&r, &x, &y, .plain)
        guard (try? multiply(r, b)) == a else { throw Inexact(what()) }
        return r
    }

    /// `a / b` (both non-negative): exact when the quotient terminates within 38 digits, otherwise
    /// rounded up (never down) at the last decimal place that still lets the product with `b` be
    /// checked exactly, and proven an upper bound (`q × b >= a`). For a loss, whose day-count
    /// fraction rarely terminates, rounding up can only make a test stricter. Throws when no such
    /// bound can be checked.
    public static func divideRoundingUp(
        _ a: Decimal, _ b: Decimal,
        _ what: @autoclosure () -> String = "a quotient"
    ) throws(Inexact) -> Decimal {
        guard b > 0, a >= 0 else { throw Inexact(what()) }
        if let exact = try? divide(a, b) { return exact }
        var x = a
        var y = b
        var r = Decimal()
        _ = NSDecimalDivide(&r, &x, &y, .plain)
        // Significant digits left for q so that q × b stays within 38: 38 − digits(b) − 1.
        let room = Amount.maxDigits - Digits(b).digits.count - 1
        // (Each value's digits and each product computed once: they are pure, and reading a
        // Decimal's digits is most of the cost here.)
        let whole = Digits(r.rounded(scale: 0, .down))
        let integerDigits = max(1, whole.digits.count + whole.exponent)
        let scale = room - integerDigits
        var q = r.rounded(scale: scale, .up)
        let step = Decimal(sign: .plus, exponent: -scale, significand: 1)
        var product = try multiply(q, b, what())
        if product < a {
            q = try add(q, step, what())
            product = try multiply(q, b, what())
        }
        guard product >= a else { throw Inexact(what()) }
        return q
    }

    /// A decimal as sign, digits (most significant first, no leading or trailing zeros) and a
    /// power-of-ten exponent: value = digits × 10^exponent.
    struct Digits {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int

        init(negative: Bool, digits: [UInt8], exponent: Int) {
            var d = Array(digits.drop { $0 == 0 })
            var e = exponent
            while let last = d.last, last == 0 {
                d.removeLast()
                e += 1
            }
            self.negative = negative && !d.isEmpty
            self.digits = d
            self.exponent = d.isEmpty ? 0 : e
        }

        init(_ value: Decimal) {
            // Decimal's description is plain text (no exponent): "-123.45".
            var text = Substring(value.description)
            let negative = text.hasPrefix("-")
            if negative { text = text.dropFirst() }
            var digits: [UInt8] = []
            var exponent = 0
            var afterDot = false
            for ch in text.utf8 {
                if ch == UInt8(ascii: ".") {
                    afterDot = true
                    continue
                }
                digits.append(ch - UInt8(ascii: "0"))
                if afterDot { exponent -= 1 }
            }
            self.init(negative: negative, digits: digits, exponent: exponent)
        }

        static func multiply(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
            var out = [Int](repeating: 0, count: a.count + b.count)
            for (i, x) in a.reversed().enumerated() {
                for (j, y) in b.reversed().enumerated() { out[i + j] += Int(x) * Int(y) }
            }
            var carry = 0
            for k in out.indices {
                let v = out[k] + carry
                out[k] = v % 10
                carry = v / 10
            }
            return out.reversed().map { UInt8($0) }
        }

        /// The value as a Decimal when it has at most 38 significant digits.
        var decimal: Decimal? {
            if digits.isEmpty { return 0 }
            guard digits.count <= Amount.maxDigits else { return nil }
            let body = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
            guard let mantissa = Decimal(string: body, locale: nil) else { return nil }
            let result = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: mantissa)
            return result.isNaN ? nil : result
        }
    }
}
