import Foundation
import Testing

@testable import ReserveCore

/// The four sample payloads under bcbs at 2026-11-22T00:00:00Z (drafts: signatures not checked).
@Suite struct RuleSampleTests {
    private func evaluate(_ name: String, _ profile: Profile = .bcbs) throws -> Evaluation {
        Evaluator(profile: profile).evaluateDraft(try ruleSample(name), at: RuleFixture.evaluatedAt)
    }

    @Test func kizunaYenIsEligible() throws {
        let evaluation = try evaluate("kizuna-yen-2026-10")
        #expect(evaluation.verdict.eligible)
        #expect(evaluation.verdict.group == .group1b)
        #expect(evaluation.verdict.blocking == [])
        // 20,100,000,000 + 10,050,000,000 = 30,150,000,000 against 30,000,000,000 JPY: 1.005.
        let net = try #require(evaluation.ruleFinding(.rrtNet))
        #expect((net.evidence as? NetReservesEvidence)?.$coverage == "1.005000")
        #expect((net.evidence as? NetReservesEvidence)?.netReserves == ruleMoney("30150000000"))
        #expect(evaluation.coverage == ruleDecimal("1.005"))
        // The deposit is at Example Custody Bank, outside the issuing consortium (before issue 12 it
        // sat with consortium member Example Trust Bank, which CC1-CUSTODY now fails). The largest
        // counterparty failing at 45% LGD: 30,150,000,000 − 9,045,000,000 = 21,105,000,000 (70.35%):
        // a calibration, so a warning.
        #expect(evaluation.ruleFinding(.cc1Custody)?.status == .pass)
        let concentration = try #require(evaluation.ruleFinding(.rrtConcentration))
        #expect(concentration.status == .warn)
        #expect((concentration.evidence as? ConcentrationEvidence)?.$coverageIfLargestCounterpartyFails == "0.703500")
    }

    @Test func sakuraPayFailsOnStressAndPermissionlessNetworks() throws {
        let evaluation = try evaluate("sakura-pay-2026-10")
        #expect(evaluation.verdict.eligible == false)
        // CC4-ENTITIES: the validators of ethereum and polygon are unregulated and no operator covers them.
        #expect(evaluation.verdict.blocking == [.rrtOC, .cc3Permissionless, .cc4Entities])
        #expect(evaluation.verdict.group == .group2b)

        // Outstanding 9,000,000,000 + 3,000,000,000 = 12,000,000,000 JPY. Reserves 1,500,000,000 +
        // 1,000,000,000 + 9,600,000,000 = 12,100,000,000, less claims 1,000,000 = 12,099,000,000:
        // coverage 12.099 / 12 = 1.00825.
        let net = try #require(evaluation.ruleFinding(.rrtNet))
        #expect(net.status == .pass)
        #expect((net.evidence as? NetReservesEvidence)?.netReserves == ruleMoney("12099000000"))
        #expect((net.evidence as? NetReservesEvidence)?.$coverage == "1.008250")

        // JGB: 2026-10-31 -> 2030-03-20 = 1,096 days (three years with 29 Feb 2028) + 140 days
        // (30 + 31 + 31 + 28 + 20) = 1,236 days. Loss 9,600,000,000 × 1236/365 × 1%
        // = 118,656,000,000 / 365 = 325,084,931.506849315068493150684931… (rounded up in its 26th
        // decimal: the exact quotient does not terminate)
        // Deposits are at A and A- banks: no default. Market = combined; "market" comes first.
        // Stressed 12,099,000,000 − 325,084,931.5068… = 11,773,915,068.4931…; / 12e9 = 0.981159589…
        // Margin 11,773,915,068.4931… − 12,000,000,000 = −226,084,931.5068…
        // Held 99,000,000 / 12e9 = 0.00825; needed 325,084,931.5068… / 12e9 = 0.0270904109…
        let oc = try #require(evaluation.ruleFinding(.rrtOC))
        #expect(oc.status == .fail)
        #expect((oc.evidence as? OvercollateralisationEvidence)?.worstScenario == "market")
        #expect(oc.ruleScenario("market")?.$coverage == "0.981160")
        #expect(oc.ruleScenario("counterparty-default")?.$loss == "0")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.008250")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationNeeded == "0.027090")
        // The strings as computed. By hand, 118,656,000,000 / 365 =
        // 325,084,931.506849315068493150684931506849315…, shown rounded to 6 places.
        #expect(oc.ruleMarketLoss("jgb-1") == Self.sakuraJGBLoss)
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$margin == Self.sakuraMargin)
        let loss = try #require(try RuleFixture.stress(of: ruleSample("sakura-pay-2026-10"))?.marketLossByLine["jgb-1"])
        #expect(loss.decimal.rounded(scale: 20, .plain) == ruleDecimal("325084931.50684931506849315068"))
        #expect((evaluation.stressedCoverage ?? 0).rounded(scale: 9, .plain) == ruleDecimal("0.981159589"))
        #expect(
            oc.message
                == "worst scenario (market) leaves 98.12% of peg value, short 226,084,931.51; "
                + "overcollateralisation held 0.82%, needed 2.71%")

        // The JGB is rated A+ but is Japan's own-currency debt in a JPY coin: eligible.
        #expect(evaluation.ruleFinding(.rrtQuality)?.status == .pass)
        #expect(evaluation.ruleFinding(.rrtAudit)?.status == .pass)
    }

    // 325084931.5068493150684931… rounded half-even to 6 places for display.
    static let sakuraJGBLoss = "325084931.506849"
    static let sakuraMargin = "-226084931.506849"  // rounded half-even to 6 places for display

    @Test func harborUsdIsBlockedByPermissionlessNetworksAndTheirValidatorsUnderBcbs() throws {
        let evaluation = try evaluate("harbor-usd-2026-10")
        #expect(evaluation.verdict.eligible == false)
        #expect(evaluation.verdict.blocking == [.cc3Permissionless, .cc4Entities])
        #expect(evaluation.ruleFinding(.rrtNet)?.status == .pass)
        #expect(evaluation.ruleFinding(.rrtOC)?.status == .pass)
        #expect(evaluation.ruleFinding(.rrtQuality)?.status == .pass)

        // Outstanding 4,200,000,000 + 800,000,000 = 5,000,000,000 USD. Reserves 3,500,000,000 +
        // 1,000,000,000 + 540,000,000 = 5,040,000,000, less 2,000,000 = 5,038,000,000: 1.0076.
        let net = try #require(evaluation.ruleFinding(.rrtNet))
        #expect((net.evidence as? NetReservesEvidence)?.$coverage == "1.007600")
        // T-bill: 2026-10-31 -> 2027-01-28 = 30 + 31 + 28 = 89 days; 3,500,000,000 × 89/365 × 2%
        // = 6,230,000,000 / 365 = 17,068,493.150684931… Stressed 5,020,931,506.849315…: 1.0041863…
        // Repo collateral: 2026-10-31 -> 2030-05-15 = 1,096 + 196 = 1,292 days; 1,020,000,000 × 1292/365
        // × 2% = 72,210,410.9589…; unsecured 52,210,410.96… but the dealer is A+: no default.
        let oc = try #require(evaluation.ruleFinding(.rrtOC))
        #expect((oc.evidence as? OvercollateralisationEvidence)?.worstScenario == "market")
        #expect(oc.ruleScenario("market")?.$coverage == "1.004186")
        #expect(oc.ruleScenario("counterparty-default")?.$loss == "0")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.007600")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationNeeded == "0.003414")
        let billLoss = try #require(
            try RuleFixture.stress(of: ruleSample("harbor-usd-2026-10"))?.marketLossByLine["tbill-2027-01-28"])
        #expect(billLoss.decimal.rounded(scale: 12, .plain) == ruleDecimal("17068493.150684931507"))
    }

    @Test func harborUsdIsNoLongerEligibleUnderHkma() throws {
        // Before issue 12 a mitigation URL passed CC3 under hkma; it now needs structured evidence,
        // and CC4 covers the unregulated validators of ethereum and solana.
        let evaluation = try evaluate("harbor-usd-2026-10", .hkma)
        #expect(evaluation.verdict.eligible == false)
        #expect(evaluation.verdict.profile == "hkma@2026-01-01")
        #expect(evaluation.verdict.blocking == [.cc3Permissionless, .cc4Entities])
    }

    @Test func tidelineUsdFailsQualityStressAndCryptoReference() throws {
        let evaluation = try evaluate("tideline-usd-2026-10")
        #expect(evaluation.verdict.eligible == false)
        // Every gating rule blocks except ATT-TIME, CC1-PEG and RRT-NET: fails for crypto reserves,
        // stress, quality, the unabsorbed XAU mismatch, 30/90-day disclosure, agreed-upon procedures
        // instead of an audit, issuer-held reserves, restricted 7-day redemption, a permissionless
        // network, an unregulated issuer; insufficient data for governance, regulation, legal
        // opinions, finality, the network risk assessment and governance disclosure.
        #expect(
            evaluation.verdict.blocking == [
                .cc1NoCryptoRef, .rrtOC, .rrtQuality, .rrtCcy, .rrtGov, .rrtDisclose, .rrtAudit, .cc1Supervised,
                .cc1Custody,
                .cc2Legal, .cc2Finality, .cc2Redeem, .cc3Network, .cc3Permissionless, .cc4Entities, .cc4Governance,
            ])
        #expect(evaluation.ruleFinding(.rrtQuality)?.status == .fail)
        #expect(evaluation.ruleFinding(.rrtOC)?.status == .fail)
        #expect(evaluation.ruleFinding(.cc1NoCryptoRef)?.status == .fail)

        // Outstanding 1,000,000,000 (the 15,000,000 non-redeemable units count too, issue 12). Reserves
        // 400,000,000 + 300,000,000 + 250,000,000 + 100,000,000 = 1,050,000,000, less 20,000,000 =
        // 1,030,000,000: 1030/1000 = 1.03.
        let net = try #require(evaluation.ruleFinding(.rrtNet))
        #expect(net.status == .pass)
        #expect((net.evidence as? NetReservesEvidence)?.$coverage == "1.030000")
        #expect((net.evidence as? NetReservesEvidence)?.$nonRedeemableShare == "0.015000")

        // Every line is ineligible (crypto, gold, loans, an unrated bank): share 1.
        let quality = try #require(evaluation.ruleFinding(.rrtQuality))
        #expect((quality.evidence as? ReserveQualityEvidence)?.ineligibleValue == ruleMoney("1050000000"))
        #expect((quality.evidence as? ReserveQualityEvidence)?.$ineligibleShare == "1.000000")

        // Market: bitcoin 100% = 400,000,000; gold 20% + 8% (XAU, not USD) of 300,000,000 = 84,000,000;
        // loans 100% = 250,000,000; deposit 0. Total 734,000,000 -> 296,000,000 (0.296).
        // Default: the unrated bank's 100,000,000 -> 930,000,000 (0.93).
        // Combined: 734,000,000 + 100,000,000 = 834,000,000 -> 196,000,000 (196/1000 = 0.196).
        let oc = try #require(evaluation.ruleFinding(.rrtOC))
        #expect(oc.ruleMarketLoss("btc-1") == "400000000")
        #expect(oc.ruleMarketLoss("gold-1") == "84000000")
        #expect(oc.ruleMarketLoss("loans-1") == "250000000")
        #expect(oc.ruleMarketLoss("dep-1") == "0")
        #expect(oc.ruleScenario("market")?.$coverage == "0.296000")
        #expect(
            oc.ruleScenario("counterparty-default")?.defaultedCounterparty == "Example Offshore Bank")
        #expect(oc.ruleScenario("counterparty-default")?.$coverage == "0.930000")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.worstScenario == "combined")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$worstStressedNetReserves == "196000000")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$margin == "-804000000")
        // Held 30,000,000 / 1,000,000,000 = 0.03; needed 834,000,000 / 1,000,000,000 = 0.834.
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.030000")
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationNeeded == "0.834000")
        #expect(evaluation.stressedCoverage == ruleDecimal("0.196"))
    }
}
