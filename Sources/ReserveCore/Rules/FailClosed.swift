import Foundation

extension RuleContext {
    /// A failing finding when the shared figures could not be computed exactly (issue 10, class 8):
    /// the rule stops rather than judge a rounded figure.
    func inexactFinding(_ id: RuleID) -> Finding? {
        guard let why = figures.inexact else { return nil }
        return Finding(
            id, .fail, "\(why): the evaluation fails closed", basis: .computed,
            evidence: InexactEvidence(inexact: why))
    }

    /// Issued units with a zero aggregate peg value never pass (issue 10, class 9): units at a
    /// zero peg value fail; no units issued at all is insufficient data (nothing can be tested).
    func zeroPegValueFinding(_ id: RuleID, evidence: some RuleEvidence) -> Finding? {
        guard figures.aggregatePegValue <= 0 else { return nil }
        if figures.outstandingUnits > 0 {
            return Finding(
                id, .fail,
                "\(money(figures.outstandingUnits)) units issued but the aggregate peg value is zero: "
                    + "holders' claims cannot be measured", basis: .computed, evidence: evidence)
        }
        return Finding(
            id, .insufficientData, "no units issued: there is nothing the reserves could be tested against",
            basis: .computed, evidence: evidence)
    }
}
