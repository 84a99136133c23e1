import Foundation
import Testing

@testable import ReserveCore

/// RRT-NET: net reserves (counted reserves − other claims) >= outstanding units × peg.
@Suite struct NetReservesRuleTests {
    @Test func eligibleFixturePassesWithItsCoverageAndFigures() throws {
        let finding = try RuleFixture.eligible().finding(NetReservesRule())
        // 20,100,000,000 + 10,050,000,000 = 30,150,000,000 against 30,000,000,000 × 1 JPY:
        // 30.15 / 30 = 1.005, margin 150,000,000.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NetReservesEvidence)?.outstandingUnits == ruleMoney("30000000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.aggregatePegValue == ruleMoney("30000000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.countedReserves == ruleMoney("30150000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.otherClaims == ruleMoney("0"))
        #expect((finding.evidence as? NetReservesEvidence)?.netReserves == ruleMoney("30150000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("150000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.$coverage == "1.005000")
    }

    @Test func coverageOfExactlyOneHundredPercentPasses() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit("dep", "20000000000", bank: "Example Trust Bank", rating: "A+"),
            RuleLine.centralBank("boj", "10000000000", issuer: "JP"),
        ]
        let finding = try f.finding(NetReservesRule())
        // 20,000,000,000 + 10,000,000,000 = 30,000,000,000 = 30,000,000,000 × 1.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("0"))
        #expect((finding.evidence as? NetReservesEvidence)?.$coverage == "1.000000")
    }

    @Test func oneSmallestUnitShortOfThePegValueFails() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.deposit("dep", "20000000000", bank: "Example Trust Bank", rating: "A+"),
            RuleLine.centralBank("boj", "9999999999.999999999999999999", issuer: "JP"),
        ]
        let context = try f.context()
        let finding = NetReservesRule().evaluate(context)
        // 30,000,000,000 − 0.000000000000000001 < 30,000,000,000.
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? NetReservesEvidence)?.netReserves == ruleMoney("29999999999.999999999999999999")
        )
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("-0.000000000000000001"))
        // The displayed ratio rounds to six places; the decision uses the exact figures.
        #expect((finding.evidence as? NetReservesEvidence)?.$coverage == "1.000000")
        #expect(context.figures.coverage.map { $0 < 1 } == true)
    }

    @Test func otherClaimsOneSmallestUnitOverTheMarginFail() throws {
        var f = RuleFixture.eligible()
        f.claims("150000000.000000000000000001")
        let finding = try f.finding(NetReservesRule())
        // 30,150,000,000 − 150,000,000.000000000000000001 = 29,999,999,999.999999999999999999.
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? NetReservesEvidence)?.otherClaims == ruleMoney("150000000.000000000000000001"))
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("-0.000000000000000001"))
    }

    @Test func otherClaimsEqualToTheMarginStillPass() throws {
        var f = RuleFixture.eligible()
        f.claims("100000000", "50000000")
        let finding = try f.finding(NetReservesRule())
        // 30,150,000,000 − (100,000,000 + 50,000,000) = 30,000,000,000.
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NetReservesEvidence)?.otherClaims == ruleMoney("150000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.netReserves == ruleMoney("30000000000"))
    }

    @Test func missingOtherClaimsGiveInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["otherClaims"] = nil
        let finding = try f.finding(NetReservesRule())
        #expect(finding.status == .insufficientData)
        #expect(
            finding.message
                == "otherClaims is missing: net reserves cannot be computed (list claims, or [] for none)")
        #expect((finding.evidence as? NetReservesEvidence)?.countedReserves == ruleMoney("30150000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.netReserves == nil)
    }

    @Test func nonRedeemableUnitsStillCountInThePegValue() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = "30150000001"
        f["token", "outstanding", 0, "nonRedeemable"] = "150000001"
        let finding = try f.finding(NetReservesRule())
        // Every issued unit is a claim: 30,150,000,001 units against 30,150,000,000 of reserves,
        // short by 1 (before issue 12 the 150,000,001 non-redeemable units were left out).
        #expect(finding.status == .fail)
        #expect((finding.evidence as? NetReservesEvidence)?.outstandingUnits == ruleMoney("30150000001"))
        #expect((finding.evidence as? NetReservesEvidence)?.nonRedeemableUnits == ruleMoney("150000001"))
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("-1"))
    }

    @Test func cashReceivedUnderRepoAndCollateralSwapSecuritiesAreNotCounted() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "25000000000", issuer: "JP"),
            RuleLine.debt(
                "swap-jgb", "sovereign-bond", "3000000000", issuer: "JP", rating: "A+", maturity: RuleFixture.day(73),
                acquiredVia: "collateral-swap"),
            RuleLine.acquired(
                "repo-borrowing",
                RuleLine.deposit("repo-cash", "2000000000", bank: "Example Trust Bank", rating: "A+")),
        ]
        let finding = try f.finding(NetReservesRule())
        // Counted: 25,000,000,000 only (30,000,000,000 with the excluded 5,000,000,000 would pass).
        // Coverage 25 / 30 = 0.8333… -> "0.833333".
        #expect(finding.status == .fail)
        #expect((finding.evidence as? NetReservesEvidence)?.countedReserves == ruleMoney("25000000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.excludedLines == ["swap-jgb", "repo-cash"])
        #expect((finding.evidence as? NetReservesEvidence)?.excludedValue == ruleMoney("5000000000"))
        #expect((finding.evidence as? NetReservesEvidence)?.$coverage == "0.833333")
    }

    @Test func noUnitsIssuedIsInsufficientDataWithoutARatio() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = "0"
        let finding = try f.finding(NetReservesRule())
        // Nothing to test the reserves against: never a pass (issue 10, class 9).
        #expect(finding.status == .insufficientData)
        #expect((finding.evidence as? NetReservesEvidence)?.coverage == nil)
    }
}
