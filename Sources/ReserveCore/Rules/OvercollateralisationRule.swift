import Foundation

/// RRT-OC: after each stress scenario, net reserves still cover the peg value.
struct OvercollateralisationRule: Rule {
    let id = RuleID.rrtOC
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "After market, counterparty-default and combined stress, net reserves still cover the peg value."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (a): overcollateralisation against risks beyond the reference asset"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve value and composition")
    }
    func thresholds(in p: Profile) -> String? {
        let s = p.stress
        let shocks = s.rateShockBasisPoints.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        return
            """
            \(s.version): rate shock bp \(shocks), other \(s.defaultRateShockBasisPoints); debt haircuts AAA..AA- \
            \(s.highGradeHaircuts.map(String.init).joined(separator: "/"))%, A+..BBB- \
            \(s.investmentGradeHaircuts.map(String.init).joined(separator: "/"))% (<=1y/3y/5y/10y/>10y); gold \
            \(s.goldHaircutPercent)%, equity \(s.mainIndexEquityHaircutPercent)/\(s.otherEquityHaircutPercent)%; FX \
            +\(s.currencyMismatchPercent)%; default of largest unsecured counterparty below \
            \(s.counterpartyDefaultBelow.rawValue)
            """
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let f = c.figures
        var ev = OvercollateralisationEvidence()
        if let failure = c.inexactFinding(id) { return failure }
        ev.stressTable = c.profile.stress.version
        ev.aggregatePegValue = f.aggregatePegValue
        guard let stress = f.stress, let net = f.netReserves else {
            return Finding(
                id, .insufficientData, "otherClaims is missing: stressed net reserves cannot be computed",
                basis: .computed, evidence: ev)
        }
        ev.netReserves = net
        ev.scenarios = stress.scenarios.map {
            .init(
                name: $0.name, loss: $0.loss, stressedNetReserves: $0.stressedNetReserves, coverage: $0.coverage,
                defaultedCounterparty: $0.defaultedCounterparty)
        }
        ev.marketLossByLine = LineLosses(stress.marketLossByLine)
        if !stress.assumptions.isEmpty { ev.assumptions = stress.assumptions }
        if !stress.missing.isEmpty {
            ev.missingData = stress.missing
            return Finding(
                id, .insufficientData,
                """
                stress loss cannot be computed: missing \(stress.missing.prefix(5).joined(separator: "; "))\
                \(stress.missing.count > 5 ? " and \(stress.missing.count - 5) more" : "")
                """,
                basis: .computed, evidence: ev)
        }
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        guard let worst = stress.worst else {
            return Finding(
                id, .insufficientData, "no stress scenario could be computed", basis: .computed,
                evidence: ev)
        }
        let held = (net - f.aggregatePegValue) / f.aggregatePegValue
        let needed = worst.loss / f.aggregatePegValue
        guard let margin = try? Exact.subtract(worst.stressedNetReserves, f.aggregatePegValue) else {
            return Finding(
                id, .fail, Exact.Inexact("the stressed margin").message + ": failing closed",
                basis: .computed, evidence: ev)
        }
        ev.worstScenario = worst.name
        ev.worstStressedNetReserves = worst.stressedNetReserves
        ev.margin = margin
        ev.overcollateralisationHeld = held
        ev.overcollateralisationNeeded = needed
        if margin >= 0 {
            let fraction = margin / f.aggregatePegValue
            return Finding(
                id, .pass,
                """
                worst scenario (\(worst.name)) leaves \(percent(worst.coverage ?? 0)) of peg value; \
                overcollateralisation held \(percent(held)), needed \(percent(needed))
                """,
                basis: .computed, evidence: ev
            )
            .withMargin(
                "stressed margin \(money(margin)) (\(percent(fraction)) of the peg value, "
                    + "\(worst.name))", fraction: fraction)
        }
        return Finding(
            id, .fail,
            """
            worst scenario (\(worst.name)) leaves \(percent(worst.coverage ?? 0)) of peg value, short \
            \(money(-margin)); overcollateralisation held \(percent(held)), needed \(percent(needed))
            """,
            basis: .computed, evidence: ev)
    }
}
