import Testing

@testable import ReserveCore

@Suite struct TimestampTests {
    @Test func utcTimeParsesToSecondsSinceEpoch() throws {
        let time = try #require(Timestamp.parse("2026-10-31T15:00:00Z"))
        // 2026-10-31 is day 20,757 after 1970-01-01.
        #expect(time.seconds == 20_757 * 86_400 + 15 * 3600)
        #expect(time.nanoseconds == 0)
        #expect(time.date == CivilDate(year: 2026, month: 10, day: 31))
    }

    @Test func epochIsZero() throws {
        #expect(try #require(Timestamp.parse("1970-01-01T00:00:00Z")).seconds == 0)
    }

    @Test(arguments: [
        ("2026-10-31T15:00:00.5Z", Int32(500_000_000)),
        ("2026-10-31T15:00:00.05Z", 50_000_000),
        ("2026-10-31T15:00:00.123Z", 123_000_000),
        ("2026-10-31T15:00:00.000001Z", 1_000),
        ("2026-10-31T15:00:00.123456789Z", 123_456_789),
        ("2026-10-31T15:00:00.000000001Z", 1),
        ("2026-10-31T15:00:00.0Z", 0),
    ])
    func fractionOfOneToNineDigitsGivesNanoseconds(text: String, nanoseconds: Int32) throws {
        let time = try #require(Timestamp.parse(text))
        #expect(time.nanoseconds == nanoseconds)
        #expect(time.seconds == Timestamp.parse("2026-10-31T15:00:00Z")?.seconds)
    }

    @Test(arguments: [
        "2026-10-31T15:00:00+09:00",
        "2026-10-31T15:00:00+00:00",
        "2026-10-31T15:00:00-00:00",
        "2026-10-31t15:00:00Z",
        "2026-10-31T15:00:00z",
        "2026-10-31T24:00:00Z",
        "2026-10-31T23:60:00Z",
        "2026-12-31T23:59:60Z",
        "2026-02-30T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-10-00T00:00:00Z",
        "2026-10-31T15:00:00",
        "2026-10-31 15:00:00Z",
        " 2026-10-31T15:00:00Z",
        "2026-10-31T15:00:00Z ",
        "2026-10-31T15:00Z",
        "2026-10-31T5:00:00Z",
        "26-10-31T15:00:00Z",
        "2026-10-31T15:00:00.Z",
        "2026-10-31T15:00:00.1234567890Z",
        "2026-10-31T15:00:00,5Z",
        "2026-10-31T15:00:00.5.5Z",
        "2026/10/31T15:00:00Z",
        "2026-10-31",
        "",
        "2026-10-31T15:00:00ZZ",
        "+2026-10-31T15:00:00Z",
        "2026-10-31T15:00:0aZ",
        "２０２６-10-31T15:00:00Z",
    ])
    func nonCanonicalOrInvalidTimesAreRejected(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapDayParsesInALeapYear() {
        #expect(Timestamp.parse("2028-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2100-02-29T00:00:00Z") == nil)
    }

    @Test(arguments: [
        "2026-10-31T15:00:00Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "2199-12-31T23:59:59Z",
        "2028-02-29T12:34:56Z",
        "2026-10-31T15:00:00.5Z",
        "2026-10-31T15:00:00.123456789Z",
        "2026-10-31T15:00:00.000000001Z",
    ])
    func descriptionRoundTripsCanonicalText(text: String) throws {
        let time = try #require(Timestamp.parse(text))
        #expect(time.description == text)
        #expect(Timestamp.parse(time.description) == time)
    }

    @Test func trailingFractionZerosAreDroppedFromTheDescription() throws {
        #expect(try #require(Timestamp.parse("2026-10-31T15:00:00.500Z")).description == "2026-10-31T15:00:00.5Z")
        #expect(try #require(Timestamp.parse("2026-10-31T15:00:00.000Z")).description == "2026-10-31T15:00:00Z")
    }

    @Test func orderingComparesSecondsThenNanoseconds() throws {
        let a = try #require(Timestamp.parse("2026-10-31T15:00:00Z"))
        let b = try #require(Timestamp.parse("2026-10-31T15:00:00.000000001Z"))
        let c = try #require(Timestamp.parse("2026-10-31T15:00:01Z"))
        #expect(a < b && b < c)
        #expect(a.adding(seconds: 1) == c)
    }
}

@Suite struct CivilDateTests {
    @Test func knownDaysSinceEpoch() throws {
        #expect(try #require(CivilDate(year: 1970, month: 1, day: 1)).daysSinceEpoch == 0)
        #expect(try #require(CivilDate(year: 2000, month: 3, day: 1)).daysSinceEpoch == 11_017)
        #expect(try #require(CivilDate(year: 1969, month: 12, day: 31)).daysSinceEpoch == -1)
    }

    @Test func daysSinceEpochRoundTripsOverFourHundredYearsAndMore() throws {
        // 1600-01-01 to 2400-12-31: two full Gregorian cycles, both sides of the epoch.
        var previous = CivilDate(daysSinceEpoch: -135_141)
        #expect(previous.description == "1599-12-31")
        for days in -135_140...157_419 {
            let date = CivilDate(daysSinceEpoch: days)
            guard date.daysSinceEpoch == days, previous < date,
                CivilDate(year: date.year, month: date.month, day: date.day) == date
            else {
                Issue.record("day \(days) gives \(date), which does not round trip or does not follow \(previous)")
                return
            }
            previous = date
        }
        #expect(previous.description == "2400-12-31")
    }

    @Test func invalidCalendarDatesAreNotConstructed() {
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 2028, month: 2, day: 29) != nil)
    }

    @Test(arguments: [
        "2026-02-30", "2026-2-03", "2026-02-3", "20260203", "2026-02-03 ", "2026-02-03T00:00:00Z", "abcd-02-03",
    ])
    func malformedDateTextIsRejected(text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test func addingYearsToLeapDayGivesTwentyEighthOfFebruary() throws {
        let leapDay = try #require(CivilDate.parse("2028-02-29"))
        #expect(leapDay.adding(years: 1).description == "2029-02-28")
        #expect(leapDay.adding(years: -1).description == "2027-02-28")
        #expect(leapDay.adding(years: 4).description == "2032-02-29")
    }

    @Test func addingMinusTwelveMonthsIsOneYearEarlier() throws {
        #expect(try #require(CivilDate.parse("2026-10-31")).adding(months: -12).description == "2025-10-31")
        #expect(try #require(CivilDate.parse("2028-02-29")).adding(months: -12).description == "2027-02-28")
        #expect(try #require(CivilDate.parse("2026-01-15")).adding(months: -1).description == "2025-12-15")
    }

    @Test func addingMonthsClampsToTheMonthsLastDay() throws {
        let endOfJanuary = try #require(CivilDate.parse("2026-01-31"))
        #expect(endOfJanuary.adding(months: 1).description == "2026-02-28")
        #expect(endOfJanuary.adding(months: 3).description == "2026-04-30")
        #expect(endOfJanuary.adding(months: 12).description == "2027-01-31")
        #expect(endOfJanuary.adding(months: 13).description == "2027-02-28")
    }

    @Test func addingDaysCrossesMonthAndYearEnds() throws {
        let date = try #require(CivilDate.parse("2026-12-31"))
        #expect(date.adding(days: 1).description == "2027-01-01")
        #expect(date.adding(days: -365).description == "2025-12-31")
        #expect(date.adding(days: 60).description == "2027-03-01")
    }
}

/// `Timestamp.description` and `CivilDate.description` write ASCII digits into one buffer for
/// years 0-9999 and nanoseconds below a second; the text is the interpolated form's.
@Suite struct TimestampTextTests {
    /// Seconds across 1970-2199 and beyond, with every fraction length.
    static let times: [Timestamp] = {
        var times: [Timestamp] = []
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        let nanos: [Int32] = [0, 1, 10, 5_000, 123_456_789, 500_000_000, 999_999_999, 100_000_000, 120_000_000]
        for i in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = Int64(x >> 33) % 7_258_118_400  // 1970 to 2200
            times.append(Timestamp(seconds: seconds, nanoseconds: nanos[i % nanos.count]))
        }
        // Day and year edges.
        times += [0, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_399, 253_402_300_799].map {
            Timestamp(seconds: $0)
        }
        return times
    }()

    @Test func theASCIITextIsTheInterpolatedText() throws {
        for time in Self.times {
            #expect(time.description == time.generalDescription)
            #expect(Timestamp.parse(time.description) == time)
            #expect(time.date.description == time.date.generalDescription)
        }
        #expect(Timestamp(seconds: 253_402_300_799).description == "9999-12-31T23:59:59Z")
        #expect(Timestamp(seconds: 0, nanoseconds: 120_000_000).description == "1970-01-01T00:00:00.12Z")
    }

    /// Outside years 0-9999 or with a second or more of nanoseconds the interpolated form is
    /// used (so the text is still the same, however odd).
    @Test func outsideTheASCIIRangeTheInterpolatedTextIsUsed() throws {
        let odd = [
            Timestamp(seconds: 253_402_300_800),  // 10000-01-01
            Timestamp(seconds: -62_167_219_201),  // -0001-12-31T23:59:59
            Timestamp(seconds: 0, nanoseconds: 1_500_000_000),
            Timestamp(seconds: 0, nanoseconds: -5),
        ]
        for time in odd {
            #expect(time.description == time.generalDescription)
        }
        #expect(odd[0].description == "10000-01-01T00:00:00Z")
        #expect(odd[2].description == "1970-01-01T00:00:00.15Z")
        #expect(odd[3].description == "1970-01-01T00:00:00Z")
        #expect(Timestamp.parse(odd[0].description) == nil)
    }
}
