import Foundation
import GRDB
import ReserveCore

/// A stored envelope, for `reevaluate`.
public struct StoredEnvelope: Sendable {
    public var attestationRef: Int64
    public var digest: String
    public var source: String
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    /// The RFC 3161 token recorded beside the envelope, if any.
    public var timestampToken: [UInt8]?
    public var freshnessDays: Int
    public var previousEligible: Bool
    public var previousProfile: String
    /// When the ledger first recorded it: the proven signing time for a re-check of its keys.
    public var firstSeen: Timestamp?
    /// The envelope's stored SHA-256 (lowercase hex), when the query read it (the pages `reevaluate` reads).
    public var envelopeSHA256: String?

    /// Reads the columns both envelope queries select: the attestation's id, digest, source,
    /// envelope, detached signature, timestamp token and `received_at` (and `envelope_sha256` when
    /// selected), with its latest evaluation's freshness, eligibility and profile.
    init(row: Row) {
        let envelope: Data = row["envelope"]
        let detached: Data? = row["detached_signature"]
        let token: Data? = row["timestamp_token"]
        attestationRef = row["id"]
        digest = row["digest"]
        source = row["source"]
        self.envelope = [UInt8](envelope)
        detachedSignature = detached.map { [UInt8]($0) }
        timestampToken = token.map { [UInt8]($0) }
        freshnessDays = row["freshness_days"]
        previousEligible = row["eligible"]
        previousProfile = row["profile"]
        firstSeen = Timestamp.parse(row["received_at"])
        envelopeSHA256 = row.hasColumn("envelope_sha256") ? row["envelope_sha256"] : nil
    }
}
