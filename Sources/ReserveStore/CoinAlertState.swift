import Foundation
import GRDB
import ReserveCore

/// What a watch remembers of a coin between rounds: the `state` column of a ``CoinStateRecord``,
/// stored as one JSON text (``json``), which is what `DatabaseValueConvertible` reads and writes.
/// `Codable` uses the same keys, so that the record that holds it is a plain `Codable` record.
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

    public var json: String {
        var o = JSONObject()
        o["eligible"] = eligible.map(JSONValue.bool) ?? .null
        o["blocking"] = .strings(blocking.map(\.rawValue))
        o["stale"] = .bool(stale)
        o["unreachable"] = .strings(unreachable)
        o["lastAttestationRef"] = .number(String(lastAttestationRef))
        o["digest"] = digest.map(JSONValue.string) ?? .null
        o["transitions"] = .int(transitions)
        // Only when some are active: states written before early warnings read back alike.
        if !warnings.isEmpty { o["warnings"] = .strings(warnings) }
        return JSONWriter.write(.object(o), pretty: false)
    }

    /// nil when the text is not a JSON object; an unknown rule id in `blocking` fails (E052).
    public init?(json text: String) throws(VerifierError) {
        guard case .object(let o)? = try? JSONParser().parse(Array(text.utf8)) else { return nil }
        self.init()
        if case .bool(let e)? = o["eligible"] { eligible = e }
        if case .array(let b)? = o["blocking"] {
            blocking = try RuleID.stored(
                b.compactMap { if case .string(let s) = $0 { s } else { nil } }, field: "the watch state's blocking")
        }
        if case .bool(let s)? = o["stale"] { stale = s }
        if case .array(let u)? = o["unreachable"] {
            unreachable = u.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        if case .number(let n)? = o["lastAttestationRef"], let ref = Int64(n) { lastAttestationRef = ref }
        if case .string(let d)? = o["digest"] { digest = d }
        if case .number(let n)? = o["transitions"], let count = Int(n) { transitions = count }
        if case .array(let w)? = o["warnings"] {
            warnings = w.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
    }

    enum CodingKeys: String, CodingKey {
        case eligible, blocking, stale, unreachable, lastAttestationRef, digest, transitions, warnings
    }

    /// As lenient as ``init(json:)``: a missing key keeps its default.
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

extension CoinAlertState: DatabaseValueConvertible {
    /// The state as stored: ``json``, byte for byte as the ledger has always held it.
    public var databaseValue: DatabaseValue { json.databaseValue }

    /// nil (a decoding error for the record) when the stored text is not a JSON object.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CoinAlertState? {
        String.fromDatabaseValue(dbValue).flatMap { try? CoinAlertState(json: $0) }
    }
}
