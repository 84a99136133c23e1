import Foundation
import Testing

@testable import ReserveCore

/// `Money` against the `Decimal` arithmetic it replaces: on many generated values, every sum,
/// difference, product, comparison, rounding and quotient gives the same digits, and refuses
/// (``Exact/Inexact``) where the `Decimal` code refuses; sums also where `NSDecimalAdd` rounds
/// without reporting it.
@Suite struct MoneyTests {
    /// SplitMix64: a fixed seed, so every run checks the same values.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        /// Strict amount text: 1 to 38 digits, some of them after the point, with runs of nines and
        /// zeros (the carries and the trailing zeros), sometimes a single digit.
        mutating func amountText() -> String {
            let count = [1, 2, 3, 6, 12, 18, 20, 30, 36, 37, 38][below(11)]
            var digits = ""
            for i in 0..<count {
                let d: Int
                switch below(4) {
                case 0: d = 9
                case 1: d = 0
                default: d = below(10)
                }
                digits += String(i == 0 && count > 1 && d == 0 ? 1 : d)
            }
            let places = below(count + 1)
            if places == 0 { return digits }
            // "0." counts as a digit: 38 digits after the point would make 39.
            if places == count { return "0." + (count == 38 ? String(digits.dropFirst()) : digits) }
            let split = digits.index(digits.startIndex, offsetBy: count - places)
            return digits[..<split] + "." + digits[split...]
        }
    }

    static let edges = [
        "0", "1", "0.1", "0.5", "0.000001", "0.0000005", "0.0000015", "0.0000025", "2.5", "3.5", "1.005",
        String(repeating: "9", count: 38), "1" + String(repeating: "0", count: 37),
        "0." + String(repeating: "0", count: 36) + "1", "12345678901234567890123456789012345678",
        "1234567890123456789012345678901234567.8", "17014118346046923173168730371588410572",
        "34028236692093846346337460743176821145", "3650000", "365", "0.45", "12.5", "0.08",
    ]

    static func values(_ n: Int, seed: UInt64) -> [(text: String, money: Money, decimal: Decimal)] {
        var g = Generator(state: seed)
        var texts = edges
        while texts.count < n { texts.append(g.amountText()) }
        return texts.map { text in
            guard case .success(let amount) = Amount.parse(text), let d = Decimal(string: text, locale: nil) else {
                Issue.record("\(text) does not parse")
                return (text, .zero, 0)
            }
            return (text, amount.value, d)
        }
    }

    static func decimalOutcome(_ body: () throws(Exact.Inexact) -> Decimal) -> String {
        do throws(Exact.Inexact) { return Amount.canonical(try body()) } catch { return "inexact: " + error.message }
    }

    static func outcome(_ body: () throws(Exact.Inexact) -> Money) -> String {
        do throws(Exact.Inexact) { return try body().description } catch { return "inexact: " + error.message }
    }

    @Test func parsesToTheCanonicalTextOfDecimal() {
        for v in Self.values(2_000, seed: 1) {
            #expect(v.money.description == Amount.canonical(v.decimal), "\(v.text)")
            #expect(v.money.decimal == v.decimal, "\(v.text)")
            #expect(Money(v.decimal) == v.money, "\(v.text)")
        }
    }

    /// Money's sum against Decimal's: the same digits, or Money refuses where `NSDecimalAdd`
    /// rounded without saying so (its result then differs from the exact one).
    static func sameSum(_ x: Money, _ y: Money, _ dx: Decimal, _ dy: Decimal) -> Bool {
        let m = outcome { () throws(Exact.Inexact) in try Exact.add(x, y) }
        let d = decimalOutcome { () throws(Exact.Inexact) in try Exact.add(dx, dy) }
        if m == d { return true }
        guard m.hasPrefix("inexact"), !d.hasPrefix("inexact") else { return false }
        // Decimal's result minus y must miss x: it was rounded.
        return (try? Exact.subtract(Money(dx + dy), y)).map { $0 != x } ?? true
    }

    @Test func sumsAndDifferencesAsDecimal() {
        let values = Self.values(160, seed: 2)
        var inexact = 0
        for a in values {
            for b in values {
                for (x, y, dx, dy) in [
                    (a.money, b.money, a.decimal, b.decimal), (-a.money, b.money, -a.decimal, b.decimal),
                ] {
                    #expect(Self.sameSum(x, y, dx, dy), "\(dx) + \(dy)")
                    #expect(Self.sameSum(x, -y, dx, -dy), "\(dx) - \(dy)")
                    if (try? Exact.add(x, y)) == nil { inexact += 1 }
                }
            }
        }
        #expect(inexact > 0)  // the generated values do reach the limit
    }

    @Test func sumsNearTheMantissaLimitAreExactOrRefused() {
        let nines = Money(Decimal(string: String(repeating: "9", count: 38))!)
        // 2^128 − 1 = 340282366920938463463374607431768211455 (39 digits) fits; one more does not.
        let top = Money(magnitude: UInt128.max, exponent: 0)
        #expect((try? Exact.add(top, 0)) == top)
        #expect(throws: Exact.Inexact.self) { try Exact.add(top, 1) }
        // Aligning needs 256 bits, the result fits: 4 × 10^38 − (10^38 − 1) = 3 × 10^38 + 1.
        #expect(
            (try? Exact.subtract(Money(4, exponent: 38), nines))?.description
                == "300000000000000000000000000000000000001")
        // A sum of two at one exponent beyond 2^128 that ends in zero: exact at the next exponent.
        #expect((try? Exact.add(top, 5))?.description == "340282366920938463463374607431768211460")
        // 2 × (2^128 − 1) ends in zero: exact at exponent 1; 2^128 + 1 is not.
        #expect((try? Exact.add(top, top))?.description == "680564733841876926926749214863536422910")
        #expect(throws: Exact.Inexact.self) { try Exact.add(top, 2) }
    }

    @Test func productsAsTheDigitMultiplication() {
        let values = Self.values(160, seed: 3)
        var inexact = 0
        for a in values {
            for b in values {
                let m = Self.outcome { () throws(Exact.Inexact) in try Exact.multiply(a.money, -b.money) }
                #expect(
                    m == Self.decimalOutcome { () throws(Exact.Inexact) in try Exact.multiply(a.decimal, -b.decimal) },
                    "\(a.text) × -\(b.text)")
                if m.hasPrefix("inexact") { inexact += 1 }
            }
        }
        #expect(inexact > 0)
    }

    @Test func comparisonsAsDecimal() {
        let values = Self.values(200, seed: 4)
        for a in values {
            for b in values {
                #expect((a.money < b.money) == (a.decimal < b.decimal), "\(a.text) < \(b.text)")
                #expect((a.money == b.money) == (a.decimal == b.decimal), "\(a.text) == \(b.text)")
                #expect((-a.money < b.money) == (-a.decimal < b.decimal), "-\(a.text) < \(b.text)")
                if a.money == b.money { #expect(a.money.hashValue == b.money.hashValue) }
            }
        }
        #expect(Money(150, exponent: -2) == Money(15, exponent: -1))
        #expect(Set([Money(150, exponent: -2), Money(15, exponent: -1)]).count == 1)
    }

    @Test func roundsHalfEvenAsDecimal() {
        for v in Self.values(1_000, seed: 5) {
            for scale in [0, 1, 2, 6, 8] {
                for (m, d) in [(v.money, v.decimal), (-v.money, -v.decimal)] {
                    #expect(
                        m.rounded(scale: scale).description == Amount.canonical(d.rounded(scale: scale, .bankers)),
                        "\(d) at \(scale)")
                }
            }
            #expect(Amount.grouped(v.money) == Amount.grouped(v.decimal), "\(v.text)")
            #expect(Amount.grouped(-v.money) == Amount.grouped(-v.decimal), "-\(v.text)")
            #expect(JSONValue.stressed(v.money) == .string(Amount.canonical(v.decimal.rounded(scale: 6, .bankers))))
        }
    }

    @Test func quotientsRoundedUpAsDecimal() {
        let values = Self.values(90, seed: 6) + [("3650000", Money(3_650_000), Decimal(3_650_000))]
        for a in values {
            for b in values {
                #expect(
                    Self.outcome { () throws(Exact.Inexact) in try Exact.divideRoundingUp(a.money, b.money) }
                        == Self.decimalOutcome { () throws(Exact.Inexact) in
                            try Exact.divideRoundingUp(a.decimal, b.decimal)
                        },
                    "\(a.text) / \(b.text)")
            }
        }
    }

    @Test func ratiosAreDecimalsQuotient() {
        let values = Self.values(60, seed: 7)
        for a in values {
            for b in values where !b.money.isZero {
                #expect(a.money / b.money == a.decimal / b.decimal)
            }
        }
    }

    @Test func uncheckedDisplayArithmeticAsDecimal() {
        let values = Self.values(120, seed: 8)
        for a in values {
            for b in values {
                #expect((a.money - b.money).description == Amount.canonical(a.decimal - b.decimal))
                #expect((a.money + b.money).description == Amount.canonical(a.decimal + b.decimal))
            }
        }
    }

    // MARK: Each fail-closed path

    @Test func aSumBeyondTheMantissaIsInexactWithTheSameMessage() throws {
        let nines = Money(Decimal(string: String(repeating: "9", count: 38))!)
        #expect(throws: Exact.Inexact("the sum of reserves[].value")) {
            try Exact.add(nines, Money(1, exponent: -1), "the sum of reserves[].value")
        }
        // Decimal's NSDecimalSubtract returns −(10^38 − 1) here without an error; Money refuses.
        #expect(throws: Exact.Inexact("net reserves")) {
            try Exact.subtract(-nines, Money(1, exponent: -1), "net reserves")
        }
        // 3 × (10^38 − 1) fits the 128-bit mantissa; 4 × does not (Decimal returns …990 silently).
        #expect(try Exact.sum([nines, nines, nines]).description == "299999999999999999999999999999999999997")
        #expect(throws: Exact.Inexact.self) { try Exact.sum([nines, nines, nines, nines]) }
        // 38 nines + 1 = 10^38, one significant digit: exact.
        #expect(try Exact.add(nines, 1) == Money(1, exponent: 38))
    }

    @Test func aProductBeyond38DigitsIsInexact() throws {
        let big = Amount.parse("1234567890123456789012345678901234567.8")
        guard case .success(let a) = big else {
            Issue.record("does not parse")
            return
        }
        #expect(throws: Exact.Inexact("a product")) { try Exact.multiply(a.value, Money(111, exponent: -2)) }
        // Beyond 128 bits in the intermediate: decided by the digit multiplication, also inexact.
        #expect(throws: Exact.Inexact.self) { try Exact.multiply(a.value, a.value) }
        // 38 significant digits times 10: still 38.
        #expect(try Exact.multiply(a.value, 10).description == "12345678901234567890123456789012345678")
        // Trailing zeros cancel: 5^55 × 2^55 = 10^55 (the intermediate overflows, the result does not).
        var five: UInt128 = 1
        for _ in 0..<55 { five *= 5 }
        #expect(
            try Exact.multiply(Money(magnitude: five, exponent: 0), Money(magnitude: 1 << 55, exponent: 0))
                == Money(1, exponent: 55))
    }

    @Test func aQuotientIsExactOrRoundedUpAndRefusesBadOperands() throws {
        #expect(try Exact.divideRoundingUp(Money(3), Money(4)) == Money(75, exponent: -2))
        let third = try Exact.divideRoundingUp(Money(1), Money(3))
        #expect(third.description == "0." + String(repeating: "3", count: 34) + "4")
        #expect(try Exact.multiply(third, 3) >= 1)
        #expect(throws: Exact.Inexact("a quotient")) { try Exact.divideRoundingUp(Money(1), Money.zero) }
        #expect(throws: Exact.Inexact("a quotient")) { try Exact.divideRoundingUp(Money(-1), Money(3)) }
        #expect(try Exact.divideRoundingUp(Money.zero, Money(7)) == 0)
    }

    @Test func aRunningTotalKeepsItsFirstFailure() {
        var total = ExactTotal()
        total.add(Money(Decimal(string: String(repeating: "9", count: 38))!), "first")
        total.add(Money(1, exponent: -1), "the second step")
        total.add(1, "a later step")
        #expect(total.failure == Exact.Inexact("the second step"))
        var weighted = ExactTotal()
        weighted.add(Money(25, exponent: -1), times: Money(4), "weighted")
        #expect(weighted.value == 10)
        #expect(weighted.failure == nil)
    }

    @Test func canonicalTextHasNoExponentAndNoTrailingZeros() {
        #expect(Money(1200).description == "1200")
        #expect(Money(12, exponent: 2).description == "1200")
        #expect(Money(150, exponent: -2).description == "1.5")
        #expect(Money(1, exponent: -6).description == "0.000001")
        #expect(Money(-3).description == "-3")
        #expect(Money.zero.description == "0")
        #expect((-Money.zero).description == "0")
        #expect(Money(-1, exponent: -7).rounded(scale: 6).description == "0")
    }
}
