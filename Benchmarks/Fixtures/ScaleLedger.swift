import Foundation
import GRDB
import ReserveCore
import ReserveCrypto
@_spi(Fixtures) import ReserveStore

/// A ledger of 1,000,000 evaluations for 500 coins, made fast enough to build in every run.
///
/// `seedPerCoin` attestations per coin are signed, verified, evaluated and recorded through
/// `Ledger.record` (the real rows: envelopes, signature checks, evaluations, findings). The rest
/// are copies of those rows made in SQL, each with its own id, sequence, digest and row hash, so
/// the tables and indexes hold what `perCoin` recordings per coin would leave. Each evaluation
/// copy carries a valid chain hash (version 2 or later) (computed by the ledger's own chain code), so
/// `status`, `history`, recording and `ledger verify` accept the grown ledger as a whole.
public struct ScaleLedger {
    public let path: String
    public let directory: String
    public let coins: Int
    public let perCoin: Int
    public let seedPerCoin: Int

    public var evaluations: Int { coins * perCoin }

    /// Records the seed. Returns the ledger at seed size (`coins * seedPerCoin` evaluations).
    public static func seed(coins: Int = 500, perCoin: Int = 2000, seedPerCoin: Int = 4, lines: Int = 3) throws -> (
        ScaleLedger, Ledger
    ) {
        let (ledger, directory) = try Workloads.freshLedger("scale")
        let corpus = try BenchCorpus.make(count: coins * seedPerCoin, coins: coins, lines: lines)
        let verifier = AttestationVerifier(store: try corpus.trustStore(), provider: OpenSSLProvider())
        try Workloads.endToEnd(corpus, verifier: verifier, evaluator: Evaluator(profile: .bcbs), ledger: ledger)
        return (
            ScaleLedger(
                path: ledger.path, directory: directory, coins: coins, perCoin: perCoin, seedPerCoin: seedPerCoin),
            ledger
        )
    }

    /// Copies the seed rows until every coin has `perCoin` evaluations. Close every `Ledger` on
    /// the file first (drop the references); reopen with `Ledger.open` afterwards.
    ///
    /// The attestation, signature-check and finding rows are copied in SQL; each evaluation copy
    /// is inserted with its hash computed by the ledger's own chain code (its chain version, through
    /// ``ChainRowTemplate``), chained to the row before it, so the grown ledger is a valid chain.
    public func grow() throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let hasher = OpenSSLProvider()
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            let a = try Int.fetchOne(db, sql: "SELECT max(id) FROM attestation") ?? 0
            let e = try Int.fetchOne(db, sql: "SELECT max(id) FROM evaluation") ?? 0
            let f = try Int.fetchOne(db, sql: "SELECT max(id) FROM finding") ?? 0
            let s = try Int.fetchOne(db, sql: "SELECT max(id) FROM signature_check") ?? 0
            let rounds = perCoin / seedPerCoin - 1
            let k = seedPerCoin
            guard rounds >= 1 else { return }
            // One seed evaluation per attestation (each recorded once), all at the current chain version.
            let templates = try ChainRowTemplate.load(db, ids: 1...Int64(e), hasher: hasher)
            let splicers = templates.map(ChainRowTemplate.Splicer.init)
            guard templates.count == e, a == e else {
                throw VerifierError(
                    .storage,
                    "the seed ledger is not one version-2 evaluation per attestation (\(a) attestations, \(e) evaluations, \(templates.count) templates)"
                )
            }
            var previous =
                try String.fetchOne(db, sql: "SELECT row_hash FROM evaluation WHERE id = ?", arguments: [e]) ?? ""
            // One round per transaction keeps the WAL small; every table is appended to in id order,
            // and the evaluation copies in chain order.
            for n in 1...rounds {
                try db.inTransaction {
                    try db.execute(
                        sql: """
                            INSERT INTO attestation (id, digest, issuer, token, attestation_id, sequence, as_of, issued_at, envelope_kind, envelope,
                                envelope_sha256, detached_signature, source, received_at, trusted, accepted, timestamp_token)
                            SELECT id + \(n * a), digest || '#\(n)', issuer, token, attestation_id || '#\(n)', sequence + \(n * k), as_of, issued_at,
                                envelope_kind, envelope, envelope_sha256, detached_signature, source, received_at, trusted, accepted, timestamp_token
                            FROM attestation WHERE id <= \(a) ORDER BY id
                            """)
                    try db.execute(
                        sql: """
                            INSERT INTO signature_check (id, attestation_ref, position, key_id, role, algorithm, status, reason, duplicate)
                            SELECT id + \(n * s), attestation_ref + \(n * a), position, key_id, role, algorithm, status, reason, duplicate
                            FROM signature_check WHERE id <= \(s) ORDER BY id
                            """)
                    let insert = try db.cachedStatement(
                        sql: """
                            INSERT INTO evaluation (id, attestation_ref, issuer, token, sequence, as_of, kind, profile, tool_version, evaluated_at, eligible,
                                coin_group, blocking, coverage, stressed_coverage, freshness_days, prev_hash, row_hash, chain_version,
                                openssl_version, sqlite_version, record)
                            SELECT id + ?1, attestation_ref + ?2, issuer, token, sequence + ?3, as_of, kind, profile, tool_version,
                                evaluated_at, eligible, coin_group, blocking, coverage, stressed_coverage, freshness_days, ?4, ?5,
                                chain_version, openssl_version, sqlite_version, ?7
                            FROM evaluation WHERE id = ?6
                            """)
                    for splicer in splicers {
                        let t = splicer.template
                        let (hash, record) = splicer.record(
                            previous: previous, attestationRef: t.attestationRef + Int64(n * a),
                            digest: t.digest + "#\(n)",
                            attestationId: t.attestationId + "#\(n)", sequence: t.sequence + n * k, hasher: hasher)
                        try insert.execute(arguments: [
                            n * e, n * a, n * k, previous, hash, t.evaluationID, record.map { Data($0) },
                        ])
                        previous = hash
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO finding (id, evaluation_ref, position, rule, status, message, basis, gating, evidence)
                            SELECT id + \(n * f), evaluation_ref + \(n * e), position, rule, status, message, basis, gating, evidence
                            FROM finding WHERE id <= \(f) ORDER BY id
                            """)
                    // Chain version 6: a copy's body (signature checks, findings) is its seed's.
                    try db.execute(
                        sql: """
                            INSERT INTO evaluation_body (evaluation_ref, body)
                            SELECT evaluation_ref + \(n * e), body FROM evaluation_body WHERE evaluation_ref <= \(e) ORDER BY evaluation_ref
                            """)
                    return .commit
                }
                if n % 50 == 0 { try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
    }

    /// The file's size in bytes (database and WAL).
    public var bytes: Int {
        let fm = FileManager.default
        return [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? fm.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension ScaleLedger {
    /// Median seconds of `runs` calls.
    public static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds(body)) }
        times.sort()
        return times[times.count / 2]
    }

    public struct QueryTimings: Sendable, CustomStringConvertible {
        public var evaluations = 0
        public var status = 0.0
        public var statusRows = 0
        public var history = 0.0
        public var historyRows = 0

        public var description: String {
            String(
                format: "%d evaluations: status %.1f ms (%d coins), history of one coin %.1f ms (%d rows)",
                evaluations, status * 1e3, statusRows, history * 1e3, historyRows)
        }
    }

    /// Status of every coin, and one coin's history (coin 250's token), median of `runs`.
    public static func queries(_ ledger: Ledger, evaluations: Int, runs: Int = 5) throws -> QueryTimings {
        var t = QueryTimings()
        t.evaluations = evaluations
        let coin = 250
        t.status = try median(runs) { t.statusRows = try ledger.status().count }
        t.history = try median(runs) {
            t.historyRows = try ledger.history(
                issuer: BenchCorpus.issuer(coin: coin), token: BenchCorpus.token(coin: coin)
            ).count
        }
        return t
    }

    /// One coin's history `runs` times, each on the ledger `open` gives (the same one each time, or a
    /// new connection as each CLI process has), opened outside the timing: each run's seconds.
    public static func historyRuns(_ runs: Int, coin: Int, open: () throws -> Ledger) throws -> (
        seconds: [Double], rows: Int
    ) {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let ledger = try open()
            times.append(
                try seconds {
                    rows = try ledger.history(
                        issuer: BenchCorpus.issuer(coin: coin), token: BenchCorpus.token(coin: coin)
                    )
                    .count
                })
        }
        return (times, rows)
    }

    /// `status` `runs` times, as ``historyRuns(_:coin:open:)``.
    public static func statusRuns(_ runs: Int, open: () throws -> Ledger) throws -> (seconds: [Double], rows: Int) {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let ledger = try open()
            times.append(try seconds { rows = try ledger.status().count })
        }
        return (times, rows)
    }

    /// "median M ms (min, max; N runs)".
    public static func summary(_ times: [Double]) -> String {
        guard !times.isEmpty else { return "not run" }
        let sorted = times.sorted()
        return String(
            format: "median %.1f ms (min %.1f, max %.1f; %d runs)", sorted[sorted.count / 2] * 1e3, sorted[0] * 1e3,
            sorted[sorted.count - 1] * 1e3, sorted.count)
    }

    /// `corpus` verified and evaluated, ready to record: made once, recorded into several ledgers.
    ///
    /// - Parameter drafts: also prepare each record's draft (``RecordDraft``: the envelope's
    ///   SHA-256, the signature rows, the assessment's evidence encoded), as `verify`'s workers do
    ///   before the writer records, so that recording measures the writer's share only.
    public static func recordInputs(_ corpus: BenchCorpus, drafts: Bool = false) throws -> [ReadyRecord] {
        let evaluator = Evaluator(profile: .bcbs)
        let provider = OpenSSLProvider()
        let verifier = AttestationVerifier(store: try corpus.trustStore(), provider: provider)
        return try corpus.envelopes.map { envelope in
            let verified = try verifier.verify(envelope.bytes, at: corpus.evaluatedAt)
            let assessment = evaluator.assess(verified, at: corpus.evaluatedAt)
            let draft =
                drafts
                ? RecordDraft(
                    assessment, envelope: envelope.bytes, envelopeSHA256: nil, detachedSignature: nil,
                    timestampToken: nil, hasher: provider) : nil
            return ReadyRecord(
                item: RecordItem(
                    source: envelope.fileName, envelope: envelope.bytes, detachedSignature: nil, verified: verified,
                    evaluatedAt: corpus.evaluatedAt, toolVersion: Workloads.toolVersion, draft: draft),
                evaluator: evaluator, assessment: assessment)
        }
    }

    /// A verified and assessed envelope: recording only decides its history and writes it.
    public struct ReadyRecord: Sendable {
        public var item: RecordItem
        public var evaluator: Evaluator
        public var assessment: Assessment

        public func record(into ledger: Ledger) throws(VerifierError) -> RecordOutcome {
            try ledger.record(item) { evaluator.decide(assessment, history: $0) }
        }
    }

    /// Records `inputs` (new sequences for the same coins) and returns attestations per second:
    /// recording only, the verification and evaluation were done by ``recordInputs(_:)``.
    public static func recordRate(_ inputs: [ReadyRecord], into ledger: Ledger) throws -> Double {
        var recorded = 0
        let elapsed = try seconds {
            for input in inputs where try input.record(into: ledger).recorded { recorded += 1 }
        }
        guard recorded == inputs.count else {
            throw VerifierError(.storage, "only \(recorded) of \(inputs.count) were recorded")
        }
        return Double(inputs.count) / elapsed
    }

    /// The same in batches of `batch` attestations per transaction (`Ledger.record(batch:)`, the
    /// group commit `verify` uses): attestations per second.
    public static func batchRecordRate(_ inputs: [ReadyRecord], into ledger: Ledger, batch: Int = 256) throws -> Double
    {
        var recorded = 0
        let elapsed = try seconds {
            for start in stride(from: 0, to: inputs.count, by: batch) {
                let slice = Array(inputs[start..<min(start + batch, inputs.count)])
                let outcomes = try ledger.record(batch: slice.map(\.item)) { i, history in
                    slice[i].evaluator.decide(slice[i].assessment, history: history)
                }
                recorded += outcomes.filter(\.recorded).count
            }
        }
        guard recorded == inputs.count else {
            throw VerifierError(.storage, "only \(recorded) of \(inputs.count) were recorded")
        }
        return Double(inputs.count) / elapsed
    }
}
