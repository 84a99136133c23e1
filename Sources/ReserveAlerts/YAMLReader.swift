import Foundation
import ReserveCore
import Yams

/// Strict reading of a composed YAML tree, with the strict readers' shared parts: fields declared
/// once (``StrictFields``, checked by ``StrictObject``), problems located and worded one way
/// (``ReaderProblem`` at a ``ReaderLocation``: the file and line), the shared wording of a value
/// of the wrong type (``ExpectedType``) and the declared limits (``ReaderLimits/jobFile``,
/// ``ReaderLimits/Lists``). Every error is E060 and names the file and line.
struct YAMLReader {
    let file: String
    let limits = ReaderLimits.jobFile

    /// Where `node` is: its line, else the file.
    func location(_ node: Node?) -> ReaderLocation {
        .line(file: file, line: node?.mark?.line)
    }

    func error(_ node: Node?, _ message: String) -> VerifierError {
        ReaderProblem(.invalidConfiguration, location(node), message).error
    }

    /// A value of the wrong type where `expected` belongs: "`what` must be ...".
    func mismatch(_ node: Node?, _ what: String, _ expected: ExpectedType, _ qualifier: String = "")
        -> VerifierError
    {
        error(node, expected.requirement(what, qualifier))
    }

    /// A mapping read against its declared fields `F`: the first problem of the shared strict
    /// reader (``StrictObject``: an unknown key, a key given twice, then a required field missing),
    /// or a key that is not a plain name, is an error naming the line.
    func mapping<F: StrictFields>(_ node: Node, _ what: String, _ declared: F.Type) throws(VerifierError)
        -> StrictObject<F, Node>
    {
        guard case .mapping(let mapping) = node else { throw mismatch(node, what, .object) }
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
                "unknown key \(quotedForMessage(entries[i].key)) in \(what) "
                    + "(allowed: \(F.orderedNames.joined(separator: ", ")))"
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
            throw mismatch(node, what, .string)
        }
        guard scalar.string.utf8.count <= limits.maxStringBytes,
            !UnsafeCharacters.contained(in: scalar.string)
        else {
            throw error(node, "\(what) is too long or contains control characters")
        }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, _ range: ClosedRange<Int>) throws(VerifierError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            throw mismatch(node, what, .integer, " in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A positive number of seconds (decimal text, e.g. `0.05`), as whole milliseconds.
    func milliseconds(_ node: Node, _ what: String, maxSeconds: Int) throws(VerifierError) -> Int64 {
        guard case .scalar(let scalar) = node, case .success(let amount) = Amount.parse(scalar.string) else {
            throw mismatch(node, what, .seconds, " in (0, \(maxSeconds)]")
        }
        let millis = (amount.decimal * 1000).rounded(scale: 0, .plain)
        guard millis >= 1, millis <= Decimal(maxSeconds) * 1000 else {
            throw mismatch(node, what, .seconds, " in (0.001, \(maxSeconds)]")
        }
        return Int64(truncating: millis as NSDecimalNumber)
    }

    /// A positive exact decimal (`"1.01"`), at most `max`.
    func decimal(_ node: Node, _ what: String, max: Decimal) throws(VerifierError) -> Decimal {
        guard case .scalar(let scalar) = node, case .success(let amount) = Amount.parse(scalar.string),
            amount.decimal > 0, amount.decimal <= max
        else {
            throw mismatch(node, what, .decimal, " in (0, \(max)], e.g. \"1.01\"")
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
            guard case .mapping(let rules) = n else { throw mismatch(n, "\(what).ruleMarginsBelow", .object) }
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
        guard case .sequence(let sequence) = node else { throw mismatch(node, what, .array) }
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
        let http = try top[.http].map { (n) throws(VerifierError) in try httpSettings(n) } ?? JobFile.HTTPSettings()
        let delivery =
            try top[.delivery].map { (n) throws(VerifierError) in try deliverySettings(n) }
            ?? JobFile.DeliverySettings()
        let sinks = try self.sinks(top[.sinks])
        guard let coinsNode = top[.coins] else { throw error(root, "the job file needs `coins`") }
        let coins = try self.coins(coinsNode, sinks: sinks)
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

    /// `http:`: the sources' fetches (timeouts, size, redirects).
    func httpSettings(_ node: Node) throws(VerifierError) -> JobFile.HTTPSettings {
        var http = JobFile.HTTPSettings()
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
            http.redirectHosts = try list(n, "http.redirectHosts", max: ReaderLimits.Lists.jobRedirectHosts).map {
                (n) throws(VerifierError) in
                try string(n, "a redirect host").lowercased()
            }
        }
        return http
    }

    /// `delivery:`: attempts, backoff and timeouts of the alerts' delivery.
    func deliverySettings(_ node: Node) throws(VerifierError) -> JobFile.DeliverySettings {
        var delivery = JobFile.DeliverySettings()
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
        return delivery
    }

    /// `sinks:`, each named once.
    func sinks(_ sinksNode: Node?) throws(VerifierError) -> [JobFile.Sink] {
        var sinks: [JobFile.Sink] = []
        for node in try sinksNode.map({ (n) throws(VerifierError) in
            try list(n, "sinks", max: ReaderLimits.Lists.jobSinks)
        }) ?? [] {
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
                sink.command = try list(c, "command", max: ReaderLimits.Lists.jobCommandArguments).map {
                    (n) throws(VerifierError) in
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
        return sinks
    }

    /// `coins:`, each listed once; `sinks` are the sinks their `alerts` may name.
    func coins(_ coinsNode: Node, sinks: [JobFile.Sink]) throws(VerifierError) -> [JobFile.Coin] {
        var coins: [JobFile.Coin] = []
        for node in try list(coinsNode, "coins", max: ReaderLimits.Lists.jobCoins) {
            let c = try mapping(node, "a coin", JobFile.CoinField.self)
            let issuer = try string(c[.issuer] ?? node, "issuer")
            guard IssuerID.isValid(issuer) else {
                throw error(c[.issuer], "issuer \(quotedForMessage(issuer)) is not an issuer id")
            }
            let token = try string(c[.token] ?? node, "token")
            var sources: [JobFile.Coin.Source] = []
            for s in try list(c[.sources] ?? node, "sources", max: ReaderLimits.Lists.jobSources) {
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
                routes = try list(a, "alerts", max: ReaderLimits.Lists.jobAlerts).map { (n) throws(VerifierError) in
                    try string(n, "a sink name")
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
        return coins
    }
}
