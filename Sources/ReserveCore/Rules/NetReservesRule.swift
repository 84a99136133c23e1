import Foundation

/// RRT-NET: net reserves cover the aggregate peg value.
struct NetReservesRule: Rule {
    let id = RuleID.rrtNet
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves (excluding cash received under repos and collateral-swap securities) minus other "
            + "claims >= every issued unit (non-redeemable ones included) x peg; exact or fails closed."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (a): reserve value net of non-holder claims >= aggregate peg value"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, redemption risk test: reserve value and composition")
    }
    func thresholds(in p: Profile) -> String? {
        "coverage >= 100%"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let f = c.figures
        var ev = NetReservesEvidence()
        if let failure = c.inexactFinding(id) { return failure }
        ev.outstandingUnits = f.outstandingUnits
        ev.nonRedeemableUnits = f.nonRedeemableUnits
        if f.outstandingUnits > 0 { ev.nonRedeemableShare = f.nonRedeemableUnits / f.outstandingUnits }
        ev.pegValuePerUnit = c.attestation.token.peg.valuePerUnit.value
        ev.pegCurrency = c.attestation.token.peg.currency
        ev.aggregatePegValue = f.aggregatePegValue
        ev.countedReserves = f.countedReserves
        ev.excludedLines = f.excludedLines
        ev.excludedValue = f.excludedValue
        guard let claims = f.otherClaims, let net = f.netReserves else {
            return Finding(
                id, .insufficientData,
                "otherClaims is missing: net reserves cannot be computed (list claims, or [] for none)",
                basis: .computed, evidence: ev)
        }
        ev.otherClaims = claims
        ev.netReserves = net
        ev.margin = net - f.aggregatePegValue
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        let coverage = net / f.aggregatePegValue
        ev.coverage = coverage
        if net >= f.aggregatePegValue {
            let headroom = Money.decimalDifference(coverage, 1)
            return Finding(
                id, .pass,
                "net reserves \(money(net)) cover \(money(f.aggregatePegValue)) at peg: coverage \(percent(coverage))",
                basis: .computed, evidence: ev
            )
            .withMargin(
                "coverage margin \(money(net - f.aggregatePegValue)) (\(percent(headroom)) of the peg "
                    + "value)",
                fraction: headroom)
        }
        return Finding(
            id, .fail,
            """
            net reserves \(money(net)) fall \(money(f.aggregatePegValue - net)) short of \(money(f.aggregatePegValue)) \
            at peg: coverage \(percent(coverage))
            """,
            basis: .computed, evidence: ev)
    }
}
