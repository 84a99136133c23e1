import Foundation

/// RRT-TENOR: deposit terms and residual maturities within the profile's limits. Under `hkma`
/// the HKMA's reserve rules for licensed issuers gate; elsewhere a one-year calibration warns.
struct TenorRule: Rule {
    let id = RuleID.rrtTenor
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = true
    var checks: String {
        "Each deposit's term and each security's residual maturity (and reverse repo tenor) within "
            + "the profile's limits."
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (b): short-dated reserves; HKMA licensed-issuer "
            + "reserve rules"
    }
    var defaultSource: Source {
        .calibration(
            "residual maturity and deposit term <= 1 year (calibration of the "
                + "reserve-quality test)")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        let l = t.tenor
        return "deposit term <= \(l.depositMaxTermDays) days, securities <= \(l.securityMaxResidualDays) days "
            + "residual"
            + (l.reverseRepoMaxTenorDays.map { ", reverse repo <= \($0) day\($0 == 1 ? "" : "s")" } ?? "")
            + (l.gates ? "; fails" : "; warns")
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let l = c.profile.thresholds.tenor
        let source = c.profile.source(of: id)
        var ev = TenorEvidence()
        ev.depositMaxTermDays = l.depositMaxTermDays
        ev.securityMaxResidualDays = l.securityMaxResidualDays
        if let repo = l.reverseRepoMaxTenorDays { ev.reverseRepoMaxTenorDays = repo }
        var over: [TenorEvidence.OverLimit] = []
        var missing: [String] = []
        var smallestHeadroom: Int?
        var closest: (days: Int, limit: Int)?
        func check(_ id: String, days: Int?, limit: Int, what: String) {
            guard let days else {
                missing.append("\(id): \(what)")
                return
            }
            if days > limit {
                over.append(.init(id: id, days: days, limitDays: limit, what: what))
            } else {
                smallestHeadroom = min(smallestHeadroom ?? Int.max, limit - days)
                // The line closest to its own limit, as a fraction of that limit.
                if closest.map({ (limit - days) * $0.limit < $0.days * limit }) ?? true {
                    closest = (limit - days, limit)
                }
            }
        }
        // Each line read in place (no copy of it).
        let reserves = c.attestation.reserves
        for i in reserves.indices where reserves[i].acquiredVia == .outright {
            switch reserves[i].assetClass {
            case .bankDeposit:
                if reserves[i].callable == true { continue }
                check(
                    reserves[i].id, days: c.figures.residualDays[i], limit: l.depositMaxTermDays,
                    what: "deposit term (maturity)")
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                check(
                    reserves[i].id, days: c.figures.residualDays[i], limit: l.securityMaxResidualDays,
                    what: "residual maturity")
            case .reverseRepo:
                if let limit = l.reverseRepoMaxTenorDays {
                    check(
                        reserves[i].id, days: reserves[i].tenorDays, limit: limit,
                        what: "tenorDays")
                }
            default:
                continue
            }
        }
        ev.overLimit = over
        if let smallestHeadroom { ev.marginDays = smallestHeadroom }
        if !over.isEmpty {
            let status: FindingStatus = l.gates ? .fail : .warn
            let named = over.prefix(5).map { "\($0.id) \($0.days) days (limit \($0.limitDays))" }
            return Finding(
                id, status,
                "\(over.count) reserve line\(over.count == 1 ? "" : "s") beyond the term limits: "
                    + named.joined(separator: ", ")
                    + " (\(source.kind == .toolCalibration ? "a calibration" : "jurisdiction rule"))",
                basis: .computed, evidence: ev, source: source)
        }
        if !missing.isEmpty {
            ev.missingData = missing
            return Finding(
                id, l.gates ? .insufficientData : .warn,
                "term or maturity missing for \(missing.count) line"
                    + "\(missing.count == 1 ? "" : "s"): \(missing.prefix(5).joined(separator: ", "))",
                basis: .computed, evidence: ev, source: source)
        }
        let pass = Finding(
            id, .pass,
            "every deposit term and residual maturity within the limits"
                + (smallestHeadroom.map { " (closest: \($0) days to spare)" } ?? ""),
            basis: .computed, evidence: ev, source: source)
        guard let closest else { return pass }
        return pass.withMargin(
            "\(closest.days) days inside a \(closest.limit)-day term limit",
            fraction: Money(closest.days) / Money(max(1, closest.limit)))
    }
}
