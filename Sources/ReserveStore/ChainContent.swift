import Foundation
import GRDB
import ReserveCore

/// Reading the hashed content back from the tables, for `ledger verify` and for the checks that
/// `status`, `history` and recording make on the rows they touch.
enum ChainContent {
    static func attestation(_ db: Database, id: Int64, hasher: any CryptoProvider) throws -> JSONValue {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, digest, issuer, token, attestation_id, sequence, as_of, issued_at, envelope_kind, \
                    envelope_sha256,
                           detached_signature, source, received_at, trusted, accepted, timestamp_token
                    FROM attestation WHERE id = ?
                    """, arguments: [id])
        else { return .null }
        let detached: Data? = row["detached_signature"]
        var o = JSONObject()
        o["id"] = .number(String(row["id"] as Int64))
        for (key, column) in [
            ("digest", "digest"), ("issuer", "issuer"), ("token", "token"), ("attestationId", "attestation_id"),
            ("asOf", "as_of"), ("issuedAt", "issued_at"), ("envelopeKind", "envelope_kind"),
            ("envelopeSha256", "envelope_sha256"), ("source", "source"), ("receivedAt", "received_at"),
        ] {
            o[key] = .string(row[column])
        }
        o["sequence"] = .int(row["sequence"])
        o["trusted"] = .bool(row["trusted"])
        o["accepted"] = .bool(row["accepted"])
        o["detachedSignatureSha256"] = detached.map { .string(hasher.sha256([UInt8]($0)).hex) } ?? .null
        let token: Data? = row["timestamp_token"]
        if let token { o["timestampTokenSha256"] = .string(hasher.sha256([UInt8](token)).hex) }
        let checks = try Row.fetchAll(
            db,
            sql: """
                SELECT position, key_id, role, algorithm, status, reason, duplicate FROM signature_check
                WHERE attestation_ref = ? ORDER BY position, id
                """, arguments: [id])
        o["signatures"] = .array(
            checks.map { c -> JSONValue in
                var check = JSONObject()
                check["position"] = .int(c["position"])
                check["keyId"] = (c["key_id"] as String?).map(JSONValue.string) ?? .null
                check["role"] = (c["role"] as String?).map(JSONValue.string) ?? .null
                check["algorithm"] = (c["algorithm"] as String?).map(JSONValue.string) ?? .null
                check["status"] = .string(c["status"])
                check["reason"] = .string(c["reason"])
                check["duplicate"] = .bool(c["duplicate"])
                return .object(check)
            })
        return .object(o)
    }

    /// The attestation row and its signature checks as a compact record holds them.
    static func compactAttestation(_ db: Database, id: Int64, hasher: any CryptoProvider) throws -> (
        CompactRecord.AttestationRow, [CompactRecord.SignatureRow]
    )? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT digest, attestation_id, issued_at, envelope_kind, envelope_sha256, detached_signature, \
                        source,
                               received_at, trusted, accepted, timestamp_token
                        FROM attestation WHERE id = ?
                        """), arguments: [id])
        else { return nil }
        return (compactAttestation(row, hasher: hasher), try compactSignatures(db, attestationRef: id))
    }

    /// The attestation row as a compact record holds it, from a row with the columns
    /// ``compactAttestation(_:id:hasher:)`` selects (the stored blobs hashed).
    static func compactAttestation(_ row: Row, hasher: any CryptoProvider) -> CompactRecord.AttestationRow {
        let detached: Data? = row["detached_signature"]
        let token: Data? = row["timestamp_token"]
        return CompactRecord.AttestationRow(
            digest: row["digest"], attestationId: row["attestation_id"], issuedAt: row["issued_at"],
            envelopeKind: row["envelope_kind"], envelopeSHA256: row["envelope_sha256"],
            detachedSignatureSHA256: detached.map { hasher.sha256([UInt8]($0)).hex }, source: row["source"],
            receivedAt: row["received_at"], trusted: row["trusted"], accepted: row["accepted"],
            timestampTokenSHA256: token.map { hasher.sha256([UInt8]($0)).hex })
    }

    /// The attestation's signature checks as a compact record holds them (by position, ties in
    /// insertion order).
    static func compactSignatures(_ db: Database, attestationRef id: Int64) throws -> [CompactRecord.SignatureRow] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT position, key_id, role, algorithm, status, reason, duplicate FROM signature_check
                    WHERE attestation_ref = ? ORDER BY position, id
                    """), arguments: [id]
        ).map {
            CompactRecord.SignatureRow(
                position: $0["position"], keyID: $0["key_id"], role: $0["role"], algorithm: $0["algorithm"],
                status: $0["status"], reason: $0["reason"], duplicate: $0["duplicate"])
        }
    }

    static func withdrawals(_ db: Database, evaluationID: Int64, hasher: any CryptoProvider) throws -> JSONValue {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT attestation_ref, kind, reason, recorded_at, statement FROM withdrawal WHERE evaluation_ref = ? \
                ORDER BY id
                """, arguments: [evaluationID])
        return .array(
            rows.map { w in
                let statement: Data? = w["statement"]
                return [
                    "attestationRef": .number(String(w["attestation_ref"] as Int64)), "kind": .string(w["kind"]),
                    "reason": .string(w["reason"]), "recordedAt": .string(w["recorded_at"]),
                    "statementSha256": statement.map { .string(hasher.sha256([UInt8]($0)).hex) } ?? .null,
                ]
            })
    }

    static func runtime(openssl: String?, sqlite: String?) -> JSONValue {
        ["openssl": openssl.map(JSONValue.string) ?? .null, "sqlite": sqlite.map(JSONValue.string) ?? .null]
    }

    static func coin(issuer: String, token: String, sequence: Int, asOf: String, attestationRef: Int64) -> JSONValue {
        [
            "issuer": .string(issuer), "token": .string(token), "sequence": .int(sequence), "asOf": .string(asOf),
            "attestationRef": .number(String(attestationRef)),
        ]
    }

    /// The stored evaluation row `id` as its hash covers it (nil: no such row).
    static func row(_ db: Database, id: Int64, hasher: any CryptoProvider) throws -> (
        chain: ChainRow, previous: String, stored: String
    )? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT e.*, a.digest, a.envelope_sha256 FROM evaluation e JOIN attestation a ON a.id = \
                    e.attestation_ref WHERE e.id = ?
                    """, arguments: [id])
        else { return nil }
        let findings = try Row.fetchAll(
            db,
            sql: """
                SELECT rule, status, message, basis, gating, evidence FROM finding WHERE evaluation_ref = ? ORDER BY \
                position
                """, arguments: [id]
        ).map {
            ChainRow.FindingRow(
                rule: $0["rule"], status: $0["status"], message: $0["message"], basis: $0["basis"],
                gating: $0["gating"], evidence: $0["evidence"])
        }
        let version: Int = row["chain_version"]
        var chain = ChainRow(
            version: version, digest: row["digest"], envelopeSHA256: row["envelope_sha256"], kind: row["kind"],
            profile: row["profile"], toolVersion: row["tool_version"], evaluatedAt: row["evaluated_at"],
            eligible: row["eligible"],
            group: row["coin_group"], blocking: row["blocking"], coverage: row["coverage"],
            stressedCoverage: row["stressed_coverage"], freshnessDays: row["freshness_days"], findings: findings)
        if version >= 2 {
            let ref: Int64 = row["attestation_ref"]
            chain.coin = coin(
                issuer: row["issuer"], token: row["token"], sequence: row["sequence"], asOf: row["as_of"],
                attestationRef: ref)
            chain.attestation = try attestation(db, id: ref, hasher: hasher)
            chain.withdrawals = try withdrawals(db, evaluationID: id, hasher: hasher)
        }
        if version >= 3 {
            chain.runtime = runtime(openssl: row["openssl_version"], sqlite: row["sqlite_version"])
        }
        return (chain, row["prev_hash"], row["row_hash"])
    }
}
