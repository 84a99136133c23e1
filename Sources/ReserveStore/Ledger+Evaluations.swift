import Foundation
import GRDB
import ReserveCore

extension Ledger {
    /// Evaluation `id`, or nil when the ledger has no such row.
    ///
    /// - Throws: E052 when the row no longer matches its hash or link; E050 when it cannot be read.
    public func evaluation(id: Int64) throws(VerifierError) -> StoredEvaluation? {
        do {
            return try pool.read { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT e.id, e.row_hash, e.kind, e.issuer, e.token, e.sequence, e.as_of, e.profile,
                                   e.tool_version, e.evaluated_at, e.eligible, e.coin_group, e.blocking, e.coverage,
                                   e.stressed_coverage, e.attestation_ref, e.openssl_version, e.sqlite_version,
                                   a.digest, a.attestation_id, a.source, a.envelope, a.envelope_sha256, a.received_at
                            FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref WHERE e.id = ?
                            """, arguments: [id])
                else { return nil }
                _ = try self.checkRow(db, id: id)
                // A format-6 row's findings come from its body, hashed against the head (checkRow did too).
                let record = try Data.fetchOne(db, sql: "SELECT record FROM evaluation WHERE id = ?", arguments: [id])
                    .flatMap { try CompactCheck.wholeRecord([UInt8]($0), id: id, db, hasher: self.hasher) }
                let entries =
                    try record?.findings
                    ?? Row.fetchAll(
                        db,
                        sql: """
                            SELECT rule, status, message, basis, gating, evidence FROM finding
                            WHERE evaluation_ref = ? ORDER BY position
                            """, arguments: [id]
                    ).map {
                        CompactRecord.FindingEntry(
                            rule: $0["rule"], status: $0["status"], message: $0["message"], basis: $0["basis"],
                            gating: $0["gating"], evidence: .text($0["evidence"]))
                    }
                // Format-5 evidence reads back as the object itself; JSON text is parsed.
                let findings = entries.map { f -> FindingRecord in
                    FindingRecord(
                        rule: f.rule, status: f.status, message: f.message, basis: f.basis, gating: f.gating,
                        evidence: f.evidence.object)
                }
                let signatures = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT position, key_id, role, algorithm, status, reason FROM signature_check
                        WHERE attestation_ref = ? ORDER BY position
                        """, arguments: [row["attestation_ref"] as Int64]
                ).map { s in
                    StoredSignatureCheck(
                        position: s["position"], keyID: s["key_id"], role: s["role"], algorithm: s["algorithm"],
                        status: s["status"], reason: s["reason"])
                }
                let blocking = try RuleID.stored(
                    json: row["blocking"], field: "evaluation \(row["id"] as Int64)'s blocking")
                let summary = EvaluationSummary(
                    name: row["attestation_id"], digest: row["digest"], issuer: row["issuer"], token: row["token"],
                    sequence: row["sequence"], asOf: row["as_of"], profile: row["profile"], tool: row["tool_version"],
                    evaluatedAt: row["evaluated_at"], eligible: row["eligible"], group: row["coin_group"],
                    blocking: blocking,
                    coverage: row["coverage"], stressedCoverage: row["stressed_coverage"], findings: findings)
                var stored = summary
                if let openssl: String = row["openssl_version"], let sqlite: String = row["sqlite_version"] {
                    stored.runtime = Runtime(openssl: openssl, sqlite: sqlite)
                }
                let envelope: Data = row["envelope"]
                return StoredEvaluation(
                    id: row["id"], rowHash: row["row_hash"], kind: row["kind"], summary: stored,
                    source: row["source"], envelope: [UInt8](envelope), envelopeSHA256: row["envelope_sha256"],
                    receivedAt: row["received_at"], signatures: signatures)
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading evaluation \(id)")
        }
    }

    /// The id of the evaluation row with this hash.
    public func evaluationID(rowHash: String) throws(VerifierError) -> Int64? {
        do {
            return try pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM evaluation WHERE row_hash = ?", arguments: [rowHash])
            }
        } catch {
            throw Ledger.storageError(error, "\(path): finding an evaluation by its hash")
        }
    }

    /// The newest stored checkpoint's envelope, if any.
    public func latestCheckpointEnvelope() throws(VerifierError) -> [UInt8]? {
        do {
            return try pool.read { db in
                try Data.fetchOne(db, sql: "SELECT envelope FROM checkpoint ORDER BY id DESC LIMIT 1").map {
                    [UInt8]($0)
                }
            }
        } catch {
            throw Ledger.storageError(error, "\(path): reading the latest checkpoint")
        }
    }
}
