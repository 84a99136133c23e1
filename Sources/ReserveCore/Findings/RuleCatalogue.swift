/// The rule catalogue as the code defines it, for `reserve-verifier rules` and docs/RULES.md.
public enum RuleCatalogue {
    public struct Entry: Sendable, Hashable {
        public var id: RuleID
        public var condition: String
        public var checks: String
        public var thresholds: String
        public var reference: String
        public var gating: Bool
        public var tentative: Bool
        public var source: Source
    }

    public static func entries(for profile: Profile) -> [Entry] {
        Rules.all.map { rule in
            Entry(
                id: rule.id, condition: rule.condition.rawValue, checks: rule.checks,
                thresholds: rule.thresholds(in: profile) ?? "-", reference: rule.reference,
                gating: profile.isGating(rule.id), tentative: profile.tentative.contains(rule.id),
                source: profile.source(of: rule.id))
        }
    }

    public static func json(_ profile: Profile) -> String {
        let rules: [JSONValue] = entries(for: profile).map { e in
            [
                "id": .string(e.id.rawValue), "condition": .string(e.condition), "checks": .string(e.checks),
                "thresholds": .string(e.thresholds), "reference": .string(e.reference), "gating": .bool(e.gating),
                "tentative": .bool(e.tentative), "source": e.source.json,
            ]
        }
        return JSONWriter.write([
            "profile": .string(profile.versionedName), "title": .string(profile.title), "rules": .array(rules),
            "notes": .strings(profile.notes),
        ]) + "\n"
    }

    public static func markdown(_ profile: Profile) -> String {
        var out = "Profile `\(profile.versionedName)`: \(profile.title).\n\n"
        out += "| id | condition | checks | thresholds | reference | source | gating |\n|---|---|---|---|---|---|---|\n"
        for e in entries(for: profile) {
            let gate = e.gating ? "yes" : (e.tentative ? "no (tentative: warn)" : "no")
            out +=
                "| `\(e.id.rawValue)` | \(e.condition) | \(e.checks) | \(e.thresholds) | \(e.reference) | "
                + "\(e.source.label) | \(gate) |\n"
        }
        for note in profile.notes { out += "\n\(note)\n" }
        return out
    }

    public static func text(_ profile: Profile) -> String {
        var out = "\(profile.versionedName): \(profile.title)\n\n"
        for e in entries(for: profile) {
            out +=
                "\(e.id.rawValue)  [\(e.condition)]\(e.gating ? "  gating" : "")\(e.tentative ? "  tentative" : "")\n"
            out += "  \(e.checks)\n"
            if e.thresholds != "-" { out += "  thresholds: \(e.thresholds)\n" }
            out += "  reference: \(e.reference)\n"
            out += "  source: \(e.source.label)\n"
        }
        for note in profile.notes { out += "\nnote: \(note)\n" }
        return out
    }
}
