import Foundation

/// A running exact total for a rule's loop: the first inexact step is kept, and the rule fails
/// closed on it (``Exact/Inexact/message``).
public struct ExactTotal: Sendable, Hashable {
    public private(set) var value = Money.zero
    public private(set) var failure: Exact.Inexact?

    public init() {}

    public mutating func add(_ amount: Money, _ what: @autoclosure () -> String) {
        guard failure == nil else { return }
        do throws(Exact.Inexact) { value = try Exact.add(value, amount, what()) } catch { failure = error }
    }

    /// Adds `amount × factor`.
    public mutating func add(_ amount: Money, times factor: Money, _ what: @autoclosure () -> String) {
        guard failure == nil else { return }
        do throws(Exact.Inexact) {
            value = try Exact.add(
                value, try Exact.multiply(amount, factor, what()),
                what())
        } catch { failure = error }
    }

    /// The first failure among several totals.
    public static func failure(_ totals: ExactTotal...) -> Exact.Inexact? { totals.lazy.compactMap(\.failure).first }
}
