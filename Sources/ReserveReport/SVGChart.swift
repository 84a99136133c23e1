import Foundation
import ReserveCore

/// Charts drawn as SVG from code: no script, no external font or file, deterministic text (the
/// same data gives the same bytes). Geometry is integer pixels computed from exact decimals;
/// nothing here is money.
public enum SVGChart {
    /// One bar: a label and an exact non-negative amount.
    public struct Slice: Sendable, Hashable {
        public var label: String
        public var value: Decimal
        public init(label: String, value: Decimal) {
            self.label = label
            self.value = value
        }
    }

    /// One point of a time series (x is its position in time order; labels come with it).
    public struct Point: Sendable, Hashable {
        public var label: String
        public var coverage: Decimal?
        public var stressed: Decimal?
        /// The verdict changed at this point (from the point before).
        public var verdictChange: String?
        public init(label: String, coverage: Decimal?, stressed: Decimal?, verdictChange: String?) {
            self.label = label
            self.coverage = coverage
            self.stressed = stressed
            self.verdictChange = verdictChange
        }
    }

    static let palette = ["#1f4e79", "#2e86c1", "#48c9b0", "#f4d03f", "#e67e22", "#c0392b", "#8e44ad", "#7f8c8d"]

    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func int(_ value: Decimal) -> Int { NSDecimalNumber(decimal: value.rounded(scale: 0, .plain)).intValue }

    static func share(_ part: Decimal, of total: Decimal) -> Decimal { total > 0 ? part / total : 0 }

    /// Horizontal bars, largest first, each with its share of the total (one decimal) and amount.
    public static func bars(title: String, slices: [Slice], currency: String) -> String {
        let sorted = slices.sorted { ($0.value, $1.label) > ($1.value, $0.label) }
        let total = sorted.reduce(Decimal(0)) { $0 + $1.value }
        let rowHeight = 22
        let labelWidth = 230
        let barWidth = 240
        let width = 680
        let height = 30 + rowHeight * max(sorted.count, 1) + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" "
        svg += "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">"
        svg += "<title>\(escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" font-weight=\"bold\">\(escape(title))</text>"
        if sorted.isEmpty {
            svg += "<text x=\"0\" y=\"44\">no reserve lines</text>"
        }
        for (i, slice) in sorted.enumerated() {
            let y = 30 + i * rowHeight
            let ratio = share(slice.value, of: total)
            let w = max(int(ratio * Decimal(barWidth)), slice.value > 0 ? 1 : 0)
            let label = slice.label.count > 34 ? String(slice.label.prefix(33)) + "…" : slice.label
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escape(label))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"16\" "
                + "fill=\"\(palette[i % palette.count])\"/>"
            let text = "\((ratio * 100).fixed(1))%  \(grouped(slice.value)) \(currency)"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 15)\">\(escape(text))</text>"
        }
        return svg + "</svg>"
    }

    /// Coverage and worst stressed coverage over time, with the 100% line and each verdict change marked.
    public static func history(title: String, points: [Point]) -> String {
        let width = 680
        let height = 260
        let left = 56
        let right = 16
        let top = 30
        let bottom = 46
        let plotW = width - left - right
        let plotH = height - top - bottom
        var values: [Decimal] = [1]
        for p in points {
            if let c = p.coverage { values.append(c) }
            if let s = p.stressed { values.append(s) }
        }
        var low: Decimal = values.min() ?? 1
        var high: Decimal = values.max() ?? 1
        let pad: Decimal = max((high - low) / 10, Decimal(5) / 1000)
        low -= pad
        high += pad
        func y(_ v: Decimal) -> Int { top + int((high - v) / (high - low) * Decimal(plotH)) }
        func x(_ i: Int) -> Int { points.count <= 1 ? left + plotW / 2 : left + i * plotW / (points.count - 1) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" "
        svg += "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">"
        svg += "<title>\(escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" font-weight=\"bold\" font-size=\"12\">\(escape(title))</text>"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotW)\" height=\"\(plotH)\" fill=\"none\" stroke=\"#999\"/>"
        // Axis labels: low, 100%, high.
        for v in [low, Decimal(1), high] {
            svg += "<text x=\"\(left - 4)\" y=\"\(y(v) + 4)\" text-anchor=\"end\">\((v * 100).fixed(1))%</text>"
        }
        svg +=
            "<line x1=\"\(left)\" y1=\"\(y(1))\" x2=\"\(left + plotW)\" y2=\"\(y(1))\" "
            + "stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>"
        if points.isEmpty {
            svg += "<text x=\"\(left + 10)\" y=\"\(top + 20)\">no history in the ledger</text>"
        }
        for (i, p) in points.enumerated() where p.verdictChange != nil {
            svg +=
                "<line x1=\"\(x(i))\" y1=\"\(top)\" x2=\"\(x(i))\" y2=\"\(top + plotH)\" "
                + "stroke=\"#8e44ad\" stroke-dasharray=\"2 2\"/>"
            svg += "<text x=\"\(x(i) + 3)\" y=\"\(top + 12)\" fill=\"#8e44ad\">\(escape(p.verdictChange ?? ""))</text>"
        }
        for (series, colour, key) in [
            ("coverage", "#1f4e79", \Point.coverage), ("worst stressed", "#e67e22", \Point.stressed),
        ] {
            let coords = points.enumerated().compactMap { i, p in p[keyPath: key].map { "\(x(i)),\(y($0))" } }
            if coords.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" "
                    + "points=\"\(coords.joined(separator: " "))\"/>"
            }
            for c in coords {
                let xy = c.split(separator: ",")
                svg +=
                    "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(colour)\">"
                    + "<title>\(escape(series))</title></circle>"
            }
        }
        // Legend and x labels (first and last).
        svg += "<rect x=\"\(left)\" y=\"\(height - 16)\" width=\"10\" height=\"10\" fill=\"#1f4e79\"/>"
        svg += "<text x=\"\(left + 14)\" y=\"\(height - 7)\">coverage</text>"
        svg += "<rect x=\"\(left + 90)\" y=\"\(height - 16)\" width=\"10\" height=\"10\" fill=\"#e67e22\"/>"
        svg += "<text x=\"\(left + 104)\" y=\"\(height - 7)\">worst stressed coverage</text>"
        if let first = points.first {
            svg += "<text x=\"\(left)\" y=\"\(top + plotH + 14)\">\(escape(first.label))</text>"
        }
        if points.count > 1, let last = points.last {
            svg +=
                "<text x=\"\(left + plotW)\" y=\"\(top + plotH + 14)\" text-anchor=\"end\">\(escape(last.label))</text>"
        }
        return svg + "</svg>"
    }

    /// `12,000,000,000` (two decimals when fractional): the core's grouping, negatives included.
    static func grouped(_ value: Decimal) -> String { Amount.grouped(value) }
}
