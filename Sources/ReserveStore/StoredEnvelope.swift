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
    /// The rest of the attestation row's columns that a re-evaluation's record copies, when the
    /// query read them (the pages `reevaluate` reads): the row is never updated (a trigger refuses
    /// it), so the writer need not read it again inside its transaction.
    var columns: Columns?

    /// The attestation row's columns stored after its envelope (and those before it that a record
    /// copies), as the page read them.
    struct Columns: Sendable {
        var attestationId: String
        var issuedAt: String
        var envelopeKind: String
        var envelopeSHA256: String
        var receivedAt: String
        var trusted: Bool
        var accepted: Bool
    }

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
        if row.hasColumn("attestation_id"), let envelopeSHA256 {
            columns = Columns(
                attestationId: row["attestation_id"], issuedAt: row["issued_at"], envelopeKind: row["envelope_kind"],
                envelopeSHA256: envelopeSHA256, receivedAt: row["received_at"], trusted: row["trusted"],
                accepted: row["accepted"])
        }
    }

    /// The attestation row as a re-evaluation's record copies it, from the columns and blobs the
    /// page read (nil when it read no columns): the same values a read of the row gives.
    func attestationRow(hasher: any CryptoProvider) -> CompactRecord.AttestationRow? {
        guard let c = columns else { return nil }
        return CompactRecord.AttestationRow(
            digest: digest, attestationId: c.attestationId, issuedAt: c.issuedAt, envelopeKind: c.envelopeKind,
            envelopeSHA256: c.envelopeSHA256, detachedSignatureSHA256: detachedSignature.map { hasher.sha256($0).hex },
            source: source, receivedAt: c.receivedAt, trusted: c.trusted, accepted: c.accepted,
            timestampTokenSHA256: timestampToken.map { hasher.sha256($0).hex })
    }
}
