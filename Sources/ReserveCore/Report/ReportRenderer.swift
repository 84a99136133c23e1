import Foundation

/// Renders a ``RunReport`` for machines (JSON, stable and documented in docs/JSON-OUTPUT.md) and for
/// people (aligned text, optional ANSI colour). Same report, same bytes.
public enum ReportRenderer {
    // MARK: JSON

    /// The version of `verify --format json`'s layout (its JSON Schema:
    /// docs/schemas/verify-output.schema.json). A change that can break a reader (a field
    /// removed, renamed or retyped) takes the next number; new fields do not.
    public static let jsonFormat = "reserve-verifier/verify@1"

    public static func json(_ report: RunReport) -> String {
        var root = JSONObject()
        root["format"] = .string(jsonFormat)
        root["tool"] = .string(report.tool)
        root["evaluatedAt"] = .string(report.evaluatedAt.description)
        root["profile"] = .string(report.profile)
        root["attestations"] = .array(report.results.map(json))
        var eligible = 0
        var notEligible = 0
        var errors = 0
        for result in report.results {
            switch result.outcome {
            case .error: errors += 1
            case .checked(_, let evaluation): if evaluation.verdict.eligible { eligible += 1 } else { notEligible += 1 }
            }
        }
        root["summary"] = [
            "inputs": .int(report.results.count), "eligible": .int(eligible), "notEligible": .int(notEligible),
            "errors": .int(errors), "exitCode": .int(Int(report.exitCode)),
        ]
        return JSONWriter.write(.object(root)) + "\n"
    }

    public static func json(_ result: AttestationReport) -> JSONValue {
        var o = JSONObject()
        o["source"] = .string(result.source)
        if let ledger = result.ledger { o["ledger"] = .object(ledger) }
        switch result.outcome {
        case .error(let error):
            o["error"] = [
                "code": .string(error.code.rawValue), "name": .string(error.code.name),
                "message": .string(error.message),
            ]
        case .checked(let verified, let evaluation):
            let a = verified.attestation
            o["envelope"] = .string(verified.envelope.rawValue)
            o["attestationId"] = .string(a.attestationId)
            o["issuer"] = .string(a.issuer.id)
            o["token"] = .string(a.token.symbol)
            o["sequence"] = .int(a.sequence)
            o["asOf"] = .string(a.asOf.description)
            o["issuedAt"] = .string(a.issuedAt.description)
            o["digest"] = .string(verified.digest)
            o["signatures"] = .array(verified.signatures.map(json))
            o["findings"] = .array(evaluation.findings.map(json))
            o["verdict"] = json(evaluation.verdict)
            o["coverage"] = evaluation.coverage.map(JSONValue.ratio) ?? .null
            o["stressedCoverage"] = evaluation.stressedCoverage.map(JSONValue.ratio) ?? .null
        }
        return .object(o)
    }

    public static func json(_ check: SignatureCheck) -> JSONValue {
        var s = JSONObject()
        s["index"] = .int(check.index)
        s["keyid"] = check.keyID.map(JSONValue.string) ?? .null
        s["role"] = check.role.map { .string($0.rawValue) } ?? .null
        s["algorithm"] = check.algorithm.map { .string($0.rawValue) } ?? .null
        s["status"] = .string(check.status.rawValue)
        s["reason"] = .string(check.reason)
        s["duplicate"] = .bool(check.duplicate)
        return .object(s)
    }

    public static func json(_ finding: Finding) -> JSONValue {
        var f = JSONObject()
        f["rule"] = .string(finding.rule.rawValue)
        f["status"] = .string(finding.status.rawValue)
        f["message"] = .string(finding.message)
        f["reference"] = .string(finding.reference)
        f["basis"] = .string(finding.basis.rawValue)
        f["source"] = finding.source.json
        f["gating"] = .bool(finding.gating)
        f["evidence"] = .object(finding.evidenceJSON)
        if let m = finding.margin { f["margin"] = ["text": .string(m.text), "fraction": .ratio(m.fraction)] }
        return .object(f)
    }

    public static func json(_ verdict: Verdict) -> JSONValue {
        [
            "group1b": .string(verdict.eligible ? "eligible" : "not-eligible"),
            "group": .string(verdict.group.rawValue),
            "profile": .string(verdict.profile),
            "blocking": .strings(verdict.blocking.map(\.rawValue)),
            "notes": .strings(verdict.notes),
        ]
    }

    /// The gating pass with the smallest margin (ties: catalogue order).
    public static func closestToFailing(_ findings: [Finding]) -> Finding? {
        // The first of the smallest (fraction, rule), as `min` finds it; no filtered copy of the findings.
        var best: (index: Int, fraction: Decimal)?
        for i in findings.indices where findings[i].gating && findings[i].status == .pass {
            guard let fraction = findings[i].margin?.fraction else { continue }
            if let b = best,
                !(fraction < b.fraction || fraction == b.fraction && findings[i].rule < findings[b.index].rule)
            {
                continue
            }
            best = (i, fraction)
        }
        return best.map { findings[$0.index] }
    }

    // MARK: Text

    public struct Style: Sendable {
        public var color: Bool
        public init(color: Bool) { self.color = color }

        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func status(_ status: FindingStatus, padded width: Int) -> String {
            let text = status.rawValue.padded(to: width)
            switch status {
            case .fail: return paint(text, "31;1")
            case .insufficientData: return paint(text, "33;1")
            case .warn: return paint(text, "33")
            case .pass: return paint(text, "32")
            case .notApplicable: return paint(text, "2")
            }
        }
    }

    /// The run for people: one input in full; several inputs as a summary table (one line per
    /// attestation), with each input's findings only when `details` is set.
    public static func text(_ report: RunReport, style: Style, details: Bool = false) -> String {
        var out = ""
        if report.results.count > 1 {
            out += summary(report.results, style: style) + "\n"
        }
        if details || report.results.count == 1 {
            for result in report.results {
                out += text(result, style: style)
                out += "\n"
            }
        }
        var eligible = 0
        var notEligible = 0
        var errors = 0
        for result in report.results {
            switch result.outcome {
            case .error: errors += 1
            case .checked(_, let e): if e.verdict.eligible { eligible += 1 } else { notEligible += 1 }
            }
        }
        out +=
            """
            \(report.results.count) input\(report.results.count == 1 ? "" : "s"): \(eligible) eligible, \(notEligible) \
            not eligible, \(errors) could not be checked
            """
        out += " (profile \(report.profile), evaluated at \(report.evaluatedAt)"
        out += report.ledgerPath.map { "; recorded in \($0))\n" } ?? ")\n"
        return out
    }

    /// One line per input, columns sized from the data: the coin and sequence, the verdict and
    /// group, coverage and worst stressed coverage, the gating pass closest to failing with its
    /// headroom, the ledger's note, the input and the blocking rules. An input that could not be checked says why in
    /// the blocking column.
    public static func summary(_ results: [AttestationReport], style: Style) -> String {
        var rows: [[String]] = [["COIN", "VERDICT", "COVERAGE", "STRESSED", "CLOSEST", "LEDGER", "INPUT", "BLOCKING"]]
        var verdicts: [String?] = [nil]
        for result in results {
            let ledger: String
            if let note = result.ledger, case .bool(let recorded)? = note["recorded"],
                case .bool(let accepted)? = note["accepted"]
            {
                ledger = recorded ? (accepted ? "recorded" : "evidence") : "replay"
            } else {
                ledger = "-"
            }
            switch result.outcome {
            case .error(let error):
                rows.append([
                    "-", "ERROR", "-", "-", "-", ledger, result.source, "\(error.code.rawValue) \(error.code.name)",
                ])
                verdicts.append("31;1")
            case .checked(let verified, let evaluation):
                let a = verified.attestation
                let v = evaluation.verdict
                rows.append([
                    "\(a.issuer.id)/\(a.token.symbol) #\(a.sequence)",
                    v.eligible ? "eligible 1b" : "NOT ELIGIBLE \(v.group)",
                    evaluation.coverage.map(percent) ?? "-", evaluation.stressedCoverage.map(percent) ?? "-",
                    closestToFailing(evaluation.findings).map { f in
                        f.margin.map { "\(f.rule.rawValue) +\(percent($0.fraction))" } ?? f.rule.rawValue
                    } ?? "-",
                    ledger, result.source,
                    blockingSummary(v.blocking),
                ])
                verdicts.append(v.eligible ? "32;1" : "31;1")
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for (row, colour) in zip(rows, verdicts) {
            var line = ""
            for (column, cell) in row.enumerated() {
                let last = column == row.count - 1
                let padded = last ? cell : cell.padded(to: widths[column] + 2)
                line += column == 1 && colour != nil ? style.paint(padded, colour!) : padded
            }
            out += (colour == nil ? style.paint(line, "1") : line) + "\n"
        }
        return out
    }

    /// The first three blocking rules, then how many more.
    static func blockingSummary(_ rules: [RuleID]) -> String {
        guard !rules.isEmpty else { return "-" }
        let shown = rules.prefix(3).map(\.rawValue).joined(separator: ",")
        return rules.count > 3 ? "\(shown) +\(rules.count - 3) more" : shown
    }

    public static func text(_ result: AttestationReport, style: Style) -> String {
        var out = style.paint(result.source, "1") + "\n"
        switch result.outcome {
        case .error(let error):
            out +=
                "  " + style.paint("error \(error.code.rawValue) \(error.code.name)", "31;1") + ": \(error.message)\n"
        case .checked(let verified, let evaluation):
            let a = verified.attestation
            out +=
                """
                  \(a.token.symbol) by \(a.issuer.id), \(a.attestationId) #\(a.sequence), as of \(a.asOf), \
                \(verified.envelope.rawValue), \(verified.digest.prefix(19))…\n
                """
            let v = evaluation.verdict
            let headline =
                v.eligible
                ? style.paint("ELIGIBLE", "32;1") + ": Group 1b under \(v.profile)"
                : style.paint("NOT ELIGIBLE", "31;1")
                    + """
                    : Group \(v.group) under \(v.profile); blocked by \
                    \(v.blocking.map(\.rawValue).joined(separator: ", "))
                    """
            out += "  verdict: \(headline)\n"
            if let coverage = evaluation.coverage {
                out += "  coverage \(percent(coverage))"
                if let stressed = evaluation.stressedCoverage { out += ", worst stressed \(percent(stressed))" }
                out += "\n"
            }
            if v.eligible, let closest = closestToFailing(evaluation.findings), let m = closest.margin {
                out += "  closest to failing: \(closest.rule.rawValue), \(m.text)\n"
            }
            for note in v.notes { out += "  note: \(note)\n" }
            for s in verified.signatures {
                let who = s.role.map(\.rawValue) ?? "?"
                let key = s.keyID.map { $0.count > 12 ? $0.prefix(12) + "…" : $0 } ?? "-"
                out +=
                    """
                      signature #\(s.index) \(who) \(key): \(s.status.rawValue)\(s.duplicate ? " (duplicate)" : ""), \
                    \(s.reason)\n
                    """
            }
            let sorted = evaluation.findings.enumerated().sorted {
                ($0.element.status.severityRank, $0.offset) < ($1.element.status.severityRank, $1.offset)
            }.map(\.element)
            let ruleWidth = max(4, sorted.map(\.rule.rawValue.count).max() ?? 4)
            out +=
                "  " + "STATUS".padded(to: 18)
                + "RULE".padded(to: ruleWidth + 2) + "REASON\n"
            for f in sorted {
                let rule = f.rule.rawValue.padded(to: ruleWidth + 2)
                out += "  \(style.status(f.status, padded: 18))\(rule)\(f.message)\(f.gating ? "" : " [not gating]")\n"
            }
        }
        if let ledger = result.ledger, case .string(let note)? = ledger["note"] { out += "  ledger: \(note)\n" }
        return out
    }
}
