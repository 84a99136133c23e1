/// An instant in UTC with whole-second precision plus nanoseconds, from RFC 3339 text
/// (`"2026-10-31T15:00:00Z"`). Only the `Z` offset is accepted: every time in the format is UTC.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.nanoseconds = 0
    }

    public var date: CivilDate { CivilDate(daysSinceEpoch: Int(seconds.floorDiv(86_400))) }

    public func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(seconds: seconds + delta, nanoseconds: nanoseconds)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// RFC 3339 UTC, fractional seconds only when present: `2026-10-31T15:00:00Z`.
    public var description: String {
        let date = self.date
        let secondsOfDay = Int(seconds - Int64(date.daysSinceEpoch) * 86_400)
        // Years 0-9999 and nanoseconds below a second (every time the format reads): written as
        // ASCII digits into one buffer, the same text as the general form below.
        if (0...9999).contains(date.year), (0..<1_000_000_000).contains(nanoseconds) {
            var fraction = Int(nanoseconds)
            var digits = 9
            while fraction > 0 && fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let length = 20 + (fraction > 0 ? digits + 1 : 0)
            return String(unsafeUninitializedCapacity: length) { b in
                date.writeASCII(into: b)
                b[10] = UInt8(ascii: "T")
                writeDigits(secondsOfDay / 3600, 2, b, 11)
                b[13] = UInt8(ascii: ":")
                writeDigits(secondsOfDay / 60 % 60, 2, b, 14)
                b[16] = UInt8(ascii: ":")
                writeDigits(secondsOfDay % 60, 2, b, 17)
                if fraction > 0 {
                    b[19] = UInt8(ascii: ".")
                    writeDigits(fraction, digits, b, 20)
                }
                b[length - 1] = UInt8(ascii: "Z")
                return length
            }
        }
        return generalText(date, secondsOfDay)
    }

    /// ``description`` written with string interpolation, for any year and nanoseconds (the
    /// text the ASCII form must equal).
    var generalDescription: String {
        let date = self.date
        return generalText(date, Int(seconds - Int64(date.daysSinceEpoch) * 86_400))
    }

    private func generalText(_ date: CivilDate, _ secondsOfDay: Int) -> String {
        var text =
            """
            \(date.generalDescription)T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\
            \(pad(secondsOfDay % 60, 2))
            """
        if nanoseconds > 0 {
            var fraction = pad(Int(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// RFC 3339 UTC with exactly three fractional digits (`2026-11-22T00:00:00.250Z`): sorts
    /// correctly as text, for scheduling columns.
    public var millisecondText: String {
        let secondsOfDay = Int(seconds - Int64(date.daysSinceEpoch) * 86_400)
        return
            """
            \(date)T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\
            \(pad(Int(nanoseconds) / 1_000_000, 3))Z
            """
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (RFC 3339 with the UTC designator; at most nine
    /// fractional digits; no leap second).
    public static func parse(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let date = CivilDate.parse(String(decoding: b[0..<10], as: UTF8.self)),
            let h = asciiNumber(b, 11, 2), let mi = asciiNumber(b, 14, 2), let s = asciiNumber(b, 17, 2),
            h < 24, mi < 60, s < 60
        else { return nil }
        var nanos = 0
        if b.count > 20 {
            // ".ddd" between the seconds and the Z.
            guard b[19] == UInt8(ascii: "."), b.count - 21 >= 1, b.count - 21 <= 9,
                let fraction = asciiNumber(b, 20, b.count - 21)
            else { return nil }
            nanos = fraction
            for _ in 0..<(9 - (b.count - 21)) { nanos *= 10 }
        }
        let base = Timestamp(date: date, hour: h, minute: mi, second: s)
        return Timestamp(seconds: base.seconds, nanoseconds: Int32(nanos))
    }
}

extension Int64 {
    func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

func asciiNumber(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
    bytes.withUnsafeBufferPointer { asciiNumber($0, start, count) }
}

/// ``asciiNumber(_:_:_:)`` of bytes read in place.
func asciiNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
    guard start + count <= bytes.count else { return nil }
    var value = 0
    for i in start..<(start + count) {
        let byte = bytes[i]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
    }
    return value
}

/// Writes `value` (0 or more, fewer than `count` + 1 digits) as `count` ASCII digits, zero-padded,
/// at `start`.
@inline(__always)
func writeDigits(_ value: Int, _ count: Int, _ b: UnsafeMutableBufferPointer<UInt8>, _ start: Int) {
    var v = value
    var i = start + count - 1
    while i >= start {
        b[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        v /= 10
        i -= 1
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
