import Foundation

/// A rule of the capital stage (G2-LIMIT, G2B-RW): what the verdict means for the bank's capital.
/// Never gating (they judge the bank's book, not the coin); computed after the verdict, from the
/// bank's own figures.
protocol CapitalRule: RuleDescription {
    func evaluate(_ context: CapitalContext) -> Finding
}
