import Foundation

/// Foundation's `Decimal` quotient, reproduced on integers (docs/RULES.md, "Exact arithmetic").
///
/// The ledger stores and hashes `Amount.canonical` of a ratio's full quotient, so the integer
/// path must give `Decimal`'s digits exactly, not the correctly rounded ones. On this toolchain
/// (swift-foundation's `Decimal`, Swift 6.3) `a / b` on compact operands is:
///
/// 1. when `a`'s exponent exceeds `b`'s by 19 or more, the operands are aligned first: `a`'s
///    mantissa times 10^diff when that fits 128 bits; otherwise `a` is scaled up by the power of
///    ten its 16-bit word count leaves room for (`maxPowerByWords`) and `b`'s mantissa is divided
///    (truncated) by the rest, unless that leaves `b` zero (then nothing is aligned);
/// 2. the quotient `⌊a.mantissa × 10^38 / b.mantissa⌋` in 256 bits;
/// 3. truncated by the fewest powers of ten that bring it under 2^128 (`_fitMantissa` rounds
///    down), with the exponent `a.exponent − b.exponent − 38 + k`, then compacted.
///
/// `DecimalQuotientTests` compares this with `Decimal`'s `/` on generated operands (38 and 39
/// digits, repeating quotients, exponents far apart, the alignment's three branches) and requires
/// the same mantissa, exponent and text. What it does not decide (a zero quotient, an exponent
/// outside `Decimal`'s range) is left to `Decimal`.
extension Money {
    /// ``decimalQuotient(_:_:)``'s alignment: the power of ten a mantissa of `words` 16-bit words
    /// may be scaled by within eight words (`⌊(8 − words) × 4.81647993⌋`, Foundation's estimate).
    private static let maxPowerByWords: [Int] = [0, 33, 28, 24, 19, 14, 9, 4, 0]

    /// `⌊q / 10^k⌋` for the least `k` that brings the 256-bit `q` under 2^128, and that `k`.
    static func fittedTruncating(high: UInt128, low: UInt128) -> (magnitude: UInt128, shift: Int) {
        var h = high
        var l = low
        var k = 0
        while h != 0 {
            let (qh, rh) = h.quotientAndRemainder(dividingBy: 10)
            l = UInt128(10).dividingFullWidth((rh, l)).quotient
            h = qh
            k += 1
        }
        return (l, k)
    }

    /// The value `Decimal`'s `a.decimal / b.decimal` holds, computed on integers; nil when the
    /// `Decimal` code must decide (a zero divisor, a zero quotient, an exponent out of range).
    static func decimalQuotient(_ a: Money, _ b: Money) -> Money? {
        let x = a.normalized
        let y = b.normalized
        guard y.magnitude != 0, exponentRange.contains(x.exponent), exponentRange.contains(y.exponent) else {
            return nil
        }
        if x.magnitude == 0 { return .zero }
        var ma = x.magnitude
        var ea = x.exponent
        var mb = y.magnitude
        var eb = y.exponent
        let diff = ea - eb
        if diff >= 19 {
            if let s = scaled(ma, by: diff) {
                ma = s
                ea = eb
            } else {
                let words = (128 - ma.leadingZeroBitCount + 15) / 16
                let up = maxPowerByWords[words]
                let drop = diff - up
                let reduced: UInt128 = drop > 38 ? 0 : mb / power(drop)!
                if reduced != 0, let s = scaled(ma, by: up) {
                    mb = reduced
                    eb += drop
                    ma = s
                    ea -= up
                }
            }
        }
        let (nh, nl) = ma.multipliedFullWidth(by: digitLimit)
        let (qh, r) = nh.quotientAndRemainder(dividingBy: mb)
        let ql = mb.dividingFullWidth((r, nl)).quotient
        if qh == 0 && ql == 0 { return nil }
        let (m, k) = fittedTruncating(high: qh, low: ql)
        let e = ea - eb - 38 + k
        guard exponentRange.contains(e) else { return nil }
        return Money(negative: x.negative != y.negative, magnitude: m, exponent: e).normalized
    }

    /// The value as text with exactly `scale` (≥ 0) decimals, rounded half-even: what
    /// `Decimal.fixed(scale)` gives for the same number.
    public func fixed(_ scale: Int) -> String {
        let rounded = self.rounded(scale: scale)
        var text = rounded.isZero ? "0" : rounded.description
        guard scale > 0 else { return text }
        if let dot = text.utf8.firstIndex(of: UInt8(ascii: ".")) {
            let have = text.utf8.distance(from: text.utf8.index(after: dot), to: text.utf8.endIndex)
            if have < scale { text += String(repeating: "0", count: scale - have) }
        } else {
            text += "." + String(repeating: "0", count: scale)
        }
        return text
    }

    /// Whether ``decimal`` is built from this number's parts (no text, no rounding), so its mantissa
    /// and exponent are the normalised ones ``decimalQuotient(_:_:)`` starts from.
    var hasExactDecimal: Bool {
        let n = normalized
        if n.isZero { return true }
        guard Money.exponentRange.contains(n.exponent) else { return false }
        return n.magnitude <= UInt128(UInt64.max) || (n.exponent <= 0 && Decimal.decimalLayoutIsKnown)
    }

    /// `Decimal`'s `a.decimal / b.decimal`, computed on integers when ``decimalQuotient(_:_:)``
    /// decides it (always, for the rules' amounts), else by `Decimal`.
    static func decimalRatio(_ a: Money, _ b: Money) -> Decimal {
        if Decimal.decimalLayoutIsKnown, a.hasExactDecimal, b.hasExactDecimal, let q = decimalQuotient(a, b),
            let d = Decimal.fromParts(q)
        {
            return d
        }
        return a.decimal / b.decimal
    }

    /// `Decimal`'s `a - b.decimal`, on the integers when the difference is exact (then `Decimal`'s
    /// is the same number: aligning the exponents and subtracting lose nothing), else by `Decimal`.
    static func decimalDifference(_ a: Decimal, _ b: Money) -> Decimal {
        if Decimal.decimalLayoutIsKnown, b.hasExactDecimal, let x = Decimal.exactParts(a),
            let d = sumIfRepresentable(x, -b), let r = Decimal.fromParts(d.normalized)
        {
            return r
        }
        return a - b.decimal
    }

    /// The text `Decimal.description` gives for a `Decimal` holding this magnitude and exponent as
    /// stored (not normalised: trailing zeros after the point are kept, as `Decimal` keeps them).
    func decimalDescriptionText() -> String {
        if magnitude == 0 { return "0" }
        let m = magnitude
        let text = m <= UInt128(UInt64.max) ? String(UInt64(truncatingIfNeeded: m)) : String(m)
        var out: [UInt8] = []
        let digits = text.utf8
        out.reserveCapacity(digits.count + max(0, exponent) + max(0, -exponent) + 3)
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else {
            let fraction = -exponent
            if fraction >= digits.count {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += repeatElement(UInt8(ascii: "0"), count: fraction - digits.count)
                out += digits
            } else {
                let split = digits.index(digits.startIndex, offsetBy: digits.count - fraction)
                out += digits[..<split]
                out.append(UInt8(ascii: "."))
                out += digits[split...]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
