import Foundation
import ReserveCore
import ReserveStore

/// Renders `status`: each coin's latest accepted attestation under a profile (JSON, layout
/// ``jsonFormat``, and an aligned text table), and `status --sources`: each watched source's
/// state. Pure: the command reads the ledger and the clock, this only formats.
public enum StatusRenderer {
    /// The layout of `status --format json` (docs/schemas/status-output.schema.json).
    public static let jsonFormat = "reserve-verifier/status@1"

    /// Seconds from the coin's as-of time to `now`.
    static func age(_ coin: CoinStatus, at now: Timestamp) -> Int64 { now.seconds - coin.asOf.seconds }

    /// Older than its freshness window at `now`.
    static func isStale(_ coin: CoinStatus, at now: Timestamp) -> Bool {
        age(coin, at: now) > Int64(coin.freshnessDays) * 86_400
    }

    public static func json(_ coins: [CoinStatus], at now: Timestamp, profile: String) -> String {
        let list: [JSONValue] = coins.map { c in
            var o = JSONObject()
            o["issuer"] = .string(c.issuer)
            o["token"] = .string(c.token)
            o["sequence"] = .int(c.sequence)
            o["attestationId"] = .string(c.attestationId)
            o["asOf"] = .string(c.asOf.description)
            o["digest"] = .string(c.digest)
            o["group1b"] = .string(c.eligible ? "eligible" : "not-eligible")
            o["group"] = .string(c.group)
            o["profile"] = .string(c.profile)
            o["blocking"] = .strings(c.blocking.map(\.rawValue))
            o["coverage"] = c.coverage.map(JSONValue.string) ?? .null
            o["stressedCoverage"] = c.stressedCoverage.map(JSONValue.string) ?? .null
            o["evaluatedAt"] = .string(c.evaluatedAt)
            o["ageSeconds"] = .number(String(age(c, at: now)))
            o["freshnessDays"] = .int(c.freshnessDays)
            o["staleNow"] = .bool(isStale(c, at: now))
            o["equivocations"] = .int(c.equivocations)
            return .object(o)
        }
        return JSONWriter.write([
            "format": .string(jsonFormat), "at": .string(now.description), "profile": .string(profile),
            "coins": .array(list),
        ]) + "\n"
    }

    /// One row per coin; columns of fixed width (a longer sequence pushes its row right, never cut).
    /// `ledgerPath` names the ledger when there is nothing to show.
    public static func text(_ coins: [CoinStatus], at now: Timestamp, profile: String, ledgerPath: String) -> String {
        if coins.isEmpty { return "no accepted attestations evaluated under profile \(profile) in \(ledgerPath)\n" }
        var out = "profile: \(profile)\n"
        out +=
            "ISSUER/TOKEN                SEQ   AS OF                 AGE   VERDICT          "
            + "COVERAGE   STRESSED   NOTES\n"
        for c in coins {
            var notes: [String] = []
            if isStale(c, at: now) { notes.append("STALE (> \(c.freshnessDays) d)") }
            if c.equivocations > 0 { notes.append("EQUIVOCATION x\(c.equivocations)") }
            if !c.blocking.isEmpty { notes.append("blocked by " + c.blocking.map(\.rawValue).joined(separator: ",")) }
            let sequence = String(c.sequence)
            out += pad("\(c.issuer)/\(c.token)", 28)
            out += pad(sequence, max(6, sequence.count + 1))
            out += pad(c.asOf.description, 22)
            out += pad("\(age(c, at: now) / 86_400)d", 6)
            out += pad(c.eligible ? "eligible 1b" : "not eligible \(c.group)", 17)
            out += pad(TextTable.percent(c.coverage), 11)
            out += pad(TextTable.percent(c.stressedCoverage), 11)
            out += notes.joined(separator: "; ") + "\n"
        }
        return out
    }

    /// `text` padded with spaces (or cut) to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.padded(to: width)
    }

    /// `status --sources --format json`.
    public static func json(sources: [SourceState]) -> String {
        let list: [JSONValue] = sources.map { s in
            var o = JSONObject()
            o["source"] = .string(s.source)
            o["consecutiveFailures"] = .int(s.consecutiveFailures)
            o["lastSuccessAt"] = s.lastSuccessAt.map(JSONValue.string) ?? .null
            o["lastError"] = s.lastError.map(JSONValue.string) ?? .null
            o["updatedAt"] = .string(s.updatedAt ?? "")
            return .object(o)
        }
        return JSONWriter.write(["sources": .array(list)]) + "\n"
    }

    /// `status --sources`: each source's health, last success, last check and last error.
    public static func text(sources: [SourceState], ledgerPath: String) -> String {
        if sources.isEmpty { return "no watched sources in \(ledgerPath)\n" }
        var out = ""
        for s in sources {
            let health = s.consecutiveFailures > 0 ? "FAILING x\(s.consecutiveFailures)" : "ok"
            out +=
                "\(s.source)\n  \(health); last success \(s.lastSuccessAt ?? "never"); checked \(s.updatedAt ?? "")\n"
            if let error = s.lastError { out += "  last error: \(error)\n" }
        }
        return out
    }
}
