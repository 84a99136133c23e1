import GRDB

/// The ledger's migrations: named, append-only, never edited once released. Written with table
/// and column names, not app types (GRDB "Migrations", good practices).
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE attestation (
                    id INTEGER PRIMARY KEY,
                    digest TEXT NOT NULL UNIQUE,
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
                CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER attestation_no_delete BEFORE DELETE ON attestation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER signature_check_no_update BEFORE UPDATE ON signature_check BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER signature_check_no_delete BEFORE DELETE ON signature_check BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER evaluation_no_update BEFORE UPDATE ON evaluation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER evaluation_no_delete BEFORE DELETE ON evaluation BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
                """)
        }
        return migrator
    }
}
