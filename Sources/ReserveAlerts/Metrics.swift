import Foundation
import ReserveCore
import ReserveIO

/// The Prometheus text exposition written after each round (`--metrics-file`), atomically.
public struct RoundMetrics: Sendable {
    public struct Coin: Sendable {
        public var issuer: String
        public var token: String
        public var eligible: Bool?
        public var coverage: String?
        public var stressedCoverage: String?
        public var ageSeconds: Int64?
        public var lastVerification: Timestamp?
    }

    public var coins: [Coin] = []
    public var roundStarted: Timestamp
    public var roundDurationMilliseconds: Int64 = 0
    public var attestationsVerified = 0
    public var failures = 0
    public var pendingAlerts: [String: Int] = [:]
    public var sinks: [String] = []

    public init(roundStarted: Timestamp) {
        self.roundStarted = roundStarted
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    public var text: String {
        var out = ""
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: String)], type: String = "gauge") {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples { out += "\(name)\(s.labels.isEmpty ? "" : "{\(s.labels)}") \(s.value)\n" }
        }
        func coinLabels(_ c: Coin) -> String { "issuer=\"\(Self.escape(c.issuer))\",token=\"\(Self.escape(c.token))\"" }
        let sorted = coins.sorted { ($0.issuer, $0.token) < ($1.issuer, $1.token) }
        family("reserve_verifier_coin_eligible", "1 when the coin's latest accepted attestation is Group 1b eligible, 0 when not.",
               sorted.compactMap { c in c.eligible.map { (coinLabels(c), $0 ? "1" : "0") } })
        family("reserve_verifier_coin_coverage_ratio", "Net reserves over the aggregate peg value of the latest accepted attestation.",
               sorted.compactMap { c in c.coverage.map { (coinLabels(c), $0) } })
        family("reserve_verifier_coin_stressed_coverage_ratio", "Worst stressed net reserves over the aggregate peg value.",
               sorted.compactMap { c in c.stressedCoverage.map { (coinLabels(c), $0) } })
        family("reserve_verifier_coin_attestation_age_seconds", "Seconds since the asOf of the latest accepted attestation.",
               sorted.compactMap { c in c.ageSeconds.map { (coinLabels(c), String($0)) } })
        family("reserve_verifier_coin_last_verification_timestamp_seconds", "When the coin's latest accepted attestation was last evaluated (Unix time).",
               sorted.compactMap { c in c.lastVerification.map { (coinLabels(c), String($0.seconds)) } })
        family("reserve_verifier_round_duration_seconds", "Duration of the last round.",
               [("", (Decimal(roundDurationMilliseconds) / 1000).fixed(3))])
        family("reserve_verifier_round_timestamp_seconds", "When the last round started (Unix time).", [("", String(roundStarted.seconds))])
        family("reserve_verifier_round_attestations_verified", "Attestations verified in the last round.", [("", String(attestationsVerified))])
        family("reserve_verifier_round_failures", "Sources or inputs that failed in the last round.", [("", String(failures))])
        family("reserve_verifier_alerts_pending", "Alerts not yet delivered, per sink.",
               sinks.sorted().map { ("sink=\"\(Self.escape($0))\"", String(pendingAlerts[$0] ?? 0)) })
        return out
    }

    public func write(to path: String) throws(VerifierError) {
        try Files.writeAtomically(Array(text.utf8), to: path)
    }
}
