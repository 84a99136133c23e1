import Foundation
import ReserveCore

/// A plain-text table whose columns are sized from the data (two spaces between columns; the last
/// column is not padded), so that no value runs into the next.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(_ header: String...) { self.header = header }

    public mutating func append(_ row: String...) { rows.append(row) }

    public var text: String {
        let all = [header] + rows
        // Each cell's width in characters, counted once (a cell is never wider than its column's
        // width plus two, so padding it is appending spaces: what `padded(to:)` does then).
        let counts = all.map { $0.map(\.count) }
        let widths = header.indices.map { column in
            counts.map { $0.indices.contains(column) ? $0[column] : 0 }.max() ?? 0
        }
        let spaces = String(repeating: " ", count: (widths.max() ?? 0) + 2)
        var out = ""
        for (r, row) in all.enumerated() {
            if r > 0 { out += "\n" }
            for (column, cell) in row.enumerated() {
                out += cell
                if column != row.count - 1 { out += spaces.prefix(widths[column] + 2 - counts[r][column]) }
            }
        }
        return out + "\n"
    }

    /// A stored ratio ("1.005") as a percentage ("100.50%"), as `status` and `verify` show it.
    public static func percent(_ ratio: String?) -> String {
        guard let ratio else { return "-" }
        if let text = plainPercent(ratio) { return text }
        return Decimal(string: ratio).map { ($0 * 100).fixed(2) + "%" } ?? ratio
    }

    /// ``percent(_:)`` for a plain ratio (1-12 digits, optionally a point and 1-38 digits: every
    /// ratio the ledger stores), on its digits: times 100, rounded half-even to two decimals, as
    /// `Decimal.fixed(2)` writes it. Nil for any other text (which goes through `Decimal`), and for
    /// a ratio of more than 18 decimals whose fifth decimal is 4 or 5: `Decimal` keeps 38 digits,
    /// so only there could the digits it drops decide the rounding.
    static func plainPercent(_ ratio: String) -> String? {
        let utf8 = Array(ratio.utf8)
        let dot = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.count
        let whole = utf8[..<dot]
        let fraction = dot < utf8.count ? utf8[(dot + 1)...] : []
        func isDigits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard (1...12).contains(whole.count), isDigits(whole), dot == utf8.count || (1...38).contains(fraction.count),
            isDigits(fraction)
        else { return nil }
        // digit(i): the i-th digit after the point (0 past the end).
        func digit(_ i: Int) -> UInt64 {
            i < fraction.count ? UInt64(fraction[fraction.startIndex + i] - 0x30) : 0
        }
        var hundredths: UInt64 = 0  // the ratio times 10,000, cut: the percentage in hundredths
        for d in whole { hundredths = hundredths * 10 + UInt64(d - 0x30) }
        for i in 0..<4 { hundredths = hundredths * 10 + digit(i) }
        // Half-even on the digits after the fourth.
        if fraction.count > 4 {
            let first = digit(4)
            if first != 4 && first != 5 {
                if first > 5 { hundredths += 1 }
            } else {
                guard fraction.count <= 18 else { return nil }
                let restNonZero = (5..<fraction.count).contains { digit($0) != 0 }
                if first == 5 && (restNonZero || hundredths % 2 == 1) { hundredths += 1 }
            }
        }
        let cents = hundredths % 100
        return String(hundredths / 100) + "." + (cents < 10 ? "0" : "") + String(cents) + "%"
    }
}
