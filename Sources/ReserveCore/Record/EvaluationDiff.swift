import Foundation

/// Two evaluations side by side, finding by finding (`reserve-verifier diff`): the verdict, the
/// headline figures, and each rule whose status, gating, message or evidence changed.
public struct EvaluationDiff: Sendable, Hashable {
    /// One side: the evaluation and a label saying where it came from (`evaluation 12`, `profile hkma`).
    public struct Side: Sendable, Hashable {
        public var label: String
        public var summary: EvaluationSummary
        /// Reserves by asset class (exact amounts in the peg currency), when the attestation was read.
        public var composition: [String: Decimal]?

        public init(label: String, summary: EvaluationSummary, composition: [String: Decimal]? = nil) {
            self.label = label
            self.summary = summary
            self.composition = composition
        }

        /// The attestation's reserves by asset class.
        public static func composition(of attestation: Attestation) -> [String: Decimal] {
            var totals: [String: Decimal] = [:]
            for line in attestation.reserves { totals[line.assetClass.rawValue, default: 0] += line.value.decimal }
            return totals
        }
    }

    /// One asset class whose total differs (nil: none on that side).
    public struct CompositionChange: Sendable, Hashable {
        public var assetClass: String
        public var left: Decimal?
        public var right: Decimal?
    }

    /// One evidence figure that differs (canonical JSON text of each side; nil: absent).
    public struct Figure: Sendable, Hashable {
        public var key: String
        public var left: String?
        public var right: String?
    }

    /// One rule that changed. A side is nil when that evaluation has no finding for the rule.
    public struct RuleChange: Sendable, Hashable {
        public var rule: String
        public var left: FindingRecord?
        public var right: FindingRecord?
        /// What differs: `status`, `gating`, `message`, `evidence`, `finding` (present on one side only).
        public var changed: [String]
        public var figures: [Figure]
    }

    public var left: Side
    public var right: Side
    public var rules: [RuleChange]
    public var unchangedRules: Int

    public init(left: Side, right: Side) {
        self.left = left
        self.right = right
        // Rules in the left side's order, then the right side's new ones; a rule with several
        // findings (none today) is compared occurrence by occurrence.
        var order: [String] = []
        for f in left.summary.findings + right.summary.findings where !order.contains(f.rule) { order.append(f.rule) }
        var changes: [RuleChange] = []
        var unchanged = 0
        for rule in order {
            let a = left.summary.findings.filter { $0.rule == rule }
            let b = right.summary.findings.filter { $0.rule == rule }
            for i in 0..<max(a.count, b.count) {
                let l = i < a.count ? a[i] : nil
                let r = i < b.count ? b[i] : nil
                if let change = Self.compare(rule, l, r) { changes.append(change) } else { unchanged += 1 }
            }
        }
        rules = changes
        unchangedRules = unchanged
    }

    static func compare(_ rule: String, _ l: FindingRecord?, _ r: FindingRecord?) -> RuleChange? {
        guard let l, let r else { return RuleChange(rule: rule, left: l, right: r, changed: ["finding"], figures: []) }
        var changed: [String] = []
        if l.status != r.status { changed.append("status") }
        if l.gating != r.gating { changed.append("gating") }
        if l.message != r.message { changed.append("message") }
        var figures: [Figure] = []
        var keys = l.evidence.keys
        for key in r.evidence.keys where !keys.contains(key) { keys.append(key) }
        for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let a = l.evidence[key].map { Self.text($0) }
            let b = r.evidence[key].map { Self.text($0) }
            if a != b { figures.append(Figure(key: key, left: a, right: b)) }
        }
        if !figures.isEmpty { changed.append("evidence") }
        return changed.isEmpty ? nil : RuleChange(rule: rule, left: l, right: r, changed: changed, figures: figures)
    }

    /// A figure as text: strings bare, anything else as compact canonical JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return JSONWriter.write(value, pretty: false)
    }

    public var verdictChanged: Bool {
        left.summary.eligible != right.summary.eligible || left.summary.group != right.summary.group
    }

    public var blockingAdded: [RuleID] { right.summary.blocking.filter { !left.summary.blocking.contains($0) } }
    public var blockingRemoved: [RuleID] { left.summary.blocking.filter { !right.summary.blocking.contains($0) } }

    /// The asset classes whose totals differ, by class name (empty unless both sides were read).
    public var compositionChanges: [CompositionChange] {
        guard let l = left.composition, let r = right.composition else { return [] }
        let classes = Set(l.keys).union(r.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return classes.compactMap { c in
            l[c] == r[c] ? nil : CompositionChange(assetClass: c, left: l[c], right: r[c])
        }
    }

    /// Nothing differs in the verdict, the blocking rules, the headline figures, the composition or any finding.
    public var isEmpty: Bool {
        !verdictChanged && rules.isEmpty && blockingAdded.isEmpty && blockingRemoved.isEmpty
            && compositionChanges.isEmpty
            && left.summary.coverage == right.summary.coverage
            && left.summary.stressedCoverage == right.summary.stressedCoverage
    }

    // MARK: Rendering

    public var json: JSONValue {
        func side(_ s: Side) -> JSONValue {
            let e = s.summary
            return [
                "label": .string(s.label), "attestationId": .string(e.name), "digest": .string(e.digest),
                "issuer": .string(e.issuer), "token": .string(e.token), "sequence": .int(e.sequence),
                "asOf": .string(e.asOf),
                "profile": .string(e.profile), "tool": .string(e.tool), "evaluatedAt": .string(e.evaluatedAt),
                "verdict": [
                    "group1b": .string(e.eligible ? "eligible" : "not-eligible"), "group": .string(e.group),
                    "blocking": .strings(e.blocking.map(\.rawValue)),
                ],
                "coverage": e.coverage.map(JSONValue.string) ?? .null,
                "stressedCoverage": e.stressedCoverage.map(JSONValue.string) ?? .null,
            ]
        }
        func finding(_ f: FindingRecord?) -> JSONValue {
            guard let f else { return .null }
            return ["status": .string(f.status), "gating": .bool(f.gating), "message": .string(f.message)]
        }
        let rules: [JSONValue] = rules.map { c in
            [
                "rule": .string(c.rule), "left": finding(c.left), "right": finding(c.right),
                "changed": .strings(c.changed),
                "figures": .array(
                    c.figures.map { f in
                        [
                            "key": .string(f.key), "left": f.left.map(JSONValue.string) ?? .null,
                            "right": f.right.map(JSONValue.string) ?? .null,
                        ]
                    }),
            ]
        }
        return [
            "format": "reserve-diff/1", "left": side(left), "right": side(right),
            "verdictChanged": .bool(verdictChanged),
            "blocking": [
                "added": .strings(blockingAdded.map(\.rawValue)), "removed": .strings(blockingRemoved.map(\.rawValue)),
            ],
            "rules": .array(rules), "unchangedRules": .int(unchangedRules), "identical": .bool(isEmpty),
            "composition": .array(
                compositionChanges.map { c in
                    [
                        "assetClass": .string(c.assetClass), "left": c.left.map(JSONValue.amount) ?? .null,
                        "right": c.right.map(JSONValue.amount) ?? .null,
                    ]
                }),
        ]
    }

    /// For people: the two sides, a one-line verdict change, the headline figures, and a compact
    /// table of the changed rules only (columns sized from the data).
    public var text: String {
        func verdict(_ e: EvaluationSummary) -> String { e.eligible ? "ELIGIBLE 1b" : "NOT ELIGIBLE \(e.group)" }
        func ratio(_ text: String?) -> String {
            guard let text, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                return "-"
            }
            return percent(value)
        }
        func describe(_ s: Side) -> String {
            let e = s.summary
            return
                "\(s.label): \(e.issuer)/\(e.token) #\(e.sequence) "
                + "(\(e.name), sha256:\(e.digest.dropFirst(7).prefix(12))…) "
                + "under \(e.profile), evaluated at \(e.evaluatedAt) by \(e.tool)"
        }
        let l = left.summary
        let r = right.summary
        var out = "left:  \(describe(left))\nright: \(describe(right))\n"
        out += verdictChanged ? "verdict: \(verdict(l)) -> \(verdict(r))\n" : "verdict: unchanged, \(verdict(l))\n"
        out +=
            "coverage: \(ratio(l.coverage)) -> \(ratio(r.coverage)); worst stressed: \(ratio(l.stressedCoverage)) -> "
        out += "\(ratio(r.stressedCoverage))\n"
        let composition = compositionChanges
        if !composition.isEmpty {
            let parts = composition.map {
                "\($0.assetClass) \($0.left.map(money) ?? "-") -> \($0.right.map(money) ?? "-")"
            }
            out += "composition: " + parts.joined(separator: "; ") + "\n"
        }
        if !blockingAdded.isEmpty || !blockingRemoved.isEmpty {
            var parts: [String] = []
            if !blockingAdded.isEmpty {
                parts.append("now blocking " + blockingAdded.map(\.rawValue).joined(separator: ", "))
            }
            if !blockingRemoved.isEmpty {
                parts.append("no longer blocking " + blockingRemoved.map(\.rawValue).joined(separator: ", "))
            }
            out += "blocking: " + parts.joined(separator: "; ") + "\n"
        }
        guard !rules.isEmpty else {
            out += "no rule changed (\(unchangedRules) compared)\n"
            return out
        }
        func status(_ f: FindingRecord?) -> String {
            guard let f else { return "(none)" }
            return f.status + (f.gating ? "" : "*")
        }
        var rows: [[String]] = [["RULE", "LEFT", "RIGHT", "WHAT CHANGED"]]
        for c in rules {
            var what: [String] = []
            if c.changed.contains("gating") {
                what.append(c.right?.gating == true ? "now gating" : "no longer gating")
            }
            for f in c.figures.prefix(4) { what.append("\(f.key) \(f.left ?? "-") -> \(f.right ?? "-")") }
            if c.figures.count > 4 { what.append("+\(c.figures.count - 4) more figures") }
            if what.isEmpty && c.changed.contains("message") { what.append(c.right?.message ?? "") }
            if c.changed == ["finding"] { what.append(c.left == nil ? "only on the right" : "only on the left") }
            rows.append([c.rule, status(c.left), status(c.right), what.joined(separator: "; ")])
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            var line = ""
            for column in 0..<3 {
                line += row[column].padded(to: widths[column] + 2)
            }
            out += line + row[3] + "\n"
        }
        out += "\(rules.count) rule\(rules.count == 1 ? "" : "s") changed, \(unchangedRules) unchanged (* not gating)\n"
        return out
    }
}
