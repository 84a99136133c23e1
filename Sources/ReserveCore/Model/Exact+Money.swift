import Foundation

/// The checked operations on ``Money``: integer arithmetic. Sums and differences are decided on
/// integers alone (256-bit where an intermediate leaves 128 bits): exact when the result fits
/// `Decimal`'s 128-bit mantissa, else ``Exact/Inexact``. Products and quotients hand the cases the
/// integer path cannot decide (an intermediate beyond 128 bits) to the `Decimal` operations of
/// `Exact.swift`, so the same inputs are accepted and refused as before, with the same
/// messages.
extension Exact {
    public static func add(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a sum"
    ) throws(Inexact) -> Money {
        if let s = Money.sumIfRepresentable(a, b) ?? Money.wideSum(a, b) { return s }
        throw Inexact(what())
    }

    public static func subtract(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a difference"
    ) throws(Inexact) -> Money {
        if let s = Money.sumIfRepresentable(a, -b) ?? Money.wideSum(a, -b) { return s }
        throw Inexact(what())
    }

    public static func sum(
        _ values: some Sequence<Money>,
        _ what: @autoclosure () -> String = "a sum"
    ) throws(Inexact) -> Money {
        var total = Money.zero
        for v in values { total = try add(total, v, what()) }
        return total
    }

    /// The exact product; throws when it has more than 38 significant digits.
    public static func multiply(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a product"
    ) throws(Inexact) -> Money {
        switch Money.productIfDecidable(a, b) {
        case .some(.some(let p)): return p
        case .some(.none): throw Inexact(what())
        case .none: return Money(try multiply(a.decimal, b.decimal, what()))
        }
    }

    /// `a / b` (both non-negative) exact when the quotient terminates within 38 significant
    /// digits, otherwise rounded up (never down) at the last decimal place that keeps `q × b`
    /// within 38 digits: the same quotient as the `Decimal` version, computed on integers.
    public static func divideRoundingUp(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a quotient"
    ) throws(Inexact) -> Money {
        guard b > 0, a >= 0 else { throw Inexact(what()) }
        if a.isZero { return .zero }
        switch Money.quotientRoundingUp(a.normalized, b.normalized) {
        case .some(let q): return q
        case .none: return Money(try divideRoundingUp(a.decimal, b.decimal, what()))
        }
    }
}

extension Money {
    /// The exact sum when ``sumIfRepresentable(_:_:)`` cannot align the operands in 128 bits: on
    /// normalised operands in 256 bits; nil when the result does not fit a 128-bit magnitude with
    /// an exponent in range (the sum is then inexact). `Decimal`'s `NSDecimalAdd` instead rounds
    /// some of these silently (measured: (10^38 − 1) × 3 + (10^38 − 1) gives …990, and
    /// −(10^38 − 1) − 0.1 gives −(10^38 − 1), both with `.noError`).
    static func wideSum(_ a: Money, _ b: Money) -> Money? {
        let x = a.normalized
        let y = b.normalized
        if let s = sumIfRepresentable(x, y) { return s }
        let e = min(x.exponent, y.exponent)
        func wide(_ m: Money) -> (high: UInt128, low: UInt128)? {
            let k = m.exponent - e
            if k == 0 || m.magnitude == 0 { return (0, m.magnitude) }
            // 10^39 and more: the sum's last digit (the other operand's, non-zero) keeps it above 2^128.
            guard let p = power(k) else { return nil }
            return m.magnitude.multipliedFullWidth(by: p)
        }
        guard let wx = wide(x), let wy = wide(y) else { return nil }
        var high: UInt128
        var low: UInt128
        var negative: Bool
        if x.negative == y.negative {
            let (l, carry) = wx.low.addingReportingOverflow(wy.low)
            let (h, o) = wx.high.addingReportingOverflow(wy.high &+ (carry ? 1 : 0))
            if o { return nil }
            (high, low, negative) = (h, l, x.negative)
        } else {
            let xFirst = wx.high > wy.high || (wx.high == wy.high && wx.low >= wy.low)
            let (big, small) = xFirst ? (wx, wy) : (wy, wx)
            let (l, borrow) = big.low.subtractingReportingOverflow(small.low)
            (high, low, negative) = (big.high &- small.high &- (borrow ? 1 : 0), l, xFirst ? x.negative : y.negative)
        }
        var exponent = e
        // Only a sum of two magnitudes at the same exponent (below 2^129) can end in zeros.
        while high != 0 {
            guard high < 10 else { return nil }
            let (q, r) = UInt128(10).dividingFullWidth((high: high, low: low))
            guard r == 0 else { return nil }
            (high, low) = (0, q)
            exponent += 1
        }
        let result = Money(negative: negative, magnitude: low, exponent: exponent)
        return exponentRange.contains(result.exponent) ? result : nil
    }

    /// The quotient of `Exact.divideRoundingUp` for positive normalised `a` and `b`; nil when an
    /// intermediate would leave 128 bits (the `Decimal` code then decides).
    static func quotientRoundingUp(_ a: Money, _ b: Money) -> Money? {
        let ca = a.magnitude
        let cb = b.magnitude
        // Terminating? cb = 2^i × 5^j × rest: a/b terminates exactly when rest divides ca.
        var rest = cb
        var twos = 0
        var fives = 0
        while rest & 1 == 0 {
            rest >>= 1
            twos += 1
        }
        while rest % 5 == 0 {
            rest /= 5
            fives += 1
        }
        if ca % rest == 0 {
            // ca / cb = (ca / rest) × 5^i × 2^j / 10^(i + j).
            var n = ca / rest
            for _ in 0..<twos {
                let (m, o) = n.multipliedReportingOverflow(by: 5)
                if o { return nil }
                n = m
            }
            for _ in 0..<fives {
                let (m, o) = n.multipliedReportingOverflow(by: 2)
                if o { return nil }
                n = m
            }
            let q = Money(magnitude: n, exponent: a.exponent - b.exponent - twos - fives).normalized
            // More than 38 digits: `Decimal` may or may not hold the quotient exactly; let it decide.
            guard q.magnitude < digitLimit, exponentRange.contains(q.exponent) else { return nil }
            return q
        }
        // Not terminating: round up at scale = 38 − digits(b) − 1 − integer digits of a/b.
        let shift = a.exponent - b.exponent
        let whole: UInt128
        if shift >= 0 {
            guard let n = scaled(ca, by: shift) else { return nil }
            whole = n / cb
        } else if let d = scaled(cb, by: -shift) {
            whole = ca / d
        } else {
            whole = 0
        }
        let integerDigits = whole == 0 ? 1 : digitCount(whole)
        let scale = Amount.maxDigits - digitCount(cb) - 1 - integerDigits
        // q = ceil(ca × 10^(shift + scale) / cb) × 10^-scale
        let e = shift + scale
        var numerator = ca
        var denominator = cb
        if e >= 0 {
            guard let n = scaled(ca, by: e) else { return nil }
            numerator = n
        } else {
            guard let d = scaled(cb, by: -e) else { return nil }
            denominator = d
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let q = Money(magnitude: remainder == 0 ? quotient : quotient + 1, exponent: -scale)
        // The bound is checked as before: q × b must itself be exact.
        guard case .some(.some) = productIfDecidable(q, b), exponentRange.contains(q.normalized.exponent) else {
            return nil
        }
        return q
    }
}
