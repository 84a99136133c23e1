import Foundation

/// RRT-TENOR: deposit terms and residual maturities within the profile's limits. Under `hkma`
/// the HKMA's reserve rules for licensed issuers gate. Elsewhere a one-year calibration warns for
/// securities (marketable: their price risk is RRT-OC's stress) and fails for a term deposit,
/// which cannot be withdrawn before its maturity and so cannot be liquidated rapidly (basel-text,
/// redemption risk test (b); 2026-12-02: before, a 30-year term deposit only warned under `bcbs`).
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
            + (l.gates ? "; fails" : "; a term deposit beyond it fails, a security warns")
    }

    /// The source of a failure for a term deposit beyond the limit where the profile's limits
    /// only warn: the Basel text's "liquidated rapidly", with the tool's one-year calibration.
    static let lockedDepositSource = Source.sco60(
        "redemption risk test (b): reserve assets that can be liquidated rapidly; a term deposit cannot be "
            + "withdrawn before its maturity (the term limit is the tool's calibration)")

    /// What a deposit's line is checked for, as its evidence names it.
    static let depositTerm = "deposit term (maturity)"

    func evaluate(_ c: RuleContext) -> Finding {
        let l = c.profile.thresholds.tenor
        let source = c.profile.source(of: id)
        var ev = TenorEvidence()
        ev.depositMaxTermDays = l.depositMaxTermDays
        ev.securityMaxResidualDays = l.securityMaxResidualDays
        if let repo = l.reverseRepoMaxTenorDays { ev.reverseRepoMaxTenorDays = repo }
        var over: [TenorEvidence.OverLimit] = []
        var missing: [String] = []
        // The term deposits beyond their limit, and whether one has no date (decided here, not
        // read back from the texts above).
        var lockedDeposits: [TenorEvidence.OverLimit] = []
        var depositUndated = false
        var smallestHeadroom: Int?
        var closest: (days: Int, limit: Int)?
        func check(_ id: String, days: Int?, limit: Int, what: String, deposit: Bool = false) {
            guard let days else {
                missing.append("\(id): \(what)")
                if deposit { depositUndated = true }
                return
            }
            if days > limit {
                over.append(.init(id: id, days: days, limitDays: limit, what: what))
                if deposit { lockedDeposits.append(over[over.count - 1]) }
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
                    what: Self.depositTerm, deposit: true)
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
            // A term deposit beyond the limit fails where the limits otherwise only warn (above).
            if !l.gates, !lockedDeposits.isEmpty {
                let named = lockedDeposits.prefix(5).map { "\($0.id) \($0.days) days (limit \($0.limitDays))" }
                return Finding(
                    id, .fail,
                    "\(lockedDeposits.count) term deposit\(lockedDeposits.count == 1 ? "" : "s") beyond the term "
                        + "limit, which cannot be withdrawn before maturity to meet redemptions: "
                        + named.joined(separator: ", "),
                    basis: .computed, evidence: ev, source: Self.lockedDepositSource)
            }
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
            // A deposit neither callable nor dated may be locked for any term: what fails above
            // cannot pass for want of its date (DESIGN: missing data is insufficient, not a guess).
            return Finding(
                id, l.gates || depositUndated ? .insufficientData : .warn,
                "term or maturity missing for \(missing.count) line"
                    + "\(missing.count == 1 ? "" : "s"): \(missing.prefix(5).joined(separator: ", "))",
                basis: .computed, evidence: ev, source: !l.gates && depositUndated ? Self.lockedDepositSource : source)
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
