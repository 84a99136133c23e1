import Foundation
import GRDB
import ReserveCore

/// Everything `verify` knows about one attestation before the ledger adds its history.
public struct RecordInput: Sendable {
    public var source: String
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    public var verified: VerifiedAttestation
    /// The evaluation without history findings.
    public var evaluation: Evaluation
    public var evaluator: Evaluator
    public var freshnessDays: Int
    public var evaluatedAt: Timestamp
    public var toolVersion: String

    public init(source: String, envelope: [UInt8], detachedSignature: [UInt8]?, verified: VerifiedAttestation,
                evaluation: Evaluation, evaluator: Evaluator, freshnessDays: Int, evaluatedAt: Timestamp, toolVersion: String) {
        self.source = source
        self.envelope = envelope
        self.detachedSignature = detachedSignature
        self.verified = verified
        self.evaluation = evaluation
        self.evaluator = evaluator
        self.freshnessDays = freshnessDays
        self.evaluatedAt = evaluatedAt
        self.toolVersion = toolVersion
    }
}

public struct RecordOutcome: Sendable {
    /// The evaluation with the history findings and the final verdict.
    public var evaluation: Evaluation
    /// False for a replay: nothing was written.
    public var recorded: Bool
    public var accepted: Bool
    /// The evaluation row's hash (nil for a replay).
    public var rowHash: String?
}

extension Ledger {
    /// Records one attestation in one immediate transaction: reads the coin's history, applies
    /// the history rules, and appends the attestation, its signature checks, the evaluation (with
    /// the hash chain) and every finding. A replay writes nothing.
    public func record(_ input: RecordInput) throws(VerifierError) -> RecordOutcome {
        do {
            return try pool.writeWithoutTransaction { db in
                var outcome: RecordOutcome?
                try db.inTransaction(.immediate) {
                    outcome = try self.record(input, in: db)
                    return outcome?.recorded == true ? .commit : .rollback
                }
                guard let outcome else { throw VerifierError(.storage, "the record transaction produced no outcome") }
                return outcome
            }
        } catch {
            throw Ledger.storageError(error, "\(path): recording \(input.source)")
        }
    }

    private func record(_ input: RecordInput, in db: Database) throws -> RecordOutcome {
        let verified = input.verified
        let a = verified.attestation
        let snapshot = try self.snapshot(verified, db)
        let history = HistoryRules.evaluate(verified, history: snapshot, freshnessDays: input.freshnessDays, at: input.evaluatedAt)
        let evaluation = input.evaluator.adding(history.findings, to: input.evaluation)
        if history.replay {
            return RecordOutcome(evaluation: evaluation, recorded: false, accepted: false, rowHash: nil)
        }
        try db.execute(sql: """
            INSERT INTO attestation (digest, issuer, token, attestation_id, sequence, as_of, issued_at, envelope_kind, envelope,
                envelope_sha256, detached_signature, source, received_at, trusted, accepted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [verified.digest, a.issuer.id, a.token.symbol, a.attestationId, a.sequence, a.asOf.description,
                             a.issuedAt.description, verified.envelope.rawValue, Data(input.envelope),
                             hasher.sha256(input.envelope).hex, input.detachedSignature.map { Data($0) }, input.source,
                             input.evaluatedAt.description, verified.isTrusted, history.accepted])
        let attestationRef = db.lastInsertedRowID
        let signatureInsert = try db.cachedStatement(sql: """
            INSERT INTO signature_check (attestation_ref, position, key_id, role, algorithm, status, reason, duplicate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for check in verified.signatures {
            try signatureInsert.execute(arguments: [attestationRef, check.index, check.keyID, check.role?.rawValue,
                                                    check.algorithm?.rawValue, check.status.rawValue, check.reason, check.duplicate])
        }
        let hash = try appendEvaluation(evaluation, attestationRef: attestationRef, digest: verified.digest, attestation: a,
                                        kind: "verify", evaluatedAt: input.evaluatedAt, toolVersion: input.toolVersion,
                                        freshnessDays: input.freshnessDays, db)
        return RecordOutcome(evaluation: evaluation, recorded: true, accepted: history.accepted, rowHash: hash)
    }

    func snapshot(_ verified: VerifiedAttestation, _ db: Database) throws -> HistorySnapshot {
        let a = verified.attestation
        // A trusted arrival replays only a trusted copy; an untrusted one replays any copy.
        let seen = try Bool.fetchOne(db, sql: "SELECT 1 FROM attestation WHERE digest = ? AND (trusted = 1 OR ? = 0) LIMIT 1",
                                     arguments: [verified.digest, verified.isTrusted]) ?? false
        var latest: HistorySnapshot.Accepted?
        if let row = try Row.fetchOne(db, sql: """
            SELECT sequence, as_of, digest FROM attestation
            WHERE issuer = ? AND token = ? AND accepted = 1 ORDER BY sequence DESC LIMIT 1
            """, arguments: [a.issuer.id, a.token.symbol]),
            let asOf = Timestamp.parse(row["as_of"])
        {
            latest = HistorySnapshot.Accepted(sequence: row["sequence"], asOf: asOf, digest: row["digest"])
        }
        let same = try String.fetchAll(db, sql: """
            SELECT digest FROM attestation WHERE issuer = ? AND token = ? AND sequence = ? AND trusted = 1 AND digest != ?
            ORDER BY id
            """, arguments: [a.issuer.id, a.token.symbol, a.sequence, verified.digest])
        return HistorySnapshot(seenDigest: seen, latestAccepted: latest, sameSequenceDigests: same)
    }

    /// Appends an evaluation row and its findings, chaining its hash to the previous row's.
    func appendEvaluation(_ evaluation: Evaluation, attestationRef: Int64, digest: String, attestation a: Attestation, kind: String,
                          evaluatedAt: Timestamp, toolVersion: String, freshnessDays: Int, _ db: Database) throws -> String {
        let previous = try String.fetchOne(db, sql: "SELECT row_hash FROM evaluation ORDER BY id DESC LIMIT 1") ?? Ledger.genesisHash
        let envelopeHash = try String.fetchOne(db, sql: "SELECT envelope_sha256 FROM attestation WHERE id = ?", arguments: [attestationRef]) ?? ""
        let v = evaluation.verdict
        let row = ChainRow(
            digest: digest, envelopeSHA256: envelopeHash, kind: kind, profile: v.profile, toolVersion: toolVersion,
            evaluatedAt: evaluatedAt.description, eligible: v.eligible, group: v.group,
            blocking: JSONWriter.write(.strings(v.blocking.map(\.rawValue)), pretty: false),
            coverage: evaluation.coverage.map { Amount.canonical($0) }, stressedCoverage: evaluation.stressedCoverage.map { Amount.canonical($0) },
            freshnessDays: freshnessDays,
            findings: evaluation.findings.map {
                ChainRow.FindingRow(rule: $0.rule.rawValue, status: $0.status.rawValue, message: $0.message, basis: $0.basis.rawValue,
                                    gating: $0.gating, evidence: JSONWriter.write(.object($0.evidence), pretty: false))
            })
        let hash = row.hash(previous: previous, hasher: hasher)
        try db.execute(sql: """
            INSERT INTO evaluation (attestation_ref, issuer, token, sequence, as_of, kind, profile, tool_version, evaluated_at, eligible,
                coin_group, blocking, coverage, stressed_coverage, freshness_days, prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [attestationRef, a.issuer.id, a.token.symbol, a.sequence, a.asOf.description, kind, row.profile, row.toolVersion,
                             row.evaluatedAt, row.eligible, row.group, row.blocking, row.coverage, row.stressedCoverage, freshnessDays,
                             previous, hash])
        let evaluationRef = db.lastInsertedRowID
        let findingInsert = try db.cachedStatement(sql: """
            INSERT INTO finding (evaluation_ref, position, rule, status, message, basis, gating, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, f) in row.findings.enumerated() {
            try findingInsert.execute(arguments: [evaluationRef, i, f.rule, f.status, f.message, f.basis, f.gating, f.evidence])
        }
        return hash
    }
}

/// The content of an evaluation row that its hash covers, as stored (text columns exactly).
struct ChainRow {
    struct FindingRow {
        var rule: String
        var status: String
        var message: String
        var basis: String
        var gating: Bool
        var evidence: String
    }

    var digest: String
    var envelopeSHA256: String
    var kind: String
    var profile: String
    var toolVersion: String
    var evaluatedAt: String
    var eligible: Bool
    var group: String
    var blocking: String
    var coverage: String?
    var stressedCoverage: String?
    var freshnessDays: Int
    var findings: [FindingRow]

    /// SHA-256 over `previous hash + "\n" + canonical JSON of the row` (sorted keys, compact).
    func hash(previous: String, hasher: any CryptoProvider) -> String {
        let content: JSONValue = [
            "digest": .string(digest), "envelopeSha256": .string(envelopeSHA256), "kind": .string(kind), "profile": .string(profile),
            "toolVersion": .string(toolVersion), "evaluatedAt": .string(evaluatedAt), "eligible": .bool(eligible),
            "group": .string(group), "blocking": .string(blocking), "coverage": coverage.map(JSONValue.string) ?? .null,
            "stressedCoverage": stressedCoverage.map(JSONValue.string) ?? .null, "freshnessDays": .int(freshnessDays),
            "findings": .array(findings.map {
                ["rule": .string($0.rule), "status": .string($0.status), "message": .string($0.message), "basis": .string($0.basis),
                 "gating": .bool($0.gating), "evidence": .string($0.evidence)]
            }),
        ]
        let bytes = Array((previous + "\n" + JSONWriter.write(content, pretty: false)).utf8)
        return hasher.sha256(bytes).hex
    }
}
