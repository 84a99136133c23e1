import Foundation

/// RRT-MATURITY: weighted-average residual maturity of the reserve pool (profiles that set a limit).
struct MaturityRule: Rule {
    let id = RuleID.rrtMaturity
    let condition = RuleCondition.redemptionRiskTest
    let gatesInEveryProfile = false
    var checks: String {
        "Weighted-average residual maturity of the reserve pool within the profile's limit."
    }
    var reference: String {
        "MAS implementation of SCO60 (consultation March 2025): reserve pool weighted-average maturity"
    }
    var defaultSource: Source {
        .masConsultation
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return t.maxWeightedAverageMaturityDays.map { "WAM <= \($0) days" } ?? "no limit"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = MaturityEvidence()
        guard let limit = c.profile.thresholds.maxWeightedAverageMaturityDays else {
            return Finding(
                id, .notApplicable, "this profile sets no weighted-average maturity limit", basis: .computed,
                evidence: ev)
        }
        ev.limitDays = limit
        var weightedTotal = ExactTotal()
        var valueTotal = ExactTotal()
        var missing: [String] = []
        var withoutMaturity: [String] = []
        for (i, line) in c.attestation.reserves.enumerated() where line.acquiredVia == .outright {
            var days: Int?
            switch line.assetClass {
            case .centralBankReserve: days = 0
            case .bankDeposit: days = line.callable == true ? 0 : c.figures.residualDays[i]
            case .reverseRepo: days = line.tenorDays
            case .moneyMarketFund: days = line.weightedAverageMaturityDays
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                days = c.figures.residualDays[i]
            case .gold, .equity, .cryptoasset, .other, .securedLoan:
                // No maturity at all: outside a weighted-average maturity (RRT-QUALITY judges them).
                withoutMaturity.append(line.id)
                continue
            }
            guard let days else {
                missing.append(line.id)
                continue
            }
            weightedTotal.add(line.value.value, times: Money(days), "the maturity-weighted reserves")
            valueTotal.add(line.value.value, "the reserves with a maturity")
        }
        if !missing.isEmpty {
            ev.missingData = missing
            return Finding(
                id, .insufficientData,
                """
                maturity (or tenorDays, weightedAverageMaturityDays) missing for \(missing.count) \
                line\(missing.count == 1 ? "" : "s"): \(missing.prefix(5).joined(separator: ", "))
                """,
                basis: .computed, evidence: ev)
        }
        if !withoutMaturity.isEmpty { ev.excludedWithoutMaturity = withoutMaturity }
        if let inexact = ExactTotal.failure(weightedTotal, valueTotal) {
            return Finding(id, .fail, inexact.message + ": the evaluation fails closed", basis: .computed, evidence: ev)
        }
        let (weighted, total) = (weightedTotal.value, valueTotal.value)
        let wam = total > 0 ? weighted / total : 0
        ev.weightedAverageMaturityDays = wam.fixed(1)
        // Decided on amounts: Σ value × days <= limit × Σ value (the average is display only).
        guard let allowed = try? Exact.multiply(total, Money(limit)) else {
            return Finding(
                id, .fail, Exact.Inexact("the maturity limit").message + ": the evaluation fails closed",
                basis: .computed, evidence: ev)
        }
        if weighted <= allowed {
            // `Decimal(limit) - wam` on the integers when that difference is exact (then `Decimal`'s
            // is the same number: aligning and subtracting lose nothing), else by `Decimal`.
            let exactSpare =
                Decimal.decimalLayoutIsKnown
                ? Decimal.exactParts(wam).flatMap { Money.sumIfRepresentable(Money(limit), -$0) } : nil
            let spareText: String
            let fraction: Decimal
            if let spare = exactSpare, spare.hasExactDecimal {
                spareText = spare.fixed(1)
                fraction = spare / Money(max(1, limit))
            } else {
                let spare = Decimal(limit) - wam
                spareText = spare.fixed(1)
                fraction = spare / Decimal(max(1, limit))
            }
            return Finding(
                id, .pass, "weighted-average maturity \(wam.fixed(1)) days, within \(limit)", basis: .computed,
                evidence: ev
            )
            .withMargin("\(spareText) days inside the \(limit)-day WAM limit", fraction: fraction)
        }
        return Finding(
            id, .fail, "weighted-average maturity \(wam.fixed(1)) days, over \(limit)", basis: .computed, evidence: ev)
    }
}
