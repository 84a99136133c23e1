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

    /// Its limits are ``ReaderLimits/jobFile`` (its file size applied where the file is read) and
    /// ``ReaderLimits/Lists``.
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
