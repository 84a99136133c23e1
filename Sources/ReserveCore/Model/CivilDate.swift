/// A calendar date without time (`"2027-03-20"`), proleptic Gregorian.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    // Month and day fit a byte each (1-12, 1-31): a date is 10 bytes, an optional one 11, where
    // three `Int`s took 24 and 25 (a reserve line holds one or two).
    private let storedMonth: UInt8
    private let storedDay: UInt8
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// Earliest and latest dates the format accepts ("dates within sane bounds").
    public static let earliestYear = 1970
    public static let latestYear = 2199

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.storedMonth = UInt8(month)
        self.storedDay = UInt8(day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.storedMonth = UInt8(m)
        self.storedDay = UInt8(d)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CivilDate {
        let y = year + years
        return CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(month: month, year: y)))
            ?? self
    }

    /// The same day `months` later, clamped to the month's last day.
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y))) ?? self
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String {
        guard (0...9999).contains(year) else { return generalDescription }
        return String(unsafeUninitializedCapacity: 10) { b in
            writeASCII(into: b)
            return 10
        }
    }

    /// ``description`` written with string interpolation, for any year.
    var generalDescription: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// Writes `YYYY-MM-DD` into the first 10 bytes of `b` (a year of 0-9999).
    func writeASCII(into b: UnsafeMutableBufferPointer<UInt8>) {
        writeDigits(year, 4, b, 0)
        b[4] = UInt8(ascii: "-")
        writeDigits(month, 2, b, 5)
        b[7] = UInt8(ascii: "-")
        writeDigits(day, 2, b, 8)
    }

    /// Parses `YYYY-MM-DD` exactly.
    public static func parse(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` of UTF-8 bytes read in place.
    static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = asciiNumber(b, 0, 4), let m = asciiNumber(b, 5, 2), let d = asciiNumber(b, 8, 2)
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
