import Testing

@testable import ReserveCore

/// The compact storage of a reserve line (its collateral boxed, its fields ordered to fill
/// padding) and of a date (month and day in a byte each) keeps every value, comparison and hash.
@Suite struct LineLayoutTests {
    static func repo(_ collateralValue: String?) -> ReserveLine {
        var line = ReserveLine(
            id: "rrp-1", assetClass: .reverseRepo, currency: "USD", value: Amount(Money(1_000)), custody: .segregated)
        line.tenorDays = 1
        line.counterparty = ReserveLine.Counterparty(name: "Dealer", rating: .aPlus, regulated: true)
        if let collateralValue, case .success(let value) = Amount.parse(collateralValue) {
            line.collateral = ReserveLine.Collateral(
                assetClass: .sovereignBond, issuer: "US", rating: .aaPlus, currency: "USD", value: value,
                maturity: CivilDate(year: 2030, month: 5, day: 15))
        }
        return line
    }

    @Test func aBoxedCollateralComparesAndHashesByValue() {
        let a = Self.repo("1020.00")
        let b = Self.repo("1020")  // another box, the same number
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.collateral?.value == Amount(Money(1_020)))
        #expect(a.collateral?.maturity?.description == "2030-05-15")
        #expect(a != Self.repo("1021"))
        #expect(a != Self.repo(nil))
        #expect(Self.repo(nil).collateral == nil)

        var cleared = a
        cleared.collateral = nil
        #expect(cleared == Self.repo(nil))
        #expect(a.collateral != nil, "a copy's change does not reach the original")
    }

    @Test func aCompactDateKeepsItsFieldsAndOrder() throws {
        let date = try #require(CivilDate(year: 2027, month: 12, day: 31))
        #expect(date.year == 2027)
        #expect(date.month == 12)
        #expect(date.day == 31)
        #expect(date.adding(days: 1) == CivilDate(year: 2028, month: 1, day: 1))
        #expect(date < date.adding(days: 1))
        #expect(CivilDate(year: 2027, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2027, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2027, month: 1, day: 0) == nil)
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(Set([date, date.adding(days: 0), date.adding(days: 1)]).count == 2)
    }

    /// Not a speed figure: the sizes the layout was chosen for (64-bit platforms), so that a new
    /// field placed where it adds padding is noticed (a line was 424 bytes before, a date 24).
    @Test func theLineAndItsDatesStaySmall() {
        #expect(MemoryLayout<CivilDate?>.size == 11)
        #expect(MemoryLayout<ReserveLine.Party?>.size == 33)
        #expect(MemoryLayout<ReserveLine.Counterparty?>.size == 34)
        #expect(MemoryLayout<ReserveLine>.size == 272)
    }
}
