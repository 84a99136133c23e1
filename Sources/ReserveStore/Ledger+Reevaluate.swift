import Foundation
import GRDB
import ReserveCore

extension Ledger {
    /// Stored envelopes per page of ``acceptedEnvelopes(after:limit:)`` that `reevaluate` reads.
    public static let reevaluationPage = 256

    /// The accepted (not withdrawn) attestations with ids after `id`, at most `limit`, in id order,
    /// each with its latest evaluation: one page of what `reevaluate` runs again, so that a ledger
    /// of any size is read in pages (keyset on the attestation id) instead of all at once.
    ///
    /// A re-evaluation appends to the attestation it judges only, so the pages read between the
    /// transactions that record the pages before them list what one read before any of them would.
    public func acceptedEnvelopes(after id: Int64, limit: Int) throws(VerifierError) -> [StoredEnvelope] {
        do {
            return try pool.read { db in
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT a.id, a.digest, a.source, a.envelope, a.detached_signature, a.timestamp_token, \
                        a.received_at, a.envelope_sha256,
                               e.freshness_days, e.eligible, e.profile
                        FROM attestation a JOIN evaluation e ON e.id = (SELECT max(id) FROM evaluation WHERE \
                        attestation_ref = a.id)
                        WHERE a.id > ? AND a.accepted = 1
                          AND NOT EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = a.id)
                        ORDER BY a.id LIMIT ?
                        """)
                return try Row.fetchAll(statement, arguments: [id, limit]).map { StoredEnvelope(row: $0) }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading stored envelopes")
        }
    }

    /// Appends the re-evaluations of several stored attestations in one immediate transaction
    /// (group commit), in order: each reads the history the ones before it wrote, and is decided
    /// by `decide` inside the transaction, as
    /// ``reevaluate(attestationRef:verified:evaluatedAt:toolVersion:correction:decide:)`` does for one. The chain head
    /// is checked once per transaction. A crash or an error loses the whole batch, never part of it; a storage error
    /// rolls it back and is thrown. An item's draft (prepared on a worker) spares the writer encoding the evidence
    /// of the assessment's findings again; the bytes recorded are the same with or without it.
    ///
    /// - Parameter decide: the evaluator, given the item's index and its history.
    public func reevaluate(
        batch items: [ReevaluationItem], evaluatedAt: Timestamp, toolVersion: String,
        decide: (Int, HistorySnapshot) -> Evaluation
    ) throws(VerifierError) -> [ReevaluationOutcome] {
        guard !items.isEmpty else { return [] }
        do {
            return try pool.writeWithoutTransaction { db in
                var outcomes: [ReevaluationOutcome] = []
                try db.inTransaction(.immediate) {
                    outcomes = []
                    var previous = try self.checkedHead(db)
                    var proven = ProvenRows()
                    for (i, item) in items.enumerated() {
                        let outcome = try self.reevaluate(
                            item, evaluatedAt: evaluatedAt, toolVersion: toolVersion, decide: { decide(i, $0) },
                            previous: previous, proven: &proven, db)
                        previous = outcome.rowHash
                        outcomes.append(outcome)
                    }
                    return .commit
                }
                return outcomes
            }
        } catch {
            throw Ledger.storageError(
                error, "\(path): recording \(items.count) re-evaluation\(items.count == 1 ? "" : "s")")
        }
    }

    /// Appends one re-evaluation inside the caller's transaction, chained to `previous` (the head
    /// this transaction wrote) or, when nil, to the newest row after checking it.
    func reevaluate(
        _ item: ReevaluationItem, evaluatedAt: Timestamp, toolVersion: String,
        decide: (HistorySnapshot) -> Evaluation, previous: String?, proven: inout ProvenRows, _ db: Database
    ) throws -> ReevaluationOutcome {
        let verified = item.verified
        let attestationRef = item.attestationRef
        // The row re-judged, checked in full against its newest evaluation (its columns, its
        // signature checks and the SHA-256 of its detached signature and timestamp token, against
        // that evaluation's record) before anything is read or copied into the new record: an edit
        // made outside the tool is refused, never carried into a new row's hash.
        let checked = try checkAttestation(attestationRef, full: true, proven: &proven, db)
        // Whether the payload is recorded is this stored row (the re-check may no longer trust
        // it: then no copy of the same trust exists, but this one is still what the coin's
        // history holds), so only the coin's history is read besides it.
        var snapshot = try coinHistory(verified, proven: &proven, db)
        // The stored row as this transaction reads it (the row just proven, as the check read it;
        // else read again), with whether it is withdrawn.
        let stored: (CompactRecord.AttestationRow, [CompactRecord.SignatureRow])
        let withdrawn: Bool
        if let checked {
            stored = (checked.row, checked.signatures)
            withdrawn = checked.withdrawn
        } else {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT digest, attestation_id, issued_at, envelope_kind, envelope_sha256, \
                            detached_signature, source,
                                   received_at, trusted, accepted, timestamp_token,
                                   EXISTS (SELECT 1 FROM withdrawal w WHERE w.attestation_ref = attestation.id) AS \
                            withdrawn
                            FROM attestation WHERE id = ?
                            """), arguments: [attestationRef])
            else { throw VerifierError(.storage, "attestation row \(attestationRef) is missing") }
            stored = (
                ChainContent.compactAttestation(row, hasher: hasher),
                try ChainContent.compactSignatures(db, attestationRef: attestationRef)
            )
            withdrawn = row["withdrawn"]
        }
        // What was re-checked must be what the proven row records: the same payload, and (when the
        // caller says which bytes it re-checked) the same envelope, detached signature and
        // timestamp token and the same first sight. Otherwise an envelope swapped in the
        // ledger (another coin's, a later one) would be judged under this row, or a first sight
        // forged while the page was read and restored before this check would have judged its keys.
        if let problem = recheckMismatch(item, stored.0) {
            throw damaged(id: attestationRef, attestation: problem)
        }
        guard let firstSeen = Timestamp.parse(stored.0.receivedAt) else {
            throw VerifierError(.storage, "attestation row \(attestationRef) is missing")
        }
        let wasAccepted = stored.0.accepted && !withdrawn
        snapshot.recorded = HistorySnapshot.Recorded(admitted: wasAccepted, firstSeen: firstSeen)
        var withdrawals: [Withdrawal] = []
        if let correction = item.correction, stored.0.trusted && !withdrawn {
            // A correction may withdraw any trusted attestation: the admitted head of a
            // poisoned history, or a refused one that still counts as an equivocating twin.
            withdrawals.append(correction)
        } else if !verified.isTrusted && wasAccepted {
            withdrawals.append(Withdrawal(kind: .keyRevoked, reason: verified.signatureFinding.message))
        }
        if !withdrawals.isEmpty {
            // Judged as the ledger will stand after the withdrawal.
            snapshot.recorded?.admitted = false
            if snapshot.latestAccepted?.digest == verified.digest {
                snapshot.latestAccepted = try latestAccepted(
                    verified.attestation, excluding: attestationRef, proven: &proven, db)
            }
        }
        let evaluation = decide(snapshot)
        let hash = try appendEvaluation(
            evaluation, attestationRef: attestationRef, attestation: verified.attestation,
            kind: .reevaluate, evaluatedAt: evaluatedAt, toolVersion: toolVersion,
            freshnessDays: verified.freshnessDays, withdrawals: withdrawals, previous: previous, stored: stored,
            draft: item.draft, db)
        return ReevaluationOutcome(evaluation: evaluation, withdrawn: !withdrawals.isEmpty, rowHash: hash)
    }
}

extension Ledger {
    /// What differs between what a re-evaluation re-checked and the attestation row it was proven
    /// to be (``CompactRecord/AttestationRow``, read in the writer's transaction), or nil: the
    /// payload's digest always; with the bytes re-checked (``ReevaluationItem/stored``), the
    /// SHA-256 of the envelope, detached signature and timestamp token and the first sight the
    /// keys were judged at.
    func recheckMismatch(_ item: ReevaluationItem, _ row: CompactRecord.AttestationRow) -> String? {
        if item.verified.digest != row.digest { return "the payload re-checked is not the recorded one" }
        guard let page = item.stored else { return nil }
        if page.attestationRef != item.attestationRef { return "the envelope re-checked belongs to another row" }
        // The draft hashed the envelope's bytes where it was re-checked (a worker), else hash them here.
        let envelope = item.draft?.envelopeSHA256 ?? hasher.sha256(page.envelope).hex
        if envelope != row.envelopeSHA256 { return "the stored envelope no longer matches its recorded SHA-256" }
        if page.detachedSignature.map({ hasher.sha256($0).hex }) != row.detachedSignatureSHA256 {
            return "the stored detached signature no longer matches its recorded SHA-256"
        }
        if page.timestampToken.map({ hasher.sha256($0).hex }) != row.timestampTokenSHA256 {
            return "the stored timestamp token no longer matches its recorded SHA-256"
        }
        if page.firstSeen != Timestamp.parse(row.receivedAt) {
            return "its first sight changed while it was re-checked"
        }
        return nil
    }

    func damaged(id attestationRef: Int64, attestation problem: String) -> VerifierError {
        VerifierError(
            .ledgerDamaged,
            """
            \(path) is damaged: attestation row \(attestationRef): \(problem); run `reserve-verifier ledger verify`
            """)
    }
}
