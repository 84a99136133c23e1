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
        public var asOf: Timestamp?
    }

    public var coins: [Coin] = []
    public var roundStarted: Timestamp
    public var roundDurationMilliseconds: Int64 = 0
    public var attestationsVerified = 0
    public var failures = 0
    public var pendingAlerts: [String: Int] = [:]
    public var parkedAlerts: [String: Int] = [:]
    public var sinks: [String] = []
    public var deliveryFailures = 0
    /// Failures per source key (`issuer/token source`) in the last round: 0, or the failed rounds in a
    /// row when the source could not be read, or the inputs it served that were refused.
    public var sourceFailures: [String: Int] = [:]
    public var lastSuccessfulRound: Timestamp?
    public var toolVersion = "unknown"

    public init(roundStarted: Timestamp) {
        self.roundStarted = roundStarted
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    public var text: String {
        var out = ""
        func family(
            _ name: String, _ help: String, _ samples: [(labels: String, value: String)], type: String = "gauge"
        ) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples { out += "\(name)\(s.labels.isEmpty ? "" : "{\(s.labels)}") \(s.value)\n" }
        }
        func coinLabels(_ c: Coin) -> String { "issuer=\"\(Self.escape(c.issuer))\",token=\"\(Self.escape(c.token))\"" }
        let sorted = coins.sorted { ($0.issuer, $0.token) < ($1.issuer, $1.token) }
        family(
            "reserve_verifier_coin_eligible",
            "1 when the coin's latest accepted attestation is Group 1b eligible, 0 when not.",
            sorted.compactMap { c in c.eligible.map { (coinLabels(c), $0 ? "1" : "0") } })
        family(
            "reserve_verifier_coin_coverage_ratio",
            "Net reserves over the aggregate peg value of the latest accepted attestation.",
            sorted.compactMap { c in c.coverage.map { (coinLabels(c), $0) } })
        family(
            "reserve_verifier_coin_stressed_coverage_ratio",
            "Worst stressed net reserves over the aggregate peg value.",
            sorted.compactMap { c in c.stressedCoverage.map { (coinLabels(c), $0) } })
        family(
            "reserve_verifier_coin_attestation_age_seconds",
            "Seconds since the asOf of the latest accepted attestation.",
            sorted.compactMap { c in c.ageSeconds.map { (coinLabels(c), String($0)) } })
        family(
            "reserve_verifier_coin_as_of_timestamp_seconds",
            "The asOf of the latest accepted attestation (Unix time).",
            sorted.compactMap { c in c.asOf.map { (coinLabels(c), String($0.seconds)) } })
        family(
            "reserve_verifier_coin_last_verification_timestamp_seconds",
            "When the coin's latest accepted attestation was last evaluated (Unix time).",
            sorted.compactMap { c in c.lastVerification.map { (coinLabels(c), String($0.seconds)) } })
        family(
            "reserve_verifier_round_duration_seconds", "Duration of the last round.",
            [("", (Decimal(roundDurationMilliseconds) / 1000).fixed(3))])
        family(
            "reserve_verifier_round_timestamp_seconds", "When the last round started (Unix time).",
            [("", String(roundStarted.seconds))])
        family(
            "reserve_verifier_round_attestations_verified", "Attestations verified in the last round.",
            [("", String(attestationsVerified))])
        family(
            "reserve_verifier_round_failures", "Sources or inputs that failed in the last round.",
            [("", String(failures))])
        family(
            "reserve_verifier_round_delivery_failures", "Alert deliveries that failed in the last round.",
            [("", String(deliveryFailures))])
        family(
            "reserve_verifier_last_successful_round_timestamp_seconds",
            "When the last round without a failed source, input or delivery started (Unix time).",
            lastSuccessfulRound.map { [("", String($0.seconds))] } ?? [])
        family(
            "reserve_verifier_source_failures",
            "Failures of a source in the last round (failed rounds in a row, or refused inputs).",
            sourceFailures.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
                ("source=\"\(Self.escape($0.key))\"", String($0.value))
            })
        family(
            "reserve_verifier_alerts_pending", "Alerts not yet delivered, per sink.",
            sinks.sorted().map { ("sink=\"\(Self.escape($0))\"", String(pendingAlerts[$0] ?? 0)) })
        family(
            "reserve_verifier_alerts_parked",
            "Alerts parked after failing delivery.parkAfterAttempts times, per sink.",
            sinks.sorted().map { ("sink=\"\(Self.escape($0))\"", String(parkedAlerts[$0] ?? 0)) })
        family("reserve_verifier_build_info", "The tool's version.", [("version=\"\(Self.escape(toolVersion))\"", "1")])
        return out
    }

    public func write(to path: String) throws(VerifierError) {
        try Files.writeAtomically(Array(text.utf8), to: path)
    }
}
