import GRDB

/// The ledger's migrations: named, append-only, never edited once released. Written with table
/// and column names, not app types (GRDB "Migrations", good practices).
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE attestation (
                        id INTEGER PRIMARY KEY,
                        digest TEXT NOT NULL,
                        issuer TEXT NOT NULL,
                        token TEXT NOT NULL,
                        attestation_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL CHECK (sequence >= 1),
                        as_of TEXT NOT NULL,
                        issued_at TEXT NOT NULL,
                        envelope_kind TEXT NOT NULL,
                        envelope BLOB NOT NULL,
                        envelope_sha256 TEXT NOT NULL,
                        detached_signature BLOB,
                        source TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        trusted INTEGER NOT NULL CHECK (trusted IN (0, 1)),
                        accepted INTEGER NOT NULL CHECK (accepted IN (0, 1))
                    );
                    -- One trusted and at most one untrusted copy of a payload: an untrusted copy seen first
                    -- (a forged envelope around a genuine payload) never blocks the genuine one.
                    CREATE UNIQUE INDEX attestation_digest ON attestation (digest, trusted);
                    CREATE INDEX attestation_coin ON attestation (issuer, token, accepted, sequence);
                    CREATE INDEX attestation_coin_sequence ON attestation (issuer, token, sequence);

                    CREATE TABLE signature_check (
                        id INTEGER PRIMARY KEY,
                        attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
                        position INTEGER NOT NULL,
                        key_id TEXT,
                        role TEXT,
                        algorithm TEXT,
                        status TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        duplicate INTEGER NOT NULL
                    );
                    CREATE INDEX signature_check_attestation ON signature_check (attestation_ref);

                    CREATE TABLE evaluation (
                        id INTEGER PRIMARY KEY,
                        attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
                        issuer TEXT NOT NULL,
                        token TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        as_of TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('verify', 'reevaluate')),
                        profile TEXT NOT NULL,
                        tool_version TEXT NOT NULL,
                        evaluated_at TEXT NOT NULL,
                        eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
                        coin_group TEXT NOT NULL,
                        blocking TEXT NOT NULL,
                        coverage TEXT,
                        stressed_coverage TEXT,
                        freshness_days INTEGER NOT NULL,
                        prev_hash TEXT NOT NULL,
                        row_hash TEXT NOT NULL UNIQUE
                    );
                    CREATE INDEX evaluation_coin ON evaluation (issuer, token, id);
                    CREATE INDEX evaluation_attestation ON evaluation (attestation_ref, id);

                    CREATE TABLE finding (
                        id INTEGER PRIMARY KEY,
                        evaluation_ref INTEGER NOT NULL REFERENCES evaluation (id),
                        position INTEGER NOT NULL,
                        rule TEXT NOT NULL,
                        status TEXT NOT NULL,
                        message TEXT NOT NULL,
                        basis TEXT NOT NULL,
                        gating INTEGER NOT NULL,
                        evidence TEXT NOT NULL
                    );
                    CREATE INDEX finding_evaluation ON finding (evaluation_ref, position);

                    -- Append-only: history is never rewritten. (The hash chain detects an edit made
                    -- after dropping these triggers.)
                    CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER attestation_no_delete BEFORE DELETE ON attestation \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER signature_check_no_update BEFORE UPDATE ON signature_check \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER signature_check_no_delete BEFORE DELETE ON signature_check \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER evaluation_no_update BEFORE UPDATE ON evaluation \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER evaluation_no_delete BEFORE DELETE ON evaluation \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    """)
        }
        migrator.registerMigration("v2-watch") { db in
            try db.execute(
                sql: """
                    -- Operational state of scheduled jobs: the only rows updated in place.
                    CREATE TABLE source_state (
                        source TEXT PRIMARY KEY,
                        etag TEXT,
                        fingerprint TEXT,
                        consecutive_failures INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        last_success_at TEXT,
                        updated_at TEXT NOT NULL
                    );
                    CREATE TABLE coin_state (
                        issuer TEXT NOT NULL,
                        token TEXT NOT NULL,
                        state TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (issuer, token)
                    );
                    -- Alerts to deliver, one row per (alert, sink); written in the same transaction as the
                    -- coin state change that raised them. Only the delivery columns change afterwards.
                    CREATE TABLE alert_outbox (
                        id INTEGER PRIMARY KEY,
                        dedup_key TEXT NOT NULL,
                        sink TEXT NOT NULL,
                        alert TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at TEXT NOT NULL,
                        delivered_at TEXT,
                        last_error TEXT,
                        UNIQUE (dedup_key, sink)
                    );
                    CREATE INDEX alert_outbox_pending ON alert_outbox (delivered_at, next_attempt_at);
                    CREATE TRIGGER alert_outbox_no_delete BEFORE DELETE ON alert_outbox \
                    BEGIN SELECT RAISE(ABORT, 'the outbox keeps every alert'); END;
                    CREATE TRIGGER alert_outbox_delivery_only BEFORE UPDATE OF dedup_key, sink, alert, created_at \
                    ON alert_outbox
                    BEGIN SELECT RAISE(ABORT, 'only delivery state changes in the outbox'); END;
                    """)
        }
        migrator.registerMigration("v3-equivocation-index") { db in
            // `status` counts each coin's EQUIVOCATION failures: without this (small, partial)
            // index that read every finding of every evaluation, 14 s at 1,000,000 evaluations.
            try db.execute(
                sql: """
                    CREATE INDEX finding_equivocation ON finding (evaluation_ref) \
                    WHERE rule = 'EQUIVOCATION' AND status = 'fail';
                    """)
        }
        migrator.registerMigration("v4-integrity") { db in
            // Chain version 2 (ChainRow.swift) covers the attestation row, its signature checks
            // and withdrawals; rows written before keep version 1 and are checked as such.
            // Withdrawals: the only way an accepted attestation leaves the coin's accepted history
            // (a key revocation found to predate the proven signing time, or a signed correction),
            // appended, never an edit. Checkpoints: signed (DSSE) heads of the chain.
            try db.execute(
                sql: """
                    ALTER TABLE evaluation ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 1;
                    -- The RFC 3161 token that came beside the envelope (X.tsr), kept so that a re-check
                    -- proves the same signing time (a DSSE envelope carries its own inside).
                    ALTER TABLE attestation ADD COLUMN timestamp_token BLOB;
                    CREATE INDEX attestation_envelope ON attestation (envelope_sha256);
                    CREATE TABLE withdrawal (
                        id INTEGER PRIMARY KEY,
                        attestation_ref INTEGER NOT NULL REFERENCES attestation (id),
                        evaluation_ref INTEGER NOT NULL REFERENCES evaluation (id),
                        kind TEXT NOT NULL CHECK (kind IN ('key-revoked', 'correction')),
                        reason TEXT NOT NULL,
                        recorded_at TEXT NOT NULL,
                        statement BLOB
                    );
                    CREATE INDEX withdrawal_attestation ON withdrawal (attestation_ref);
                    CREATE INDEX withdrawal_evaluation ON withdrawal (evaluation_ref);
                    CREATE TABLE checkpoint (
                        id INTEGER PRIMARY KEY,
                        evaluations INTEGER NOT NULL,
                        head_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        envelope BLOB NOT NULL
                    );
                    -- The bank's policy files (bank-policy/1) as used: each version once, by its SHA-256,
                    -- which every evaluation under it names in its (hashed) profile string.
                    CREATE TABLE bank_policy (
                        sha256 TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        content BLOB NOT NULL,
                        first_used_at TEXT NOT NULL
                    );
                    CREATE TRIGGER bank_policy_no_update BEFORE UPDATE ON bank_policy \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER bank_policy_no_delete BEFORE DELETE ON bank_policy \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER withdrawal_no_update BEFORE UPDATE ON withdrawal \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER withdrawal_no_delete BEFORE DELETE ON withdrawal \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    """)
        }
        migrator.registerMigration("v5-runtime") { db in
            // The libraries each evaluation ran on (issue 14, part 5), as they report themselves.
            // Rows written from here on are chain version 3, whose hash covers both; older rows
            // keep NULL and their own chain version.
            try db.execute(
                sql: """
                    ALTER TABLE evaluation ADD COLUMN openssl_version TEXT;
                    ALTER TABLE evaluation ADD COLUMN sqlite_version TEXT;
                    """)
        }
        migrator.registerMigration("v6-compact-records") { db in
            // Chain version 4 (CompactRecord.swift): an evaluation's hashed content (verdict,
            // attestation row, signature checks, withdrawals, every finding) in one compact record
            // on the row, hashed as stored. Only its failed findings get `finding` rows (the index
            // `status` and `watch` query). Older rows keep NULL and their own chain version.
            try db.execute(
                sql: """
                    ALTER TABLE evaluation ADD COLUMN record BLOB;
                    """)
        }
        migrator.registerMigration("v7-compact-evidence") { _ in
            // Chain version 5 (CompactRecord.swift, EvidenceCoding.swift): the record's findings
            // carry their evidence as compact values (each string once per record) instead of
            // JSON text. No table changes: the migration marks the ledger as written by a version
            // that reads format-5 records, so an older version refuses it (E051) instead of
            // misreading it. Rows of chain version 4 and older keep theirs.
        }
        migrator.registerMigration("v8-narrow-heads") { db in
            // Chain version 6 (CompactRecord.stored): an evaluation's `record` holds the head
            // (format byte, header, attestation row, withdrawals) and the SHA-256 of the body
            // (signature checks, evidence table, findings), which goes in `evaluation_body` in the
            // same transaction. `status` and `history` hash the head only; every full check reads
            // and hashes the body. Rows of chain version 5 and older keep their whole record.
            try db.execute(
                sql: """
                    CREATE TABLE evaluation_body (
                        evaluation_ref INTEGER PRIMARY KEY REFERENCES evaluation(id),
                        body BLOB NOT NULL
                    );
                    CREATE TRIGGER evaluation_body_no_update BEFORE UPDATE ON evaluation_body \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    CREATE TRIGGER evaluation_body_no_delete BEFORE DELETE ON evaluation_body \
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                    """)
        }
        return migrator
    }
}
