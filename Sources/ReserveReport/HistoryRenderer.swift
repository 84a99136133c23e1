import Foundation
import ReserveCore
import ReserveStore

/// Renders `history`: every evaluation of an issuer's coins, as JSON (layout ``jsonFormat``), CSV
/// or an aligned text table. Pure: the command reads the ledger, this only formats.
public enum HistoryRenderer {
    /// The layout of `history --format json` (docs/schemas/history-output.schema.json).
    public static let jsonFormat = "reserve-verifier/history@1"

    /// The same bytes as ``JSONWriter`` writes for the object `{"format", "issuer", "evaluations": [...]}`
    /// (keys sorted, two-space indent), written straight into one buffer: the layout is fixed, so no
    /// `JSONValue` tree is built and no key is sorted per entry (`LedgerRenderersTests` compares the
    /// two).
    public static func json(_ entries: [HistoryEntry], issuer: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128 + entries.count * 640)
        func raw(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        func string(_ text: String) { JSONWriter.writeString(text, into: &out) }
        func number<T: BinaryInteger>(_ value: T) { out.append(contentsOf: String(value).utf8) }
        raw("{\n  \"evaluations\": ")
        if entries.isEmpty {
            raw("[]")
        } else {
            raw("[")
            for (i, e) in entries.enumerated() {
                raw(i == 0 ? "\n    {\n      \"accepted\": " : ",\n    {\n      \"accepted\": ")
                raw(e.accepted ? "true" : "false")
                raw(",\n      \"asOf\": ")
                string(e.asOf.description)
                raw(",\n      \"blocking\": ")
                if e.blocking.isEmpty {
                    raw("[]")
                } else {
                    for (j, rule) in e.blocking.enumerated() {
                        raw(j == 0 ? "[\n        " : ",\n        ")
                        string(rule.rawValue)
                    }
                    raw("\n      ]")
                }
                raw(",\n      \"coverage\": ")
                if let coverage = e.coverage { string(coverage) } else { raw("null") }
                raw(",\n      \"digest\": ")
                string(e.digest)
                raw(",\n      \"evaluatedAt\": ")
                string(e.evaluatedAt)
                raw(",\n      \"evaluation\": ")
                number(e.evaluationID)
                raw(",\n      \"group\": ")
                string(e.group)
                raw(",\n      \"group1b\": ")
                raw(e.eligible ? "\"eligible\"" : "\"not-eligible\"")
                raw(",\n      \"kind\": ")
                string(e.kind.rawValue)
                raw(",\n      \"profile\": ")
                string(e.profile)
                raw(",\n      \"sequence\": ")
                number(e.sequence)
                raw(",\n      \"stressedCoverage\": ")
                if let stressed = e.stressedCoverage { string(stressed) } else { raw("null") }
                raw(",\n      \"token\": ")
                string(e.token)
                raw("\n    }")
            }
            raw("\n  ]")
        }
        raw(",\n  \"format\": ")
        string(jsonFormat)
        raw(",\n  \"issuer\": ")
        string(issuer)
        raw("\n}\n")
        return String(decoding: out, as: UTF8.self)
    }

    /// The entries as ``JSONWriter`` writes them from a `JSONValue` tree: the reference ``json(_:issuer:)``
    /// is tested against.
    static func jsonTree(_ entries: [HistoryEntry], issuer: String) -> String {
        let list: [JSONValue] = entries.map { e in
            var o = JSONObject()
            o["evaluation"] = .number(String(e.evaluationID))
            o["token"] = .string(e.token)
            o["sequence"] = .int(e.sequence)
            o["asOf"] = .string(e.asOf.description)
            o["kind"] = .string(e.kind.rawValue)
            o["profile"] = .string(e.profile)
            o["evaluatedAt"] = .string(e.evaluatedAt)
            o["group1b"] = .string(e.eligible ? "eligible" : "not-eligible")
            o["group"] = .string(e.group)
            o["blocking"] = .strings(e.blocking.map(\.rawValue))
            o["coverage"] = e.coverage.map(JSONValue.string) ?? .null
            o["stressedCoverage"] = e.stressedCoverage.map(JSONValue.string) ?? .null
            o["accepted"] = .bool(e.accepted)
            o["digest"] = .string(e.digest)
            return .object(o)
        }
        return JSONWriter.write([
            "format": .string(jsonFormat), "issuer": .string(issuer), "evaluations": .array(list),
        ]) + "\n"
    }

    /// The CSV header line's fields, in column order.
    static let csvHeader = [
        "evaluation", "token", "sequence", "as_of", "kind", "profile", "evaluated_at", "group1b", "group", "blocking",
        "coverage", "stressed_coverage", "accepted", "digest",
    ]

    /// RFC 4180 CSV with a header line; blocking rules separated by spaces.
    public static func csv(_ entries: [HistoryEntry]) -> String {
        var out = csvHeader.joined(separator: ",") + "\n"
        for e in entries {
            let fields = [
                String(e.evaluationID), e.token, String(e.sequence), e.asOf.description, e.kind.rawValue,
                e.profile, e.evaluatedAt, e.eligible ? "eligible" : "not-eligible", e.group,
                e.blocking.map(\.rawValue).joined(separator: " "), e.coverage ?? "", e.stressedCoverage ?? "",
                e.accepted ? "true" : "false", e.digest,
            ]
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A field quoted (inner quotes doubled) when it holds a comma, a quote or a newline.
    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    public static func text(_ entries: [HistoryEntry], issuer: String) -> String {
        if entries.isEmpty { return "no evaluations for issuer \(issuer)\n" }
        var table = TextTable(
            "EVAL", "TOKEN", "SEQ", "AS OF", "EVALUATED AT", "KIND", "PROFILE", "VERDICT", "COVERAGE", "STRESSED",
            "BLOCKING")
        for e in entries {
            table.append(
                String(e.evaluationID), e.token, String(e.sequence), e.asOf.description, e.evaluatedAt,
                e.kind.rawValue, e.profile, e.eligible ? "eligible 1b" : "not eligible \(e.group)",
                TextTable.percent(e.coverage), TextTable.percent(e.stressedCoverage),
                (e.blocking.isEmpty ? "-" : e.blocking.map(\.rawValue).joined(separator: ","))
                    + (e.accepted ? "" : " (not accepted)"))
        }
        return table.text
    }
}
