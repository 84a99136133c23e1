import Foundation

/// RRT-CONCENTRATION: the largest unsecured exposure to one counterparty defaults with the
/// profile's loss given default; always reported as "coverage if the largest counterparty fails".
/// SVB in March 2023 (USDC at 87 cents) is the case it exists for.
struct ConcentrationRule: Rule {
    let id = RuleID.rrtConcentration
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "The largest unsecured exposure to one counterparty (deposits, repos after stressed "
            + "collateral) defaults at the profile's loss given default: coverage if the largest counterparty fails."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test: redemption at all times, including extreme "
            + "stress"
    }
    var defaultSource: Source {
        .cre32LGD
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "largest unsecured counterparty defaults, LGD \(percent(t.concentrationLossGivenDefault)); "
            + (t.concentrationGates ? "fails" : "warns") + " below 100% coverage"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        if let failure = c.inexactFinding(id) { return failure }
        let t = c.profile.thresholds
        let source = c.profile.source(of: id)
        let f = c.figures
        var ev = ConcentrationEvidence()
        ev.lossGivenDefault = t.concentrationLossGivenDefault
        ev.aggregatePegValue = f.aggregatePegValue
        guard let stress = f.stress, let net = f.netReserves else {
            return Finding(
                id, .insufficientData, "otherClaims is missing: net reserves cannot be computed",
                basis: .computed,
                evidence: ev, source: source)
        }
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        guard let (name, exposure) = stress.largestUnsecured else {
            ev.margin = net - f.aggregatePegValue
            return Finding(
                id, net >= f.aggregatePegValue ? .pass : .fail, "no unsecured counterparty exposure",
                basis: .computed,
                evidence: ev, source: source)
        }
        let loss: Money
        let stressed: Money
        let margin: Money
        do throws(Exact.Inexact) {
            loss = try Exact.multiply(
                exposure, t.concentrationLossGivenDefault,
                "the loss if the largest counterparty fails")
            stressed = try Exact.subtract(net, loss, "the net reserves if the largest counterparty fails")
            margin = try Exact.subtract(stressed, f.aggregatePegValue, "the concentration margin")
        } catch {
            return Finding(
                id, .fail, error.message + ": the evaluation fails closed", basis: .computed,
                evidence: ev, source: source)
        }
        let coverage = stressed / f.aggregatePegValue
        ev.largestCounterparty = name
        ev.unsecuredExposure = exposure
        ev.loss = loss
        ev.stressedNetReserves = stressed
        ev.coverageIfLargestCounterpartyFails = coverage
        ev.margin = margin
        let text =
            "coverage if the largest counterparty fails (\(name), \(money(exposure)) unsecured, LGD "
            + "\(percent(t.concentrationLossGivenDefault))): \(percent(coverage))"
        if margin >= 0 {
            let headroom = Money.decimalDifference(coverage, 1)
            return Finding(
                id, .pass, text + ", headroom \(money(margin))", basis: .computed, evidence: ev,
                source: source
            )
            .withMargin(
                "concentration headroom \(money(margin)) (\(percent(headroom)) of the peg value)",
                fraction: headroom)
        }
        return Finding(
            id, t.concentrationGates ? .fail : .warn,
            text + ", short \(money(-margin))"
                + (t.concentrationGates ? "" : " (a calibration: warns under this profile)"),
            basis: .computed, evidence: ev, source: source)
    }
}
