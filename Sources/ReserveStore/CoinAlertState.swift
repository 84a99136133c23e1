import Foundation
import ReserveCore

/// What a watch remembers of a coin between rounds: the `state` column of a ``CoinStateRecord``,
/// stored as one JSON text. `Codable` is its only reader and writer: the record reads the column
/// through GRDB's JSON decoding and writes ``json`` (``encode(to:)`` through `JSONWriter`).
public struct CoinAlertState: Sendable, Hashable, Codable {
    /// nil before the coin's first accepted attestation.
    public var eligible: Bool?
    public var blocking: [RuleID]
    public var stale: Bool
    /// Sources currently reported unreachable.
    public var unreachable: [String]
    /// The last ledger attestation row this coin's events were read up to.
    public var lastAttestationRef: Int64
    /// The digest of the accepted attestation the state describes.
    public var digest: String?
    /// Changes of state alerted so far: part of each state alert's key, so that a coin that flips
    /// back to an attestation it had before raises the alert again.
    public var transitions: Int
    /// Early warnings active now (`coverage`, `worst-stressed-coverage`, `audit-lapse`,
    /// `margin:RULE`), sorted.
    public var warnings: [String]

    public init(
        eligible: Bool? = nil, blocking: [RuleID] = [], stale: Bool = false, unreachable: [String] = [],
        lastAttestationRef: Int64 = 0, digest: String? = nil, transitions: Int = 0, warnings: [String] = []
    ) {
        self.transitions = transitions
        self.warnings = warnings
        self.eligible = eligible
        self.blocking = blocking
        self.stale = stale
        self.unreachable = unreachable
        self.lastAttestationRef = lastAttestationRef
        self.digest = digest
    }

    /// The state as stored in `coin_state`: ``encode(to:)`` written by the canonical `JSONWriter`
    /// (keys sorted, compact), the same text the ledger has always held.
    public var json: String { JSONWriter.write(JSONValueEncoder.encode(self), pretty: false) }

    enum CodingKeys: String, CodingKey {
        case eligible, blocking, stale, unreachable, lastAttestationRef, digest, transitions, warnings
    }

    /// A missing key keeps its default (states written before early warnings have no `warnings`);
    /// a member of the wrong type fails, and an unknown rule id in `blocking` fails with E052.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            eligible: try c.decodeIfPresent(Bool.self, forKey: .eligible),
            blocking: try RuleID.stored(
                c.decodeIfPresent([String].self, forKey: .blocking) ?? [], field: "the watch state's blocking"),
            stale: try c.decodeIfPresent(Bool.self, forKey: .stale) ?? false,
            unreachable: try c.decodeIfPresent([String].self, forKey: .unreachable) ?? [],
            lastAttestationRef: try c.decodeIfPresent(Int64.self, forKey: .lastAttestationRef) ?? 0,
            digest: try c.decodeIfPresent(String.self, forKey: .digest),
            transitions: try c.decodeIfPresent(Int.self, forKey: .transitions) ?? 0,
            warnings: try c.decodeIfPresent([String].self, forKey: .warnings) ?? [])
    }

    /// The members of ``json``: `eligible` and `digest` as null when absent, `warnings` only when some are active.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(eligible, forKey: .eligible)
        try c.encode(blocking.map(\.rawValue), forKey: .blocking)
        try c.encode(stale, forKey: .stale)
        try c.encode(unreachable, forKey: .unreachable)
        try c.encode(lastAttestationRef, forKey: .lastAttestationRef)
        try c.encode(digest, forKey: .digest)
        try c.encode(transitions, forKey: .transitions)
        if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
    }
}
