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
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padded(to: widths[column] + 2)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// A stored ratio ("1.005") as a percentage ("100.50%"), as `status` and `verify` show it.
    public static func percent(_ ratio: String?) -> String {
        guard let ratio else { return "-" }
        return Decimal(string: ratio).map { ($0 * 100).fixed(2) + "%" } ?? ratio
    }
}
