import ArgumentParser
import Foundation
import ReserveCore

/// `--exposure`, `--other-group2-exposure`, `--tier1-capital`: an exact non-negative decimal
/// (never a binary floating-point number), checked as the option is parsed.
struct AmountArgument: ExpressibleByArgument, Sendable {
    let amount: Amount

    init?(argument: String) {
        guard case .success(let amount) = Amount.parse(argument) else { return nil }
        self.amount = amount
    }
}
