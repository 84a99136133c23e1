import Foundation
import Testing

@testable import ReserveCore

/// Amounts with 18 decimal places and totals above 10^15 give exact figures (Decimal, never Double).
@Suite struct RuleDecimalExactnessTests {
    /// 10^15 + 10^-18 units at 1 JPY: 34 significant digits, which a Double cannot hold.
    static let units = "1000000000000000.000000000000000001"

    @Test func coverageOfOnePointFiveIsExact() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = Self.units
        f.reserves = [
            RuleLine.centralBank("boj", "1000000000000000.000000000000000001", issuer: "JP"),
            RuleLine.deposit("dep", "500000000000000.0000000000000000005", bank: "Example Trust Bank", rating: "A+"),
        ]
        let context = try f.context()
        // Reserves 1.5 × (10^15 + 10^-18) = 1,500,000,000,000,000.0000000000000000015; coverage exactly 3/2.
        #expect(context.figures.aggregatePegValue == ruleMoney(Self.units))
        #expect(context.figures.netReserves == ruleMoney("1500000000000000.0000000000000000015"))
        #expect(context.figures.coverage == ruleDecimal("1.5"))
        let finding = NetReservesRule().evaluate(context)
        #expect(finding.status == .pass)
        #expect(
            (finding.evidence as? NetReservesEvidence)?.netReserves
                == ruleMoney("1500000000000000.0000000000000000015"))
        #expect(
            (finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("500000000000000.0000000000000000005")
        )
        #expect((finding.evidence as? NetReservesEvidence)?.$coverage == "1.500000")
        // RRT-OC: no loss; held (1.5 − 1) = 0.5 exactly.
        let oc = OvercollateralisationRule().evaluate(context)
        #expect((oc.evidence as? OvercollateralisationEvidence)?.$overcollateralisationHeld == "0.500000")
        #expect(context.figures.stress?.worstCoverage == ruleDecimal("1.5"))
    }

    @Test func linesSummingToExactlyTheBigPegValuePass() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = Self.units
        f.reserves = [
            RuleLine.centralBank("boj", "999999999999999.999999999999999999", issuer: "JP"),
            RuleLine.deposit("dep", "0.000000000000000002", bank: "Example Trust Bank", rating: "A+"),
        ]
        let context = try f.context()
        // 999,999,999,999,999.999999999999999999 + 0.000000000000000002 = 10^15 + 10^-18 exactly.
        #expect(context.figures.countedReserves == ruleMoney(Self.units))
        #expect(context.figures.coverage == 1)
        #expect(NetReservesRule().evaluate(context).status == .pass)
    }

    @Test func bigPegValueShortByTheSmallestUnitFails() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = Self.units
        f.reserves = [RuleLine.centralBank("boj", "1000000000000000", issuer: "JP")]
        let context = try f.context()
        let finding = NetReservesRule().evaluate(context)
        // 10^15 against 10^15 + 10^-18: short by 10^-18, which Double would lose entirely.
        #expect(finding.status == .fail)
        #expect((finding.evidence as? NetReservesEvidence)?.margin == ruleMoney("-0.000000000000000001"))
        #expect(Double(ruleDecimal(Self.units).description) == 1e15)  // what Double would have seen
    }

    @Test func fractionalPegTimesBigUnitsIsExact() throws {
        var f = RuleFixture.eligible()
        f["token", "peg", "valuePerUnit"] = "0.000000000000000001"
        f.issuedUnits = "3000000000000000000"
        f.reserves = [RuleLine.centralBank("boj", "3", issuer: "JP")]
        let context = try f.context()
        // 3 × 10^18 units × 10^-18 = 3 exactly; reserves 3: coverage 1.
        #expect(context.figures.aggregatePegValue == 3)
        #expect(context.figures.coverage == 1)
        #expect((NetReservesRule().evaluate(context).evidence as? NetReservesEvidence)?.aggregatePegValue == 3)
    }

    @Test func stressLossesOnBigValuesAreExactWhenTheArithmeticTerminates() throws {
        var f = RuleFixture.eligible()
        f.issuedUnits = "1000000000000000"
        f.reserves = [
            RuleLine.centralBank("boj", "1000000000000000", issuer: "JP"),
            RuleLine.debt(
                "jgb", "sovereign-bond", "1000000000000000.000000000000000005", issuer: "JP", rating: "A+",
                maturity: RuleFixture.day(73)),
        ]
        let context = try f.context()
        // (10^15 + 5 × 10^-18) × 0.2 × 1% = 2 × 10^12 + 10^-20 = 2,000,000,000,000.00000000000000000001.
        #expect(context.figures.stress?.marketLossByLine["jgb"] == ruleMoney("2000000000000.00000000000000000001"))
    }
}
