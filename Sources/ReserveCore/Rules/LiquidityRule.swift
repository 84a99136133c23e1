import Foundation

/// RRT-LIQUIDITY (tentative): assets available the same day cover a share of the peg value.
struct LiquidityRule: Rule {
    let id = RuleID.rrtLiquidity
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = false
    var checks: String {
        """
        Assets available the same day (central bank reserves, callable deposits, overnight reverse repo, short bills \
        after haircut) cover a share of the peg value.
        """
    }
    var reference: String {
        "SCO60 condition 1, redemption risk test (b): liquidity of reserves (tentative reading)"
    }
    var defaultSource: Source {
        .calibration("same-day liquidity share (20%): a tool calibration, tentative")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return
            "same-day assets >= \(percent(t.sameDayLiquidityShare)) of peg value; bills <= \(t.sameDayBillMaxDays) days"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let t = c.profile.thresholds
        if let failure = c.inexactFinding(id) { return failure }
        var sameDayTotal = ExactTotal()
        var lines: [String] = []
        for (i, line) in a.reserves.enumerated() where line.acquiredVia == .outright {
            var available: Money?
            switch line.assetClass {
            case .centralBankReserve: available = line.value.value
            case .bankDeposit where line.callable == true: available = line.value.value
            case .reverseRepo where (line.tenorDays ?? Int.max) <= 1: available = line.value.value
            case .sovereignBill where (c.figures.residualDays[i] ?? Int.max) <= t.sameDayBillMaxDays:
                let what = "the stressed value of reserves line \(line.id)"
                do throws(Exact.Inexact) {
                    available = try Exact.subtract(
                        line.value.value,
                        c.figures.stress?.marketLossByLine[line.id] ?? 0, what)
                } catch {
                    return Finding(id, .fail, error.message + ": the evaluation fails closed", basis: .computed)
                }
            default: break
            }
            if let available {
                sameDayTotal.add(available, "the same-day assets")
                lines.append(line.id)
            }
        }
        if let inexact = sameDayTotal.failure {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed)
        }
        let sameDay = sameDayTotal.value
        let peg = c.figures.aggregatePegValue
        var ev = LiquidityEvidence()
        ev.sameDayAssets = sameDay
        ev.sameDayLines = lines
        ev.aggregatePegValue = peg
        ev.requiredShare = t.sameDayLiquidityShare
        if let blocked = c.zeroPegValueFinding(id, evidence: ev) { return blocked }
        let share = sameDay / peg
        ev.share = share
        // The decision compares amounts (same-day assets >= share × peg value), never the rounded ratio.
        guard let required = try? Exact.multiply(peg, t.sameDayLiquidityShare) else {
            return Finding(
                id, .fail,
                Exact.Inexact("the required same-day amount").message
                    + ": the evaluation fails closed",
                basis: .computed, evidence: ev)
        }
        ev.requiredSameDayAssets = required
        if sameDay >= required {
            return Finding(
                id, .pass,
                "same-day assets cover \(percent(share)) of peg value (at least \(percent(t.sameDayLiquidityShare)))",
                basis: .computed, evidence: ev)
        }
        return Finding(
            id, .fail,
            "same-day assets cover \(percent(share)) of peg value, below \(percent(t.sameDayLiquidityShare))",
            basis: .computed, evidence: ev)
    }
}
