import Foundation
import ReserveCore
import ReserveStore

/// Compares a coin's new observation with its stored state and decides which alerts to raise:
/// only changes of state, so the same condition on the next round raises nothing.
public enum AlertEngine {
    public static func evaluate(previous: CoinAlertState?, observation o: CoinObservation, at now: Timestamp) -> (
        state: CoinAlertState, alerts: [Alert]
    ) {
        let old = previous ?? CoinAlertState()
        var raised = Raised(observation: o, transitions: old.transitions, at: now)
        eligibility(o, old: old, into: &raised)
        let stale = staleness(o, old: old, at: now, into: &raised)
        events(o, into: &raised)
        sourceErrors(o, at: now, into: &raised)
        sources(o, old: old, at: now, into: &raised)
        let warnings = earlyWarnings(o, old: old, into: &raised)
        let state = CoinAlertState(
            eligible: o.eligible ?? old.eligible, blocking: o.eligible == nil ? old.blocking : o.blocking, stale: stale,
            unreachable: o.unreachable, lastAttestationRef: max(old.lastAttestationRef, o.lastAttestationRef),
            digest: o.digest ?? old.digest, transitions: raised.transitions, warnings: warnings)
        return (state, raised.alerts)
    }

    /// The alerts of one coin's round, each with the coin's figures, and the count of changes of
    /// state that keys them.
    struct Raised {
        let observation: CoinObservation
        var transitions: Int
        let now: Timestamp
        var alerts: [Alert] = []
        let figures: JSONObject

        init(observation o: CoinObservation, transitions: Int, at now: Timestamp) {
            self.observation = o
            self.transitions = transitions
            self.now = now
            var figures = JSONObject()
            if let s = o.sequence { figures["sequence"] = .int(s) }
            if let a = o.asOf { figures["asOf"] = .string(a.description) }
            if let c = o.coverage { figures["coverage"] = .string(c) }
            if let c = o.stressedCoverage { figures["stressedCoverage"] = .string(c) }
            if let d = o.digest { figures["digest"] = .string(d) }
            if let p = o.profile { figures["profile"] = .string(p) }
            self.figures = figures
        }

        var coin: String { "\(observation.issuer)/\(observation.token)" }

        mutating func alert(
            _ type: AlertType, _ message: String, rules: [String] = [], key: String, labels: [String: String] = [:],
            extra: JSONObject = [:]
        ) {
            var f = figures
            for (k, v) in extra.entries { f[k] = v }
            // A change of state gets a key of its own: the same digest seen again later is a new change.
            let isState = !type.isEvent && type != .sourceUnreachable && type != .sourceRecovered
            if isState { transitions += 1 }
            let fullKey = isState ? "\(coin)/\(type.rawValue)/\(key)/\(transitions)" : "\(coin)/\(type.rawValue)/\(key)"
            alerts.append(
                Alert(
                    type: type, issuer: observation.issuer, token: observation.token, rules: rules, figures: f,
                    message: AlertEngine.capped(message), dedupKey: fullKey, raisedAt: now, labels: labels))
        }
    }

    /// Eligibility: lost, a newly failing rule while lost, regained.
    static func eligibility(_ o: CoinObservation, old: CoinAlertState, into raised: inout Raised) {
        guard let eligible = o.eligible, let digest = o.digest else { return }
        let coin = raised.coin
        if !eligible && old.eligible != false {
            raised.alert(
                .notEligible, "\(coin) is not Group 1b eligible: \(o.blocking.map(\.rawValue).joined(separator: ", "))",
                rules: o.blocking.map(\.rawValue),
                key: digest)
        } else if !eligible, old.eligible == false {
            let added = o.blocking.filter { !old.blocking.contains($0) }.map(\.rawValue)
            if !added.isEmpty {
                raised.alert(
                    .ruleFailed, "\(coin): newly failing \(added.joined(separator: ", "))", rules: added,
                    key: "\(digest)/\(added.joined(separator: ","))")
            }
        } else if eligible && old.eligible == false {
            raised.alert(.recovered, "\(coin) is Group 1b eligible again", key: digest)
        }
    }

    /// Staleness: the newest accepted attestation older than the window, or none at all. Returns
    /// whether the coin is stale now.
    static func staleness(_ o: CoinObservation, old: CoinAlertState, at now: Timestamp, into raised: inout Raised)
        -> Bool
    {
        let coin = raised.coin
        var stale = true
        var ageDays: String?
        if let asOf = o.asOf {
            let age = now.seconds - asOf.seconds
            stale = age > Int64(o.freshnessDays) * 86_400
            ageDays = (Decimal(age) / 86_400).fixed(2)
        }
        if stale && !old.stale {
            let message =
                o.asOf.map { "\(coin): newest accepted attestation as of \($0) is older than \(o.freshnessDays) days" }
                ?? "\(coin): no accepted attestation yet (overdue)"
            raised.alert(
                .stale, message, rules: [RuleID.stale.rawValue], key: o.digest ?? "none",
                extra: ["freshnessDays": .int(o.freshnessDays), "ageDays": ageDays.map(JSONValue.string) ?? .null])
        } else if !stale && old.stale {
            raised.alert(.fresh, "\(coin): a fresh attestation arrived", key: o.digest ?? "none")
        }
        return stale
    }

    /// Events: attestations recorded since the last look (bad signature, equivocation, rollback).
    static func events(_ o: CoinObservation, into raised: inout Raised) {
        let coin = raised.coin
        for e in o.events {
            let extra: JSONObject = ["digest": .string(e.digest), "sequence": .int(e.sequence)]
            if e.failedRules.contains(.sigTrusted) {
                raised.alert(
                    .signatureFailure,
                    """
                    \(coin): attestation #\(e.sequence) is not validly signed: \
                    \(e.messages[RuleID.sigTrusted.rawValue] ?? "")
                    """,
                    rules: [RuleID.sigTrusted.rawValue], key: e.digest, labels: ["digest": e.digest], extra: extra)
            }
            if e.failedRules.contains(.equivocation) {
                raised.alert(
                    .equivocation, "\(coin): two different signed attestations with sequence \(e.sequence)",
                    rules: [RuleID.equivocation.rawValue], key: e.digest, labels: ["digest": e.digest], extra: extra)
            }
            if e.failedRules.contains(.rollback) {
                raised.alert(
                    .rollback, "\(coin): \(e.messages[RuleID.rollback.rawValue] ?? "rollback")",
                    rules: [RuleID.rollback.rawValue], key: e.digest, labels: ["digest": e.digest], extra: extra)
            }
            // A signed attestation refused for its date or its sequence step leaves the coin on its
            // older state, which may still be eligible: the issuer's newest word is not heard
            // otherwise until that state goes stale (red team, round 2, 2026-12-02; our policy).
            let refused = e.failedRules.filter { $0 == .attTime || $0 == .sequenceJump }
            if !refused.isEmpty, !e.failedRules.contains(.sigTrusted) {
                let reasons = refused.map { "\($0.rawValue): \(e.messages[$0.rawValue] ?? "")" }
                raised.alert(
                    .notAdmitted,
                    """
                    \(coin): attestation #\(e.sequence) is validly signed but not admitted; the coin stays on its \
                    older state: \(reasons.joined(separator: "; "))
                    """,
                    rules: refused.map(\.rawValue), key: e.digest, labels: ["digest": e.digest], extra: extra)
            }
        }
    }

    /// Content a source served that cannot be checked: one alert each, up to a cap, then one more.
    static func sourceErrors(_ o: CoinObservation, at now: Timestamp, into raised: inout Raised) {
        let coin = raised.coin
        for m in o.malformed.prefix(Self.maxSourceErrorsPerRound) {
            raised.alert(
                .sourceError, "\(coin): \(m.source) served content that cannot be checked: \(m.message)",
                key: m.fingerprint,
                labels: ["source": m.source], extra: ["source": .string(m.source)])
        }
        if o.malformed.count > Self.maxSourceErrorsPerRound {
            let more = o.malformed.count - Self.maxSourceErrorsPerRound
            raised.alert(
                .sourceError,
                "\(coin): … and \(more.formatted(grouped: true)) more inputs that cannot be checked this round",
                key: "more/\(now.description)")
        }
    }

    /// Sources: unreachable for the job's threshold of rounds, reachable again.
    static func sources(_ o: CoinObservation, old: CoinAlertState, at now: Timestamp, into raised: inout Raised) {
        let coin = raised.coin
        for source in o.unreachable where !old.unreachable.contains(source) {
            raised.alert(
                .sourceUnreachable, "\(coin): \(source) unreachable: \(o.sourceErrors[source] ?? "")",
                key: "\(source)/\(now.description)", labels: ["source": source], extra: ["source": .string(source)])
        }
        for source in old.unreachable where !o.unreachable.contains(source) {
            raised.alert(
                .sourceRecovered, "\(coin): \(source) reachable again", key: "\(source)/\(now.description)",
                labels: ["source": source], extra: ["source": .string(source)])
        }
    }

    /// Early warnings: a margin crossing below its job-file threshold raises `margin-warning`
    /// once; back above, `margin-recovered` re-arms it. Not evaluated this round (nil): the
    /// warnings stay as they were. Returns the warnings active now.
    static func earlyWarnings(_ o: CoinObservation, old: CoinAlertState, into raised: inout Raised) -> [String] {
        guard let warnings = o.warnings else { return old.warnings }
        let coin = raised.coin
        for w in warnings where !old.warnings.contains(w.key) {
            raised.alert(
                .marginWarning, "\(coin): \(w.message)", rules: w.rule.map { [$0] } ?? [], key: w.key,
                labels: ["warning": w.key],
                extra: ["warning": .string(w.key), "value": .string(w.value), "threshold": .string(w.threshold)])
        }
        for key in old.warnings where !warnings.contains(where: { $0.key == key }) {
            raised.alert(
                .marginRecovered, "\(coin): \(key) is back above its warning threshold", key: key,
                labels: ["warning": key], extra: ["warning": .string(key)])
        }
        return warnings.map(\.key).sorted()
    }

    /// Source errors alerted per coin and round; the rest are summed up in one more alert.
    public static let maxSourceErrorsPerRound = 20
    /// Longest alert message, in characters; a longer one is cut and says how much was left out.
    public static let maxMessageCharacters = 2_000

    static func capped(_ message: String) -> String {
        guard message.count > maxMessageCharacters else { return message }
        let kept = message.prefix(maxMessageCharacters - 60)
        return kept + " … and \((message.count - kept.count).formatted(grouped: true)) more characters"
    }
}

extension Int {
    /// Digits in groups of three with commas (locale independent): 9998 -> "9,998".
    func formatted(grouped: Bool) -> String {
        let digits = String(magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if grouped && i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
