import Foundation
import Testing

@testable import ReserveCore

/// The ratios computed on integers against the `Decimal` code they replace: `Money / Money`
/// (``Money/decimalQuotient(_:_:)``), the rules' day fractions, percentages, six-decimal ratio
/// texts and `Amount.canonical` of a `Decimal` must give the same mantissa, exponent and text on
/// many generated values, including 38- and 39-digit operands, repeating quotients, exponents far
/// apart (each branch of `Decimal`'s alignment), zero and negative values.
@Suite struct DecimalQuotientTests {
    typealias Generator = MoneyTests.Generator

    /// A magnitude of `digits` digits with runs of nines and zeros.
    static func magnitude(_ g: inout Generator, digits: Int) -> UInt128 {
        var m: UInt128 = 0
        for i in 0..<digits {
            let d: Int
            switch g.below(4) {
            case 0: d = 9
            case 1: d = 0
            default: d = g.below(10)
            }
            m = m * 10 + UInt128(i == 0 ? max(1, d) : d)
        }
        return m
    }

    /// An operand: 1 to 38 digits, sometimes 39 (up to 2^128 − 1), a single digit, ten to a power,
    /// trailing zeros; exponents −40…40; sometimes negative.
    static func operand(_ g: inout Generator) -> Money {
        var m: UInt128
        switch g.below(8) {
        case 0: m = UInt128.max - UInt128(g.below(1_000_000))
        case 1: m = UInt128(1 + g.below(9))
        case 2: m = Money.power(g.below(39))!
        case 3: m = Money.power(38)! - 1
        default: m = magnitude(&g, digits: 1 + g.below(38))
        }
        if g.below(4) == 0, let s = Money.scaled(m, by: 1 + g.below(6)) { m = s }
        return Money(negative: g.below(6) == 0, magnitude: m, exponent: g.below(81) - 40)
    }

    /// The same number, the same stored mantissa and exponent, and the same text.
    static func same(_ a: Decimal, _ b: Decimal) -> Bool {
        guard let x = Decimal.exactParts(a), let y = Decimal.exactParts(b) else { return a.isNaN && b.isNaN }
        return x.magnitude == y.magnitude && x.exponent == y.exponent && x.negative == y.negative
            && a.description == b.description
    }

    @Test func layoutIsKnownOnThisToolchain() {
        // Every integer path below is taken only when this holds; else `Decimal` decides.
        #expect(Decimal.decimalLayoutIsKnown)
    }

    @Test func quotientsMatchDecimalDivision() {
        var g = Generator(state: 13)
        var decided = 0
        for _ in 0..<60_000 {
            let a = Self.operand(&g)
            var b = Self.operand(&g)
            if b.isZero { b = 7 }
            let expected = a.decimal / b.decimal
            if Money.decimalQuotient(a, b) != nil { decided += 1 }
            let got = a / b
            #expect(Self.same(got, expected), "\(a) / \(b): \(got) against \(expected)")
        }
        // Nearly every quotient is computed on the integers (the rest: a zero quotient).
        #expect(decided > 50_000)
    }

    @Test func quotientsOfExponentsFarApartMatch() {
        // a's exponent 19 or more above b's: aligned exactly, aligned by truncating b, or not at all.
        var g = Generator(state: 17)
        for _ in 0..<40_000 {
            let a = Money(magnitude: Self.magnitude(&g, digits: 1 + g.below(38)), exponent: g.below(60))
            let b = Money(
                negative: g.below(2) == 0, magnitude: Self.magnitude(&g, digits: 1 + g.below(38)),
                exponent: -g.below(70))
            let expected = a.decimal / b.decimal
            let got = a / b
            #expect(Self.same(got, expected), "\(a) / \(b): \(got) against \(expected)")
        }
    }

    @Test func repeatingAndTerminatingQuotients() {
        let cases: [(Money, Money)] = [
            (1, 3), (2, 3), (10, 3), (1, 7), (22, 7), (1, 9), (100, 9), (1, 1), (0, 5), (-1, 3), (1, -3),
            (Money(1, exponent: -6), 3), (Money(magnitude: Money.power(38)! - 1, exponent: 0), 3),
            (Money(magnitude: UInt128.max, exponent: -10), Money(magnitude: UInt128.max - 1, exponent: -10)),
            (Money(12_000_000_000), Money(11_999_999_999, exponent: 0)), (Money(5, exponent: 40), 7),
        ]
        for (a, b) in cases {
            #expect(Self.same(a / b, a.decimal / b.decimal), "\(a) / \(b)")
        }
    }

    @Test func undecidedQuotientsAreLeftToDecimal() {
        // A zero divisor, and a quotient under one unit (1 / (2^128 − 1) × 10^38 truncates to zero):
        // the integer path declines, and the result is `Decimal`'s own.
        #expect(Money.decimalQuotient(1, 0) == nil)
        #expect((Money(1) / Money.zero).isNaN)
        let huge = Money(magnitude: UInt128.max, exponent: 0)
        #expect(Money.decimalQuotient(1, huge) == nil)
        #expect(Self.same(Money(1) / huge, Money(1).decimal / huge.decimal))
        // An exponent outside Decimal's range.
        #expect(Money.decimalQuotient(Money(1, exponent: 200), 3) == nil)
    }

    @Test func dayFractionsMatch() {
        var g = Generator(state: 19)
        for _ in 0..<20_000 {
            let x = g.below(3) == 0 ? g.below(100) * 10 : g.below(4_000) - 400
            let y = max(1, g.below(3) == 0 ? g.below(100) * 10 : g.below(4_000))
            #expect(Self.same(Money(x) / Money(y), Decimal(x) / Decimal(y)), "\(x) / \(y)")
        }
        #expect(Self.same(Money(93_600) / Money(86_400), Decimal(93_600) / 86_400))
    }

    @Test func percentagesMatch() {
        var g = Generator(state: 23)
        for _ in 0..<30_000 {
            let a = Self.operand(&g)
            var b = Self.operand(&g)
            if b.isZero { b = 3 }
            let ratio = a / b
            let expected = (ratio * 100).decimalFixed(2) + "%"
            #expect(percent(ratio) == expected, "\(ratio)")
            #expect(percent(a) == (a.decimal * 100).decimalFixed(2) + "%", "\(a)")
        }
        // Ties at the second decimal, half-even.
        #expect(percent(Money(125, exponent: -4)) == "1.25%")
        #expect(percent(Money(12345, exponent: -6)) == "1.23%")
        #expect(percent(Money(12355, exponent: -6)) == "1.24%")
        #expect(percent(Money(-5, exponent: -5)) == (Decimal(string: "-0.00005")! * 100).decimalFixed(2) + "%")
    }

    @Test func ratioTextsMatch() {
        var g = Generator(state: 29)
        for _ in 0..<30_000 {
            let a = Self.operand(&g)
            var b = Self.operand(&g)
            if b.isZero { b = 7 }
            let ratio = a / b
            #expect(ratio.fixed(6) == ratio.decimalFixed(6))
            #expect(a.ratioText == a.decimal.decimalFixed(6), "\(a)")
            #expect(a.fixed(1) == a.decimal.decimalFixed(1), "\(a)")
            if case .string(let text) = JSONValue.ratio(a) { #expect(text == a.decimal.decimalFixed(6)) }
        }
        // A value with no exact `Decimal` from its parts takes the `Decimal` path.
        let far = Money(magnitude: UInt128.max, exponent: 3)
        #expect(!far.hasExactDecimal)
        #expect(far.ratioText == far.decimal.fixed(6))
    }

    @Test func canonicalTextMatchesDecimalDescription() {
        var g = Generator(state: 31)
        for _ in 0..<30_000 {
            let a = Self.operand(&g)
            var b = Self.operand(&g)
            if b.isZero { b = 9 }
            let ratio = a.decimal / b.decimal
            #expect(Amount.canonical(ratio) == ratio.description)
            // Not compact: trailing zeros in the mantissa, which `Decimal.description` writes.
            let significand = UInt64(g.below(1_000_000)) * 1_000
            let d = Decimal(
                sign: g.below(3) == 0 ? .minus : .plus, exponent: g.below(40) - 30,
                significand: Decimal(significand))
            #expect(Amount.canonical(d) == (d.description == "-0" ? "0" : d.description), "\(d)")
            if let parsed = Decimal(string: a.description + "00", locale: nil) {
                #expect(Amount.canonical(parsed) == parsed.description)
            }
        }
        #expect(Amount.canonical(Decimal(0)) == "0")
        #expect(Amount.canonical(Decimal.nan) == Decimal.nan.description)
    }

    @Test func maturitySpareMatchesDecimalDifference() {
        var g = Generator(state: 37)
        var exact = 0
        for _ in 0..<20_000 {
            let limit = 1 + g.below(400)
            let wam =
                Money(magnitude: Self.magnitude(&g, digits: 1 + g.below(10)), exponent: -g.below(6))
                / Money(magnitude: Self.magnitude(&g, digits: 1 + g.below(10)), exponent: -g.below(6))
            let expected = Decimal(limit) - wam
            // MaturityRule's integer path, taken when the difference is exact on the integers.
            if let spare = Decimal.exactParts(wam).flatMap({ Money.sumIfRepresentable(Money(limit), -$0) }) {
                exact += 1
                #expect(Self.same(Decimal.fromParts(spare.normalized)!, expected), "\(limit) - \(wam)")
                #expect(Self.same(spare / Money(limit), expected / Decimal(limit)))
            }
            // Coverage headroom: `coverage - 1`.
            #expect(Self.same(Money.decimalDifference(wam, 1), wam - 1), "\(wam) - 1")
            #expect(Self.same(Money.decimalDifference(wam, Money(limit)), wam - Decimal(limit)))
        }
        // Where the limit's exponent is 39 or more above the average's, aligning would leave 128
        // bits: `Decimal` decides those (it truncates); the rest are exact.
        #expect(exact > 500)
        // Not exact on the integers (the aligned operand leaves 128 bits): `Decimal`'s own difference.
        let tiny = Decimal(string: "0.00000000000000000000000000000000000001", locale: nil)!
        #expect(
            Self.same(
                Money.decimalDifference(tiny, Money(magnitude: UInt128.max, exponent: 0)),
                tiny - Money(magnitude: UInt128.max, exponent: 0).decimal))
    }
}
