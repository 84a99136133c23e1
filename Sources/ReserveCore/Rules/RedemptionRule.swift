import Foundation

/// CC2-REDEEM: the bank itself can redeem at par within the profile's days: directly, through a
/// named intermediary, or (when redemption is open to all holders) as a holder. Fails only when the
/// bank has no route; a coin whose every unit is non-redeemable cannot claim that all holders
/// redeem (issue 10, class 9).
struct RedemptionRule: Rule {
    let id = RuleID.cc2Redeem
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "The bank itself can redeem at par within the settlement limit (all holders, or the bank's "
            + "own route); an ordinary fee warns, a larger one fails."
    }
    var reference: String {
        "SCO60 classification condition 2: redemption; 5 calendar days per HKMA SPM CRP-1"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "settlement <= \(t.redemptionDays) calendar days; fee <= \(Amount.canonical(t.maxRedemptionFeePercent))%"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let limit = c.profile.thresholds.redemptionDays
        var ev = RedemptionEvidence()
        ev.maxSettlementDays = limit
        guard let r = c.attestation.token.redemption else {
            return Finding(id, .insufficientData, "token.redemption is missing", basis: .declared, evidence: ev)
        }
        ev.holders = r.holders.rawValue
        ev.settlementDays = r.settlementDays
        if let fee = r.feePercent { ev.feePercent = fee.value }
        let f = c.figures
        if f.inexact == nil, f.outstandingUnits > 0 {
            ev.nonRedeemableUnits = f.nonRedeemableUnits
            if f.nonRedeemableUnits >= f.outstandingUnits, r.holders != .none {
                return Finding(
                    id, .fail,
                    "contradiction: redemption is declared open to \(r.holders.rawValue) holders but every "
                        + "issued unit (\(money(f.outstandingUnits))) is marked non-redeemable",
                    basis: .computed, evidence: ev)
            }
        }
        // A minimum redemption above every redeemable unit together is one no holder can meet:
        // redemption is closed whatever `holders` says (2026-12-02; before, `minimumUnits` was unread).
        if f.inexact == nil, r.holders != .none, let minimum = r.minimumUnits,
            let redeemable = try? Exact.subtract(f.outstandingUnits, f.nonRedeemableUnits), minimum.value > redeemable
        {
            return Finding(
                id, .fail,
                "contradiction: the minimum redemption of \(money(minimum.value)) units exceeds every redeemable "
                    + "unit together (\(money(redeemable))): no holder can redeem", basis: .computed, evidence: ev)
        }
        let route = c.position?.redemptionRoute
        if let route { ev.bankRoute = route.description }
        if r.holders == .none {
            return Finding(id, .fail, "redemption is open to no holders", basis: .declared, evidence: ev)
        }
        if route == RedemptionRoute.none {
            return Finding(id, .fail, "the bank has no route to redeem at par", basis: .declared, evidence: ev)
        }
        if r.settlementDays > limit {
            return Finding(
                id, .fail, "redemption settles in \(r.settlementDays) days, more than \(limit)", basis: .declared,
                evidence: ev)
        }
        if r.holders == .restricted, route == nil {
            return Finding(
                id, .insufficientData,
                "redemption is restricted to some holders and the bank's own route is not given "
                    + "(its position's redemption route: direct, through a named intermediary, or none)",
                basis: .declared, evidence: ev)
        }
        ev.marginDays = limit - r.settlementDays
        let who = route.map { "the bank redeems \($0.description)" } ?? "all holders redeem"
        // A fee above an ordinary one (calibration, Profile.Thresholds) means holders do not redeem
        // at the peg value: it fails (2026-12-02; before, a 100% fee only warned).
        let maxFee = c.profile.thresholds.maxRedemptionFeePercent
        if let fee = r.feePercent, fee.value > maxFee {
            return Finding(
                id, .fail,
                "redemption costs a \(Amount.canonical(fee.value))% fee: holders receive less than the peg value, "
                    + "more than the \(Amount.canonical(maxFee))% an ordinary fee may take",
                basis: .declared, evidence: ev)
        }
        if let fee = r.feePercent, fee.value > 0 {
            return Finding(
                id, .warn,
                "\(who) within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s") but with a "
                    + "\(Amount.canonical(fee.value))% fee: holders receive less than the peg value",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "\(who) at peg within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s")",
            basis: .declared, evidence: ev
        )
        .withMargin(
            "\(limit - r.settlementDays) days inside the \(limit)-day settlement limit",
            fraction: Money(limit - r.settlementDays) / Money(max(1, limit)))
    }
}
