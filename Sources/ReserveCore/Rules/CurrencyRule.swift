import Foundation

/// RRT-CCY: reserves in the peg currency, or the mismatch covered by overcollateralisation.
struct CurrencyRule: Rule {
    let id = RuleID.rrtCcy
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves are in the peg currency, or the mismatch is absorbed by overcollateralisation after the FX add-on."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test: reserves in the peg currency (or basket proportions)"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserves in the peg currency")
    }
    func thresholds(in p: Profile) -> String? {
        let s = p.stress
        return "FX add-on \(s.currencyMismatchPercent)%"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let peg = a.token.peg.currency
        if let failure = c.inexactFinding(id) { return failure }
        var mismatchedTotal = ExactTotal()
        var lines: [String] = []
        for line in a.reserves where line.acquiredVia == .outright && line.currency != peg {
            mismatchedTotal.add(line.value.value, "the reserves not in \(peg)")
            lines.append(line.id)
        }
        if let inexact = mismatchedTotal.failure {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed)
        }
        let mismatched = mismatchedTotal.value
        let total = c.figures.countedReserves
        let share = total > 0 ? mismatched / total : 0
        var ev = CurrencyEvidence()
        ev.pegCurrency = peg
        ev.mismatchedValue = mismatched
        ev.mismatchedShare = share
        ev.mismatchedLines = lines
        ev.currencyAddOnPercent = c.profile.stress.currencyMismatchPercent
        if mismatched == 0 {
            return Finding(id, .pass, "every reserve asset is denominated in \(peg)", basis: .computed, evidence: ev)
        }
        guard let stress = c.figures.stress, stress.missing.isEmpty, let worst = stress.worst else {
            return Finding(
                id, .insufficientData,
                """
                \(percent(share)) of reserves are not in \(peg) and the stressed coverage that must absorb the \
                mismatch cannot be computed
                """,
                basis: .computed, evidence: ev)
        }
        ev.worstStressedNetReserves = worst.stressedNetReserves
        if worst.stressedNetReserves >= c.figures.aggregatePegValue {
            return Finding(
                id, .pass,
                """
                \(percent(share)) of reserves are not in \(peg); covered by overcollateralisation after the \
                \(c.profile.stress.currencyMismatchPercent)% currency add-on
                """,
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .fail,
            """
            \(percent(share)) of reserves are not in \(peg) and overcollateralisation does not absorb the \
            \(c.profile.stress.currencyMismatchPercent)% currency add-on
            """,
            basis: .computed, evidence: ev)
    }
}
