import Foundation
import ReserveCore
import ReserveStore

/// Renders `history`: every evaluation of an issuer's coins, as JSON (layout ``jsonFormat``), CSV
/// or an aligned text table. Pure: the command reads the ledger, this only formats.
public enum HistoryRenderer {
    /// The layout of `history --format json` (docs/schemas/history-output.schema.json).
    public static let jsonFormat = "reserve-verifier/history@1"

    public static func json(_ entries: [HistoryEntry], issuer: String) -> String {
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
