import Foundation

/// G2A-HEDGING: Group 2a hedging recognition (needs market data; tentative).
struct HedgingRule: Rule {
    let id = RuleID.g2aHedging
    let condition = RuleCondition.group2a
    let gatesInEveryProfile = false
    var checks: String {
        """
        Group 2a hedging recognition: regulated derivative or ETF, market cap, volume, price observations (needs \
        market data).
        """
    }
    var reference: String {
        "SCO60 Group 2a hedging recognition criteria (tentative)"
    }
    var defaultSource: Source {
        .sco60("Group 2a hedging recognition criteria")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return
            """
            market cap >= USD \(money(t.hedgingMarketCapUSD)), daily volume >= USD \(money(t.hedgingDailyVolumeUSD)), \
            >= \(t.hedgingPriceObservations) observations
            """
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let t = c.profile.thresholds
        var ev = HedgingEvidence()
        ev.minMarketCapitalisationUSD = t.hedgingMarketCapUSD
        ev.minDailyVolumeUSD = t.hedgingDailyVolumeUSD
        ev.minPriceObservations = t.hedgingPriceObservations
        guard let m = c.attestation.marketData else {
            return Finding(
                id, .insufficientData, "no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b",
                basis: .declared, evidence: ev)
        }
        ev.referencedByRegulatedProduct = m.referencedByRegulatedProduct
        ev.averageMarketCapitalisationUSD = m.averageMarketCapitalisationUSD.value
        ev.trimmedMeanDailyVolumeUSD = m.trimmedMeanDailyVolumeUSD.value
        ev.priceObservations = m.priceObservations
        var problems: [String] = []
        if !m.referencedByRegulatedProduct { problems.append("no regulated derivative or ETF references it") }
        if m.averageMarketCapitalisationUSD.value < t.hedgingMarketCapUSD {
            problems.append("market capitalisation below USD \(money(t.hedgingMarketCapUSD))")
        }
        if m.trimmedMeanDailyVolumeUSD.value < t.hedgingDailyVolumeUSD {
            problems.append("daily volume below USD \(money(t.hedgingDailyVolumeUSD))")
        }
        if m.priceObservations < t.hedgingPriceObservations {
            problems.append("fewer than \(t.hedgingPriceObservations) price observations")
        }
        if problems.isEmpty {
            return Finding(
                id, .pass, "meets the hedging recognition criteria (Group 2a if not 1b)", basis: .declared, evidence: ev
            )
        }
        return Finding(id, .fail, problems.joined(separator: "; "), basis: .declared, evidence: ev)
    }
}
