import Foundation
import Testing

@testable import ReserveCore

/// `Exact.divideRoundingUp` computes each digit reading and product once: its results must be
/// those of the algorithm as first written (kept here as the reference), on every input.
@Suite struct ExactDivisionTests {
    /// The algorithm before the change, verbatim apart from its name.
    static func reference(_ a: Decimal, _ b: Decimal) throws(Exact.Inexact) -> Decimal {
        let what = "a quotient"
        guard b > 0, a >= 0 else { throw Exact.Inexact(what) }
        if let exact = try? Exact.divide(a, b) { return exact }
        var x = a
        var y = b
        var r = Decimal()
        _ = NSDecimalDivide(&r, &x, &y, .plain)
        let room = Amount.maxDigits - Exact.Digits(b).digits.count - 1
        let integerDigits = max(
            1,
            Exact.Digits(r.rounded(scale: 0, .down)).digits.count
                + Exact.Digits(r.rounded(scale: 0, .down)).exponent)
        let scale = room - integerDigits
        var q = r.rounded(scale: scale, .up)
        let step = Decimal(sign: .plus, exponent: -scale, significand: 1)
        if (try Exact.multiply(q, b, what)) < a { q = try Exact.add(q, step, what) }
        guard (try Exact.multiply(q, b, what)) >= a else { throw Exact.Inexact(what) }
        return q
    }

    static func outcome(_ body: () throws(Exact.Inexact) -> Decimal) -> String {
        do throws(Exact.Inexact) { return try body().description } catch { return "inexact" }
    }

    @Test func sameQuotientsAsTheAlgorithmAsFirstWritten() {
        let texts = [
            "0", "1", "3", "7", "10", "0.5", "2.25", "1000000", "365", "360", "30150000000", "30000000000.005",
            "123456789.123456789", "99999999999999999999", "0.000001", "1234567890123456789012345678", "17", "0.3",
        ]
        let values = texts.compactMap { Decimal(string: $0, locale: nil) }
        var compared = 0
        for a in values {
            for b in values {
                #expect(
                    Self.outcome { () throws(Exact.Inexact) in try Exact.divideRoundingUp(a, b) }
                        == Self.outcome { () throws(Exact.Inexact) in try Self.reference(a, b) }, "\(a) / \(b)")
                compared += 1
            }
        }
        #expect(compared == values.count * values.count)
        #expect(values.count == texts.count)
    }
}
