import Foundation

/// The checked operations on ``Money``: integer arithmetic, with the `Decimal` operations of
/// `ExactDecimal.swift` deciding only the cases the integer path cannot (an intermediate beyond
/// 128 bits), so the same inputs are accepted and refused as before, with the same messages.
extension Exact {
    public static func add(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a sum"
    ) throws(Inexact) -> Money {
        if let s = Money.sumIfRepresentable(a, b) { return s }
        return Money(try add(a.decimal, b.decimal, what()))
    }

    public static func subtract(
        _ a: Money, _ b: Money,
        _ what: @autoclosure () -> String = "a difference"
    ) throws(Inexact) -> Money {
        if let s = Money.sumIfRepresentable(a, -b) { return s }
        return Money(try subtract(a.decimal, b.decimal, what()))
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
