import Foundation
import ReserveCore
import Yams

/// A `watch` job file (YAML), decoded strictly: unknown keys, duplicate keys, wrong types and
/// out-of-range values are errors that name the line.
///
/// ```yaml
/// version: 1
/// ledger: reserve-verifier.sqlite
/// keys: keys
/// profile: bcbs
/// sinks:
///   - name: log
///     type: command
///     command: ["sh", "-c", "cat >> alerts.jsonl"]
/// coins:
///   - issuer: kizuna-yen
///     token: KZJPY
///     sources:
///       - folder: attestations/kizuna-yen
///       - url: https://kizuna.example/attestations/latest.dsse.json
///     freshnessDays: 35
///     alerts: [log]
/// warnings:                       # early warnings, once per crossing (a coin may set its own)
///   worstStressedCoverageBelow: "1.01"
///   auditLapsesWithinDays: 30
///   ruleMarginsBelow: {RRT-OC: "0.005"}
/// dossiers: dossiers              # each coin's dossier after a change
/// ```
public struct JobFile: Sendable, Hashable {
    public var ledger: String?
    public var keys: String
    public var profile: String
    public var metricsFile: String?
    /// Rounds a source may fail in a row before `source-unreachable` is raised.
    public var unreachableAfterRounds: Int
    public var http: HTTPSettings
    public var delivery: DeliverySettings
    public var sinks: [Sink]
    public var coins: [Coin]
    /// Early warnings for every coin (a coin's own `warnings:` replaces them).
    public var warnings: Warnings?
    /// Each coin's dossier is written here (`<issuer>-<token>.html`) after a change.
    public var dossiers: String?

    /// Thresholds that raise a `margin-warning` before eligibility flips: once when a figure
    /// crosses below its threshold, then a `margin-recovered` when it is back above.
    public struct Warnings: Sendable, Hashable {
        /// Reserve coverage (net reserves / peg value), an exact decimal such as `"1.02"`.
        public var coverageBelow: Decimal?
        /// Worst stressed coverage over the stress scenarios, an exact decimal such as `"1.01"`.
        public var worstStressedCoverageBelow: Decimal?
        /// The audit (RRT-AUDIT) lapses within this many days of now.
        public var auditLapsesWithinDays: Int?
        /// A passing rule's margin (headroom as a fraction of its threshold) below this, by rule.
        public var ruleMarginsBelow: [RuleID: Decimal] = [:]

        public init() {}
    }

    public struct HTTPSettings: Sendable, Hashable {
        /// Milliseconds.
        public var timeout: Int64 = 10_000
        public var maxBytes: Int = 16 * 1024 * 1024
        public var maxRedirects: Int = 3
        /// Milliseconds to establish a connection (a refused one fails at once, not retried).
        public var connectTimeout: Int64 = 3_000
        /// Hosts a redirect may lead to besides the source's own (lower case).
        public var redirectHosts: [String] = []
        public init() {}
    }

    public struct DeliverySettings: Sendable, Hashable {
        /// Attempts within one round before leaving an alert for the next round.
        public var attemptsPerRound: Int = 4
        /// First retry delay in milliseconds; doubled after each failure, up to `maxBackoff`.
        public var initialBackoff: Int64 = 1_000
        public var maxBackoff: Int64 = 300_000
        /// Milliseconds a delivery may take.
        public var timeout: Int64 = 10_000
        /// Failed attempts after which an alert is parked: kept in the outbox, no longer retried,
        /// reported by an `alert-parked` alert and the `reserve_verifier_alerts_parked` metric.
        public var parkAfterAttempts: Int = 20
        /// Milliseconds ahead of each round that an active problem sent to Alertmanager ends: it is
        /// sent again every round, so a restarted Alertmanager learns it again, and it resolves by
        /// itself if `watch` stops.
        public var alertmanagerEndsAfter: Int64 = 3_600_000
        public init() {}
    }

    public struct Sink: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case webhook, slack, alertmanager, command
        }
        public var name: String
        public var kind: Kind
        public var url: String?
        public var command: [String]?
        /// Where a command sink runs, relative to the job file's folder; nil: that folder.
        public var workingDirectory: String?
    }

    public struct Coin: Sendable, Hashable {
        public enum Source: Sendable, Hashable {
            case folder(String)
            case url(String)

            public var description: String {
                switch self {
                case .folder(let path): "folder \(path)"
                case .url(let url): url
                }
            }
        }
        public var issuer: String
        public var token: String
        public var sources: [Source]
        /// Overrides the trust store's `freshnessDays` for this coin.
        public var freshnessDays: Int?
        /// Sink names; nil means every sink.
        public var alerts: [String]?
        /// This coin's early warnings (replacing the job's).
        public var warnings: Warnings? = nil
    }

    public static func decode(_ text: String, file: String) throws(VerifierError) -> JobFile {
        // YAML allows a leading byte order mark; libyaml rejects U+FEFF in a Swift string.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Before Yams composes a tree: its duplicate-key check costs exponential time on aliased keys.
        if case .over(let what, let line) = YAMLBudget.check(text) {
            throw VerifierError(.invalidConfiguration, "\(file):\(line): the YAML has \(what)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw VerifierError(.invalidConfiguration, yamlMessage(error, file: file))
        }
        guard let node else { throw VerifierError(.invalidConfiguration, "\(file) is empty") }
        var reader = YAMLReader(file: file)
        return try reader.job(node)
    }

    /// Yams' own descriptions quote the document (all of it, for a duplicate key): keep the file,
    /// the line and libyaml's problem only, so a hostile file cannot flood the message.
    static func yamlMessage(_ error: any Error, file: String) -> String {
        switch error as? YamlError {
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return "\(file):\(context.mark.line): duplicated key \(quotedForMessage(duplicates.first ?? ""))"
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
            .composer(let context, let problem, let mark, _)?:
            let during = context.map { "\($0.text.prefix(100)) (line \($0.mark.line)): " } ?? ""
            return "\(file):\(mark.line): not valid YAML: \(during)\(problem.prefix(200))"
        case .reader(let problem, let offset, _, _)?:
            return "\(file): not valid YAML: \(problem.prefix(200))\(offset.map { " at byte \($0)" } ?? "")"
        default:
            return "\(file): not valid YAML: \(String(describing: error).prefix(200))"
        }
    }
}

/// Strict reading of a composed YAML tree. Every error names the file and line.
struct YAMLReader {
    let file: String

    func error(_ node: Node?, _ message: String) -> VerifierError {
        let place = node?.mark.map { "\(file):\($0.line)" } ?? file
        return VerifierError(.invalidConfiguration, "\(place): \(message)")
    }

    /// A mapping read against its declared fields `F`: the first problem of the shared strict
    /// reader (``StrictObject``: an unknown key, a key given twice, then a required field missing),
    /// or a key that is not a plain name, is an error naming the line.
    func mapping<F: StrictFields>(_ node: Node, _ what: String, _ declared: F.Type) throws(VerifierError)
        -> StrictObject<F, Node>
    {
        guard case .mapping(let mapping) = node else { throw error(node, "\(what) must be a mapping") }
        var entries: [(key: String, value: Node)] = []
        var keys: [Node] = []
        // Keys are read up to the first one that is not a plain name: the entries before it are
        // checked first, as the file reads.
        var notPlain: Node?
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                notPlain = key
                break
            }
            entries.append((scalar.string, value))
            keys.append(key)
        }
        let object = StrictObject<F, Node>(entries)
        switch object.problems.first {
        case .unknown(let i)?:
            throw error(
                keys[i],
                "unknown key \(quotedForMessage(entries[i].key)) in \(what) (allowed: \(F.orderedNames.joined(separator: ", ")))"
            )
        case .duplicate(let i)?:
            throw error(keys[i], "duplicate key \(quotedForMessage(entries[i].key)) in \(what)")
        case .missing(let field)?:
            if let notPlain { throw error(notPlain, "\(what): keys must be plain names") }
            throw error(node, "\(what) needs \(quotedForMessage(field.rawValue))")
        case nil:
            if let notPlain { throw error(notPlain, "\(what): keys must be plain names") }
            return object
        }
    }

    func string(_ node: Node, _ what: String) throws(VerifierError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "\(what) must be a non-empty string")
        }
        guard scalar.string.utf8.count <= 4096, !scalar.string.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw error(node, "\(what) is too long or contains control characters")
        }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, _ range: ClosedRange<Int>) throws(VerifierError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            throw error(node, "\(what) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A positive number of seconds (decimal text, e.g. `0.05`), as whole milliseconds.
    func milliseconds(_ node: Node, _ what: String, maxSeconds: Int) throws(VerifierError) -> Int64 {
        guard case .scalar(let scalar) = node, case .success(let amount) = Amount.parse(scalar.string) else {
            throw error(node, "\(what) must be a number of seconds in (0, \(maxSeconds)]")
        }
        let millis = (amount.decimal * 1000).rounded(scale: 0, .plain)
        guard millis >= 1, millis <= Decimal(maxSeconds) * 1000 else {
            throw error(node, "\(what) must be a number of seconds in (0.001, \(maxSeconds)]")
        }
        return Int64(truncating: millis as NSDecimalNumber)
    }

    /// A positive exact decimal (`"1.01"`), at most `max`.
    func decimal(_ node: Node, _ what: String, max: Decimal) throws(VerifierError) -> Decimal {
        guard case .scalar(let scalar) = node, case .success(let amount) = Amount.parse(scalar.string),
            amount.decimal > 0, amount.decimal <= max
        else {
            throw error(node, "\(what) must be an exact decimal in (0, \(max)], e.g. \"1.01\"")
        }
        return amount.decimal
    }

    /// `warnings:`: the thresholds of the early warnings.
    func warnings(_ node: Node, _ what: String) throws(VerifierError) -> JobFile.Warnings {
        let w = try mapping(node, what, JobFile.WarningsField.self)
        var out = JobFile.Warnings()
        if let n = w[.coverageBelow] { out.coverageBelow = try decimal(n, "\(what).coverageBelow", max: 100) }
        if let n = w[.worstStressedCoverageBelow] {
            out.worstStressedCoverageBelow = try decimal(n, "\(what).worstStressedCoverageBelow", max: 100)
        }
        if let n = w[.auditLapsesWithinDays] {
            out.auditLapsesWithinDays = try int(n, "\(what).auditLapsesWithinDays", 1...3660)
        }
        if let n = w[.ruleMarginsBelow] {
            guard case .mapping(let rules) = n else { throw error(n, "\(what).ruleMarginsBelow must be a mapping") }
            for (key, value) in rules {
                guard case .scalar(let scalar) = key, let rule = RuleID(rawValue: scalar.string) else {
                    throw error(key, "\(what).ruleMarginsBelow: \(quotedForMessage(key.string ?? "")) is not a rule id")
                }
                guard out.ruleMarginsBelow[rule] == nil else {
                    throw error(key, "duplicate key \(quotedForMessage(rule.rawValue)) in \(what).ruleMarginsBelow")
                }
                out.ruleMarginsBelow[rule] = try decimal(value, "\(what).ruleMarginsBelow.\(rule.rawValue)", max: 100)
            }
        }
        return out
    }

    func list(_ node: Node, _ what: String, max: Int) throws(VerifierError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, "\(what) must be a list") }
        guard sequence.count <= max else { throw error(node, "\(what) has more than \(max) entries") }
        return Array(sequence)
    }

    /// http(s) URL; plain http only to this machine (tests, a local Alertmanager).
    func url(_ node: Node, _ what: String) throws(VerifierError) -> String {
        let text = try string(node, what)
        guard let url = URL(string: text), let scheme = url.scheme, let host = url.host, !host.isEmpty else {
            throw error(node, "\(what) is not a URL")
        }
        if scheme == "https" { return text }
        if scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) { return text }
        throw error(node, "\(what) must be https:// (plain http is allowed only to localhost)")
    }

    mutating func job(_ root: Node) throws(VerifierError) -> JobFile {
        let top = try mapping(root, "the job file", JobFile.Field.self)
        if let version = top[.version], try int(version, "version", 1...1000) != 1 {
            throw error(version, "version must be 1")
        }
        var http = JobFile.HTTPSettings()
        if let node = top[.http] {
            let h = try mapping(node, "http", JobFile.HTTPField.self)
            if let n = h[.timeoutSeconds] {
                http.timeout = try milliseconds(n, "http.timeoutSeconds", maxSeconds: 600)
            }
            if let n = h[.maxBytes] { http.maxBytes = try int(n, "http.maxBytes", 1...(256 << 20)) }
            if let n = h[.maxRedirects] { http.maxRedirects = try int(n, "http.maxRedirects", 0...10) }
            if let n = h[.connectTimeoutSeconds] {
                http.connectTimeout = try milliseconds(n, "http.connectTimeoutSeconds", maxSeconds: 600)
            }
            if let n = h[.redirectHosts] {
                http.redirectHosts = try list(n, "http.redirectHosts", max: 100).map { (n) throws(VerifierError) in
                    try string(n, "a redirect host").lowercased()
                }
            }
        }
        var delivery = JobFile.DeliverySettings()
        if let node = top[.delivery] {
            let d = try mapping(node, "delivery", JobFile.DeliveryField.self)
            if let n = d[.attemptsPerRound] {
                delivery.attemptsPerRound = try int(n, "delivery.attemptsPerRound", 1...100)
            }
            if let n = d[.initialBackoffSeconds] {
                delivery.initialBackoff = try milliseconds(n, "delivery.initialBackoffSeconds", maxSeconds: 3600)
            }
            if let n = d[.maxBackoffSeconds] {
                delivery.maxBackoff = try milliseconds(n, "delivery.maxBackoffSeconds", maxSeconds: 86_400)
            }
            if let n = d[.timeoutSeconds] {
                delivery.timeout = try milliseconds(n, "delivery.timeoutSeconds", maxSeconds: 600)
            }
            if let n = d[.alertmanagerEndsAfterSeconds] {
                delivery.alertmanagerEndsAfter = try milliseconds(
                    n, "delivery.alertmanagerEndsAfterSeconds",
                    maxSeconds: 90 * 86_400)
            }
            if let n = d[.parkAfterAttempts] {
                delivery.parkAfterAttempts = try int(
                    n, "delivery.parkAfterAttempts",
                    1...10_000)
            }
        }
        var sinks: [JobFile.Sink] = []
        for node in try top[.sinks].map({ (n) throws(VerifierError) in try list(n, "sinks", max: 100) }) ?? [] {
            let s = try mapping(node, "a sink", JobFile.SinkField.self)
            let name = try string(s[.name] ?? node, "sink name")
            guard let typeNode = s[.type], let kind = JobFile.Sink.Kind(rawValue: try string(typeNode, "sink type"))
            else {
                throw error(
                    s[.type],
                    "sink type must be one of \(JobFile.Sink.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var sink = JobFile.Sink(name: name, kind: kind, url: nil, command: nil)
            if kind == .command {
                guard let c = s[.command] else {
                    throw error(node, "a command sink needs `command` (a list: program and arguments)")
                }
                sink.command = try list(c, "command", max: 64).map { (n) throws(VerifierError) in
                    try string(n, "a command argument")
                }
                guard sink.command?.isEmpty == false else { throw error(c, "command must name a program") }
                if s[.url] != nil { throw error(s[.url], "a command sink has no url") }
                sink.workingDirectory = try s[.workingDirectory].map { (n) throws(VerifierError) in
                    try string(n, "workingDirectory")
                }
            } else {
                guard let u = s[.url] else { throw error(node, "a \(kind.rawValue) sink needs `url`") }
                sink.url = try url(u, "sink url")
                if s[.command] != nil { throw error(s[.command], "only a command sink has `command`") }
                if s[.workingDirectory] != nil {
                    throw error(s[.workingDirectory], "only a command sink has `workingDirectory`")
                }
            }
            guard !sinks.contains(where: { $0.name == name }) else {
                throw error(node, "two sinks are named \(quotedForMessage(name))")
            }
            sinks.append(sink)
        }
        var coins: [JobFile.Coin] = []
        guard let coinsNode = top[.coins] else { throw error(root, "the job file needs `coins`") }
        for node in try list(coinsNode, "coins", max: 10_000) {
            let c = try mapping(node, "a coin", JobFile.CoinField.self)
            let issuer = try string(c[.issuer] ?? node, "issuer")
            guard IssuerID.isValid(issuer) else {
                throw error(c[.issuer], "issuer \(quotedForMessage(issuer)) is not an issuer id")
            }
            let token = try string(c[.token] ?? node, "token")
            var sources: [JobFile.Coin.Source] = []
            for s in try list(c[.sources] ?? node, "sources", max: 100) {
                let m = try mapping(s, "a source", JobFile.SourceField.self)
                switch (m[.folder], m[.url]) {
                case (let folder?, nil): sources.append(.folder(try string(folder, "folder")))
                case (nil, let u?): sources.append(.url(try url(u, "source url")))
                default: throw error(s, "a source is either `folder: PATH` or `url: URL`")
                }
            }
            guard !sources.isEmpty else { throw error(c[.sources], "a coin needs at least one source") }
            let freshness = try c[.freshnessDays].map { (n) throws(VerifierError) in
                try int(n, "freshnessDays", 1...3660)
            }
            var routes: [String]?
            if let a = c[.alerts] {
                routes = try list(a, "alerts", max: 100).map { (n) throws(VerifierError) in try string(n, "a sink name")
                }
                for name in routes ?? [] where !sinks.contains(where: { $0.name == name }) {
                    throw error(a, "alerts names \(quotedForMessage(name)), which is not a sink")
                }
            }
            guard !coins.contains(where: { $0.issuer == issuer && $0.token == token }) else {
                throw error(node, "\(issuer)/\(token) is listed twice")
            }
            let warnings = try c[.warnings].map { (n) throws(VerifierError) in
                try self.warnings(n, "\(issuer)/\(token) warnings")
            }
            coins.append(
                JobFile.Coin(
                    issuer: issuer, token: token, sources: sources, freshnessDays: freshness, alerts: routes,
                    warnings: warnings))
        }
        let profile =
            try top[.profile].map { (n) throws(VerifierError) in try string(n, "profile") } ?? Profile.bcbs.name
        guard Profile.named(profile) != nil else {
            throw error(top[.profile], "unknown profile \(quotedForMessage(profile))")
        }
        return JobFile(
            ledger: try top[.ledger].map { (n) throws(VerifierError) in try string(n, "ledger") },
            keys: try top[.keys].map { (n) throws(VerifierError) in try string(n, "keys") } ?? "keys",
            profile: profile,
            metricsFile: try top[.metricsFile].map { (n) throws(VerifierError) in try string(n, "metricsFile") },
            unreachableAfterRounds: try top[.unreachableAfterRounds].map { (n) throws(VerifierError) in
                try int(n, "unreachableAfterRounds", 1...1000)
            } ?? 3,
            http: http, delivery: delivery, sinks: sinks, coins: coins,
            warnings: try top[.warnings].map { (n) throws(VerifierError) in try warnings(n, "warnings") },
            dossiers: try top[.dossiers].map { (n) throws(VerifierError) in try string(n, "dossiers") })
    }
}
