import Foundation
import Testing

@testable import ReserveCore

/// RRT-CCY: reserves in the peg currency, or the mismatch absorbed by overcollateralisation
/// after the 8% currency add-on.
@Suite struct CurrencyRuleTests {
    @Test func reservesAllInThePegCurrencyPass() throws {
        let finding = try RuleFixture.eligible().finding(CurrencyRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedValue == ruleMoney("0"))
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedLines == [])
        #expect((finding.evidence as? CurrencyEvidence)?.currencyAddOnPercent == 8)
    }

    @Test func mismatchAbsorbedByOvercollateralisationPasses() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "30000000000", issuer: "JP"),
            RuleLine.deposit("dep-usd", "1000000000", bank: "Example Bank", rating: "AA", currency: "USD"),
        ]
        let finding = try f.finding(CurrencyRule())
        // Add-on 8% of 1,000,000,000 = 80,000,000: 31,000,000,000 − 80,000,000 = 30,920,000,000 >= 30,000,000,000.
        // Mismatched share 1 / 31 = 0.032258…
        #expect(finding.status == .pass)
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedValue == ruleMoney("1000000000"))
        #expect((finding.evidence as? CurrencyEvidence)?.$mismatchedShare == "0.032258")
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedLines == ["dep-usd"])
        #expect((finding.evidence as? CurrencyEvidence)?.$worstStressedNetReserves == "30920000000")
    }

    @Test func mismatchNotAbsorbedFails() throws {
        var f = RuleFixture.eligible()
        f.reserves = [
            RuleLine.centralBank("boj", "20100000000", issuer: "JP"),
            RuleLine.deposit("dep-usd", "10000000000", bank: "Example Bank", rating: "AA", currency: "USD"),
        ]
        let finding = try f.finding(CurrencyRule())
        // 30,100,000,000 − 8% of 10,000,000,000 = 29,300,000,000 < 30,000,000,000.
        // Share 10 / 30.1 = 0.332226 (0.3322259…).
        #expect(finding.status == .fail)
        #expect((finding.evidence as? CurrencyEvidence)?.$worstStressedNetReserves == "29300000000")
        #expect((finding.evidence as? CurrencyEvidence)?.$mismatchedShare == "0.332226")
    }

    @Test func mismatchWithoutStressFiguresGivesInsufficientData() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(RuleLine.deposit("dep-usd", "1000", bank: "Example Bank", rating: "AA", currency: "USD"))
        f["otherClaims"] = nil
        let finding = try f.finding(CurrencyRule())
        // The rule's own data (line currencies) is always present; what can be missing is what the
        // stressed coverage needs (otherClaims here). The message says the stressed coverage cannot
        // be computed rather than naming otherClaims (RRT-NET and RRT-OC name it).
        #expect(finding.status == .insufficientData)
        #expect(
            finding.message
                == "0.00% of reserves are not in JPY and the stressed coverage that must absorb the "
                + "mismatch cannot be computed")
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedLines == ["dep-usd"])
    }

    @Test func excludedLinesDoNotCountAsMismatch() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.acquired(
                "repo-borrowing", RuleLine.deposit("repo-cash", "1000", bank: "Bank", rating: "AA", currency: "USD")))
        let finding = try f.finding(CurrencyRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? CurrencyEvidence)?.mismatchedValue == ruleMoney("0"))
    }
}
