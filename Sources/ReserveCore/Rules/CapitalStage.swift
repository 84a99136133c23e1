import Foundation

/// The capital stage of the evaluation, after the verdict.
enum CapitalStage {
    /// The capital stage: every capital rule in catalogue order, never gating.
    static func findings(_ verdict: Verdict, position: BankPosition?) -> [Finding] {
        let context = CapitalContext(verdict: verdict, position: position)
        return Rules.capital.map {
            var f = $0.evaluate(context)
            f.gating = false
            return f
        }
    }
}
