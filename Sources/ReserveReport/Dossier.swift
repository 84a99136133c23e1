import Foundation
import Mustache
import ReserveCore

/// A coin's dossier for a credit committee: one self-contained HTML page (inline CSS and SVG, no
/// script, no network) drawn from the same evaluation model as `verify --format json`: the page
/// reads the JSON of ``ReportRenderer/json(_:)-(AttestationReport)`` for the verdict, findings
/// and signatures, so a field added there (a finding's `source`, say) shows here without a
/// second logic. The attestation itself gives the reserve composition; the ledger the history.
public struct Dossier: Sendable {
    /// One earlier evaluation of the coin, from the ledger.
    public struct HistoryPoint: Sendable, Hashable {
        public var evaluation: Int64
        public var evaluatedAt: String
        public var asOf: String
        public var profile: String
        public var eligible: Bool
        public var group: String
        public var coverage: String?
        public var stressedCoverage: String?

        public init(
            evaluation: Int64, evaluatedAt: String, asOf: String, profile: String, eligible: Bool, group: String,
            coverage: String?, stressedCoverage: String?
        ) {
            self.evaluation = evaluation
            self.evaluatedAt = evaluatedAt
            self.asOf = asOf
            self.profile = profile
            self.eligible = eligible
            self.group = group
            self.coverage = coverage
            self.stressedCoverage = stressedCoverage
        }
    }

    /// Where the attestation's latest evaluation sits in the ledger.
    public struct LedgerPosition: Sendable, Hashable {
        public var path: String
        public var evaluation: Int64?
        public var rowHash: String?
        public var headEvaluations: Int
        public var headHash: String
        public var checkpoint: String?

        public init(
            path: String, evaluation: Int64?, rowHash: String?, headEvaluations: Int, headHash: String,
            checkpoint: String?
        ) {
            self.path = path
            self.evaluation = evaluation
            self.rowHash = rowHash
            self.headEvaluations = headEvaluations
            self.headHash = headHash
            self.checkpoint = checkpoint
        }
    }

    /// The attestation's entry of `verify --format json` (``ReportRenderer/json(_:)-(AttestationReport)``).
    public var result: JSONValue
    public var attestation: Attestation
    public var envelopeSHA256: String
    public var tool: String
    public var evaluatedAt: String
    public var history: [HistoryPoint]
    public var ledger: LedgerPosition?
    /// Key id -> the key's validity in the trust store (`from …, until …, revoked at …`).
    public var keyValidity: [String: String] = [:]
    /// The RFC 3161 timestamp that came with the envelope, as a sentence (nil: none came).
    public var timestamp: String?

    public init(
        result: JSONValue, attestation: Attestation, envelopeSHA256: String, tool: String, evaluatedAt: String,
        history: [HistoryPoint], ledger: LedgerPosition?
    ) {
        self.result = result
        self.attestation = attestation
        self.envelopeSHA256 = envelopeSHA256
        self.tool = tool
        self.evaluatedAt = evaluatedAt
        self.history = history
        self.ledger = ledger
    }

    /// The chart titles, as they appear on the page (tests look for them in the printed PDF).
    public static let chartTitles = [
        "Reserves by asset class", "Reserves by currency", "Reserves by custodian or counterparty",
        "Reserves by residual maturity", "Coverage and worst stressed coverage over time",
    ]

    /// The page.
    public func html() throws -> String {
        let template = try MustacheTemplate(string: DossierTemplate.page)
        return template.render(context)
    }

    /// Every SVG on the page, in order (each is a complete XML document).
    public var charts: [String] {
        let a = attestation
        let currency = a.token.peg.currency
        func group(_ key: (ReserveLine) -> String) -> [SVGChart.Slice] {
            var totals: [String: Decimal] = [:]
            for line in a.reserves { totals[key(line), default: 0] += line.value.decimal }
            return totals.map { SVGChart.Slice(label: $0.key, value: $0.value) }
        }
        let asOf = a.asOf.date.daysSinceEpoch
        let maturity = group { line in
            if line.callable == true { return "callable / overnight" }
            if let tenor = line.tenorDays { return Self.bucket(tenor) }
            if let days = line.weightedAverageMaturityDays { return Self.bucket(days) + " (fund WAM)" }
            guard let date = line.maturity else { return "no maturity (cash, reserves, other)" }
            return Self.bucket(date.daysSinceEpoch - asOf)
        }
        var points: [SVGChart.Point] = []
        var previous: HistoryPoint?
        for h in history {
            let verdict = h.eligible ? "1b" : h.group
            let change = previous.map { ($0.eligible ? "1b" : $0.group) != verdict ? "→ \(verdict)" : nil } ?? nil
            points.append(
                .init(
                    label: String(h.evaluatedAt.prefix(10)), coverage: Self.decimal(h.coverage),
                    stressed: Self.decimal(h.stressedCoverage), verdictChange: change))
            previous = h
        }
        return [
            SVGChart.bars(title: Self.chartTitles[0], slices: group { $0.assetClass.rawValue }, currency: currency),
            SVGChart.bars(title: Self.chartTitles[1], slices: group { $0.currency }, currency: currency),
            SVGChart.bars(
                title: Self.chartTitles[2],
                slices: group { line in
                    line.custodian?.name ?? line.counterparty?.name ?? "held by the issuer (\(line.custody.rawValue))"
                }, currency: currency),
            SVGChart.bars(title: Self.chartTitles[3], slices: maturity, currency: currency),
            SVGChart.history(title: Self.chartTitles[4], points: points),
        ]
    }

    static func bucket(_ days: Int) -> String {
        switch days {
        case ..<8: "up to 7 days"
        case ..<31: "8 to 30 days"
        case ..<91: "31 to 90 days"
        case ..<366: "91 days to 1 year"
        default: "over 1 year"
        }
    }

    static func decimal(_ text: String?) -> Decimal? {
        text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    /// An amount as grouped text (`5,020,931,506.85`), or the text as given when it is not a decimal.
    /// A finding's margin (`{"text", "fraction"}`) as its text for people; nil when there is none.
    static func marginText(_ value: JSONValue?) -> String? {
        guard case .object(let o)? = value, case .string(let text)? = o["text"] else { return nil }
        return text
    }

    static func amount(_ value: JSONValue?) -> String {
        let text = cell(value)
        return decimal(text).map { SVGChart.grouped($0) } ?? text
    }

    static func percent(_ text: String?) -> String {
        guard let value = decimal(text) else { return "–" }
        return (value * 100).fixed(2) + "%"
    }

    /// A JSON value as short text for a table cell.
    /// A finding's source for people: "kind: citation", with "(unconfirmed)" when the wording was
    /// not confirmed; a plain string as it is.
    static func sourceText(_ v: JSONValue?) -> String {
        guard case .object(let o)? = v else { return cell(v) }
        let kind = cell(o["kind"])
        let citation = cell(o["citation"])
        let unconfirmed = o["confirmed"] == .bool(false) ? " (unconfirmed)" : ""
        return kind.isEmpty ? citation : "\(kind): \(citation)\(unconfirmed)"
    }

    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "yes" : "no"
        case .number(let n)?: return n
        case let other?: return JSONWriter.write(other, pretty: false)
        }
    }

    var context: [String: Any] {
        let r = result
        func string(_ v: JSONValue?) -> String { Self.cell(v) }
        let verdict = r["verdict"]
        let eligible = string(verdict?["group1b"]) == "eligible"
        let group = string(verdict?["group"])
        let findings = (r["findings"]?.arrayValue ?? []).enumerated().sorted { a, b in
            let ra = FindingStatus(rawValue: string(a.element["status"]))?.severityRank ?? 9
            let rb = FindingStatus(rawValue: string(b.element["status"]))?.severityRank ?? 9
            return (ra, a.offset) < (rb, b.offset)
        }.map { _, f -> [String: Any] in
            [
                "status": string(f["status"]), "rule": string(f["rule"]), "message": string(f["message"]),
                "reference": string(f["reference"]), "basis": string(f["basis"]),
                "gating": f["gating"] == .bool(true) ? "gating" : "not gating",
                "source": Self.sourceText(f["source"]), "hasSource": !Self.sourceText(f["source"]).isEmpty,
                "margin": Self.marginText(f["margin"]) ?? Self.amount(f["evidence"]?["margin"]),
            ]
        }
        var stress: [[String: Any]] = []
        var lossByLine: [[String: Any]] = []
        var stressTable = ""
        if let oc = r["findings"]?.arrayValue?.first(where: { $0["rule"] == .string(RuleID.rrtOC.rawValue) }) {
            stressTable = string(oc["evidence"]?["stressTable"])
            for s in oc["evidence"]?["scenarios"]?.arrayValue ?? [] {
                stress.append([
                    "name": string(s["name"]), "loss": Self.amount(s["loss"]),
                    "net": Self.amount(s["stressedNetReserves"]),
                    "coverage": Self.percent(s["coverage"].map(string)),
                    "defaulted": string(s["defaultedCounterparty"]),
                ])
            }
            if case .object(let losses)? = oc["evidence"]?["marketLossByLine"] {
                for line in attestation.reserves {
                    guard let loss = losses[line.id] else { continue }
                    lossByLine.append([
                        "id": line.id, "class": line.assetClass.rawValue, "value": SVGChart.grouped(line.value.decimal),
                        "loss": Self.amount(loss),
                    ])
                }
            }
        }
        let sigTrusted = r["findings"]?.arrayValue?.first { $0["rule"] == .string(RuleID.sigTrusted.rawValue) }
        let signatures = (r["signatures"]?.arrayValue ?? []).map { s -> [String: Any] in
            [
                "index": string(s["index"]), "role": string(s["role"]), "keyid": string(s["keyid"]),
                "validity": keyValidity[string(s["keyid"])] ?? "not in the trust store",
                "algorithm": string(s["algorithm"]), "status": string(s["status"]), "reason": string(s["reason"]),
            ]
        }
        let charts = self.charts
        var context: [String: Any] = [
            "coin": "\(attestation.issuer.legalName) · \(attestation.token.symbol)",
            "issuer": attestation.issuer.id, "token": attestation.token.symbol,
            "attestationId": string(r["attestationId"]), "sequence": string(r["sequence"]), "asOf": string(r["asOf"]),
            "issuedAt": string(r["issuedAt"]), "envelope": string(r["envelope"]), "digest": string(r["digest"]),
            "envelopeSha256": envelopeSHA256, "source": string(r["source"]),
            "eligible": eligible, "verdictText": eligible ? "ELIGIBLE: Group 1b" : "NOT ELIGIBLE: Group \(group)",
            "profile": string(verdict?["profile"]),
            "blocking": (verdict?["blocking"]?.arrayValue ?? []).map(string).joined(separator: ", "),
            "hasBlocking": !(verdict?["blocking"]?.arrayValue ?? []).isEmpty,
            "notes": (verdict?["notes"]?.arrayValue ?? []).map(string),
            "capital": Self.capital(eligible: eligible, group: group, findings: r["findings"]?.arrayValue ?? []),
            "coverage": Self.percent(string(r["coverage"])),
            "stressedCoverage": Self.percent(string(r["stressedCoverage"])),
            "findings": findings,
            "failures": findings.filter { ["fail", "insufficient-data"].contains($0["status"] as? String) }.count,
            "stress": stress, "hasStress": !stress.isEmpty, "stressTable": stressTable,
            "lossByLine": lossByLine, "hasLossByLine": !lossByLine.isEmpty,
            "keysJudgedAt": string(sigTrusted?["evidence"]?["keysJudgedAt"]),
            "timestamp": timestamp ?? "none came with the envelope",
            "keysJudgedAtSource": string(sigTrusted?["evidence"]?["keysJudgedAtSource"]),
            "signatures": signatures, "tool": tool, "evaluatedAt": evaluatedAt,
            "chartClass": charts[0], "chartCurrency": charts[1], "chartCustody": charts[2], "chartMaturity": charts[3],
            "chartHistory": charts[4], "chartTitles": Self.chartTitles,
            "history": history.reversed().map { h -> [String: Any] in
                [
                    "evaluation": String(h.evaluation), "evaluatedAt": h.evaluatedAt, "asOf": h.asOf,
                    "profile": h.profile,
                    "verdict": h.eligible ? "eligible 1b" : "not eligible \(h.group)",
                    "coverage": Self.percent(h.coverage),
                    "stressed": Self.percent(h.stressedCoverage),
                ]
            },
            "hasHistory": !history.isEmpty,
        ]
        if let ledger {
            context["ledger"] =
                [
                    "path": ledger.path, "evaluation": ledger.evaluation.map(String.init) ?? "not recorded",
                    "rowHash": ledger.rowHash ?? "–", "headEvaluations": String(ledger.headEvaluations),
                    "headHash": ledger.headHash,
                    "checkpoint": ledger.checkpoint ?? "none signed",
                ] as [String: Any]
        }
        return context
    }

    /// What the verdict means for the bank's capital, with its source.
    static func capital(eligible: Bool, group: String, findings: [JSONValue]) -> String {
        if let rw = findings.first(where: { $0["rule"] == .string(RuleID.g2bRiskWeight.rawValue) }),
            case .string(let m)? = rw["message"]
        {
            return m + " (G2B-RW)"
        }
        if eligible {
            return "Group 1b: capital as for the reserve assets' risk (Basel SCO60, Group 1b treatment); "
                + "pass --exposure to compute the bank's figures."
        }
        switch group {
        case "2a": return "Group 2a: hedging recognition and the Group 2 exposure limit apply (Basel SCO60, Group 2a)."
        default:
            return "Group 2b: a 1,250% risk weight on the exposure (Basel SCO60, Group 2b); "
                + "pass --exposure and --tier1-capital to compute the bank's figures."
        }
    }
}

extension JSONValue {
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o[key]
    }

    fileprivate var arrayValue: [JSONValue]? {
        guard case .array(let a) = self else { return nil }
        return a
    }
}
