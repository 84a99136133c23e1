/// A signed verification record: what this verifier said about one attestation, as an in-toto
/// Statement v1 in a DSSE envelope signed with the verifier's own key. Any in-toto or DSSE
/// implementation reads it; `docs/schemas/verification-record.schema.json` documents the
/// predicate (docs/COMMITTEE.md, "Signed verification records").
///
/// ```json
/// {"_type": "https://in-toto.io/Statement/v1",
///  "subject": [{"name": "kizuna-yen-2026-10-31", "digest": {"sha256": "0c26…"}}],
///  "predicateType": "https://reserve-verifier.example/verification-record/v1",
///  "predicate": {"tool": "reserve-verifier 0.1.0", "profile": "bcbs@2026-01-01", "stressTable": "sco60-stress@1",
///                "evaluatedAt": "…", "verdict": {"eligible": true, "group": "1b", "blocking": []},
///                "findings": {"count": 31, "sha256": "…"}, "ledger": {…}, "checkpoint": {…},
///                "review": {…}, …}}
/// ```
public struct VerificationRecord: Sendable, Hashable {
    public static let payloadType = "application/vnd.in-toto+json"
    public static let statementType = "https://in-toto.io/Statement/v1"
    public static let predicateType = "https://reserve-verifier.example/verification-record/v1"

    /// Where the evaluation sits in the ledger, and the chain's head when the record was signed.
    public struct LedgerPosition: Sendable, Hashable {
        public var path: String?
        public var evaluation: Int64
        public var rowHash: String
        public var headEvaluations: Int
        public var headHash: String

        public init(path: String?, evaluation: Int64, rowHash: String, headEvaluations: Int, headHash: String) {
            self.path = path
            self.evaluation = evaluation
            self.rowHash = rowHash
            self.headEvaluations = headEvaluations
            self.headHash = headHash
        }
    }

    /// The ledger's latest signed checkpoint.
    public struct CheckpointReference: Sendable, Hashable {
        public var evaluations: Int
        public var headHash: String
        public var time: String
        /// Lowercase hex SHA-256 of the checkpoint's DSSE envelope bytes as stored.
        public var envelopeSHA256: String

        public init(evaluations: Int, headHash: String, time: String, envelopeSHA256: String) {
            self.evaluations = evaluations
            self.headHash = headHash
            self.time = time
            self.envelopeSHA256 = envelopeSHA256
        }
    }

    /// A person's sign-off, and the committee's override of the verdict with its reason.
    public struct Review: Sendable, Hashable {
        public var reviewer: String
        public var override: String?
        public var reason: String?

        public init(reviewer: String, override: String? = nil, reason: String? = nil) {
            self.reviewer = reviewer
            self.override = override
            self.reason = reason
        }
    }

    public var subjectName: String
    /// Lowercase hex SHA-256 of the attestation's payload.
    public var subjectSHA256: String
    public var issuer: String
    public var token: String
    public var sequence: Int
    public var asOf: String
    public var tool: String
    public var profile: String
    public var stressTable: String?
    public var evaluatedAt: String
    public var eligible: Bool
    public var group: String
    public var blocking: [RuleID]
    public var coverage: String?
    public var stressedCoverage: String?
    public var findingsCount: Int
    /// Lowercase hex SHA-256 of ``EvaluationSummary/canonicalFindings``.
    public var findingsSHA256: String
    public var ledger: LedgerPosition?
    public var checkpoint: CheckpointReference?
    public var review: Review?
    /// When the record was signed.
    public var signedAt: String
    /// The OpenSSL and SQLite the evaluation ran on, when known (predicate `runtime`).
    public var runtime: Runtime? = nil

    public init(
        subjectName: String, subjectSHA256: String, issuer: String, token: String, sequence: Int, asOf: String,
        tool: String, profile: String, stressTable: String?, evaluatedAt: String, eligible: Bool, group: String,
        blocking: [RuleID], coverage: String?, stressedCoverage: String?, findingsCount: Int, findingsSHA256: String,
        ledger: LedgerPosition?, checkpoint: CheckpointReference?, review: Review?, signedAt: String
    ) {
        self.subjectName = subjectName
        self.subjectSHA256 = subjectSHA256
        self.issuer = issuer
        self.token = token
        self.sequence = sequence
        self.asOf = asOf
        self.tool = tool
        self.profile = profile
        self.stressTable = stressTable
        self.evaluatedAt = evaluatedAt
        self.eligible = eligible
        self.group = group
        self.blocking = blocking
        self.coverage = coverage
        self.stressedCoverage = stressedCoverage
        self.findingsCount = findingsCount
        self.findingsSHA256 = findingsSHA256
        self.ledger = ledger
        self.checkpoint = checkpoint
        self.review = review
        self.signedAt = signedAt
    }

    /// The record of `summary`. `hasher` digests the canonical findings.
    public init(
        _ summary: EvaluationSummary, hasher: any CryptoProvider, ledger: LedgerPosition?,
        checkpoint: CheckpointReference?, review: Review?, signedAt: Timestamp
    ) {
        let digest = summary.digest.hasPrefix("sha256:") ? String(summary.digest.dropFirst(7)) : summary.digest
        self.init(
            subjectName: summary.name, subjectSHA256: digest, issuer: summary.issuer, token: summary.token,
            sequence: summary.sequence, asOf: summary.asOf, tool: summary.tool, profile: summary.profile,
            stressTable: summary.stressTable, evaluatedAt: summary.evaluatedAt, eligible: summary.eligible,
            group: summary.group, blocking: summary.blocking, coverage: summary.coverage,
            stressedCoverage: summary.stressedCoverage, findingsCount: summary.findings.count,
            findingsSHA256: hasher.sha256(summary.canonicalFindings).hex, ledger: ledger, checkpoint: checkpoint,
            review: review, signedAt: signedAt.description)
        runtime = summary.runtime
    }

    // MARK: Writing

    /// The in-toto Statement.
    public var statement: JSONValue {
        var predicate = JSONObject()
        predicate["tool"] = .string(tool)
        if let runtime { predicate["runtime"] = runtime.json }
        predicate["attestation"] = [
            "issuer": .string(issuer), "token": .string(token), "sequence": .int(sequence), "asOf": .string(asOf),
        ]
        predicate["profile"] = .string(profile)
        predicate["stressTable"] = stressTable.map(JSONValue.string) ?? .null
        predicate["evaluatedAt"] = .string(evaluatedAt)
        predicate["verdict"] = [
            "eligible": .bool(eligible), "group": .string(group), "blocking": .strings(blocking.map(\.rawValue)),
        ]
        predicate["coverage"] = coverage.map(JSONValue.string) ?? .null
        predicate["stressedCoverage"] = stressedCoverage.map(JSONValue.string) ?? .null
        predicate["findings"] = ["count": .int(findingsCount), "sha256": .string(findingsSHA256)]
        if let ledger {
            var o = JSONObject()
            if let path = ledger.path { o["path"] = .string(path) }
            o["evaluation"] = .number(String(ledger.evaluation))
            o["rowHash"] = .string(ledger.rowHash)
            o["head"] = ["evaluations": .int(ledger.headEvaluations), "hash": .string(ledger.headHash)]
            predicate["ledger"] = .object(o)
        }
        if let checkpoint {
            predicate["checkpoint"] = [
                "evaluations": .int(checkpoint.evaluations), "headHash": .string(checkpoint.headHash),
                "time": .string(checkpoint.time), "envelopeSha256": .string(checkpoint.envelopeSHA256),
            ]
        }
        if let review {
            var o = JSONObject()
            o["reviewer"] = .string(review.reviewer)
            if let override = review.override {
                o["override"] = ["decision": .string(override), "reason": .string(review.reason ?? "")]
            }
            predicate["review"] = .object(o)
        }
        predicate["signedAt"] = .string(signedAt)
        return [
            "_type": .string(Self.statementType),
            "subject": [["name": .string(subjectName), "digest": ["sha256": .string(subjectSHA256)]]],
            "predicateType": .string(Self.predicateType),
            "predicate": .object(predicate),
        ]
    }

    /// Canonical JSON (sorted keys, compact, final newline).
    public var payload: [UInt8] { Array((JSONWriter.write(statement, pretty: false) + "\n").utf8) }

    /// The message a DSSE signature over this record covers.
    public var signingInput: [UInt8] { EnvelopeReader.pae(payloadType: Self.payloadType, payload: payload) }

    /// The signed envelope.
    public func envelope(keyID: String, signature: [UInt8]) -> [UInt8] {
        EnvelopeWriter.dsse(
            payload: payload, signatures: [.init(keyID: keyID, signature: signature)],
            payloadType: Self.payloadType)
    }

    // MARK: Reading

    /// Opens a record envelope and checks its signature with the verifier's public key.
    ///
    /// - Throws: E054 when the envelope is malformed, its payload type is not in-toto's, no
    ///   signature verifies with `key`, or the statement is not a verification record; E040 for
    ///   a library failure.
    public static func open(
        _ bytes: [UInt8], key: any VerificationKey,
        algorithms: [SignatureAlgorithm]
    ) throws(VerifierError) -> VerificationRecord {
        let payload = try SignedStatement.open(
            bytes, payloadType: payloadType, maxBytes: 256 * 1024, key: key,
            algorithms: algorithms
        ) { VerifierError(.invalidRecord, "verification record: \($0)") }
        return try decode(payload)
    }

    /// Decodes a record's statement strictly: every field this version writes, nothing else.
    public static func decode(_ payload: [UInt8]) throws(VerifierError) -> VerificationRecord {
        try RecordReader().decode(payload)
    }
}

/// The strict reader behind ``VerificationRecord/decode(_:)``: each error names the JSON path.
private struct RecordReader {
    func bad(_ path: String, _ message: String) -> VerifierError {
        VerifierError(.invalidRecord, "verification record: \(path): \(message)")
    }

    func object(
        _ value: JSONValue?, _ path: String, required: Set<String>, optional: Set<String> = []
    ) throws(VerifierError)
        -> JSONObject
    {
        guard case .object(let o)? = value else { throw bad(path, "must be an object") }
        for key in o.keys where !required.contains(key) && !optional.contains(key) {
            throw bad(path, "unknown field \(quotedForMessage(key))")
        }
        for key in required.sorted() where o[key] == nil { throw bad(path, "missing field \"\(key)\"") }
        return o
    }

    func string(_ o: JSONObject, _ key: String, _ path: String) throws(VerifierError) -> String {
        guard case .string(let s)? = o[key] else { throw bad("\(path).\(key)", "must be a string") }
        return s
    }

    func optionalString(_ o: JSONObject, _ key: String, _ path: String) throws(VerifierError) -> String? {
        switch o[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw bad("\(path).\(key)", "must be a string or null")
        }
    }

    func integer(_ o: JSONObject, _ key: String, _ path: String) throws(VerifierError) -> Int64 {
        guard case .number(let n)? = o[key], let value = Int64(n), value >= 0 else {
            throw bad("\(path).\(key)", "must be a non-negative integer")
        }
        return value
    }

    func hex(_ o: JSONObject, _ key: String, _ path: String) throws(VerifierError) -> String {
        let s = try string(o, key, path)
        guard s.utf8.count == 64, s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw bad("\(path).\(key)", "must be 64 lowercase hex digits")
        }
        return s
    }

    func time(_ o: JSONObject, _ key: String, _ path: String) throws(VerifierError) -> String {
        let s = try string(o, key, path)
        guard Timestamp.parse(s) != nil else { throw bad("\(path).\(key)", "must be an RFC 3339 UTC time") }
        return s
    }

    func decode(_ payload: [UInt8]) throws(VerifierError) -> VerificationRecord {
        let parsed: JSONValue
        do {
            parsed = try JSONParser().parse(payload)
        } catch {
            throw bad("payload", "not strict JSON: \(error.message)")
        }
        let root = try object(parsed, "$", required: ["_type", "subject", "predicateType", "predicate"])
        guard try string(root, "_type", "$") == VerificationRecord.statementType else {
            throw bad("$._type", "must be \"\(VerificationRecord.statementType)\"")
        }
        guard try string(root, "predicateType", "$") == VerificationRecord.predicateType else {
            throw bad("$.predicateType", "must be \"\(VerificationRecord.predicateType)\"")
        }
        guard case .array(let subjects)? = root["subject"], subjects.count == 1 else {
            throw bad("$.subject", "must hold exactly one subject (the attestation)")
        }
        let subject = try object(subjects[0], "$.subject[0]", required: ["name", "digest"])
        let digest = try object(subject["digest"], "$.subject[0].digest", required: ["sha256"])
        let p = "$.predicate"
        let predicate = try object(
            root["predicate"], p,
            required: [
                "tool", "attestation", "profile", "stressTable", "evaluatedAt", "verdict", "coverage",
                "stressedCoverage",
                "findings", "signedAt",
            ],
            optional: ["ledger", "checkpoint", "review", "runtime"])
        let attestation = try object(
            predicate["attestation"], "\(p).attestation", required: ["issuer", "token", "sequence", "asOf"])
        let verdict = try object(predicate["verdict"], "\(p).verdict", required: ["eligible", "group", "blocking"])
        guard case .bool(let eligible)? = verdict["eligible"] else {
            throw bad("\(p).verdict.eligible", "must be a boolean")
        }
        guard case .array(let blockingList)? = verdict["blocking"] else {
            throw bad("\(p).verdict.blocking", "must be a list")
        }
        var blocking: [RuleID] = []
        for item in blockingList {
            guard case .string(let id) = item else {
                throw bad("\(p).verdict.blocking", "must list rule ids (strings)")
            }
            guard let rule = RuleID(rawValue: id) else {
                throw bad("\(p).verdict.blocking", "names the rule \"\(id)\", which this version does not know")
            }
            blocking.append(rule)
        }
        let findings = try object(predicate["findings"], "\(p).findings", required: ["count", "sha256"])
        var ledger: VerificationRecord.LedgerPosition?
        if predicate["ledger"] != nil {
            let l = try object(
                predicate["ledger"], "\(p).ledger", required: ["evaluation", "rowHash", "head"], optional: ["path"])
            let head = try object(l["head"], "\(p).ledger.head", required: ["evaluations", "hash"])
            ledger = .init(
                path: try optionalString(l, "path", "\(p).ledger"),
                evaluation: try integer(l, "evaluation", "\(p).ledger"),
                rowHash: try hex(l, "rowHash", "\(p).ledger"),
                headEvaluations: Int(try integer(head, "evaluations", "\(p).ledger.head")),
                headHash: try hex(head, "hash", "\(p).ledger.head"))
        }
        var checkpoint: VerificationRecord.CheckpointReference?
        if predicate["checkpoint"] != nil {
            let c = try object(
                predicate["checkpoint"], "\(p).checkpoint",
                required: ["evaluations", "headHash", "time", "envelopeSha256"])
            checkpoint = .init(
                evaluations: Int(try integer(c, "evaluations", "\(p).checkpoint")),
                headHash: try hex(c, "headHash", "\(p).checkpoint"), time: try time(c, "time", "\(p).checkpoint"),
                envelopeSHA256: try hex(c, "envelopeSha256", "\(p).checkpoint"))
        }
        var review: VerificationRecord.Review?
        if predicate["review"] != nil {
            let r = try object(predicate["review"], "\(p).review", required: ["reviewer"], optional: ["override"])
            var override: String?
            var reason: String?
            if r["override"] != nil {
                let o = try object(r["override"], "\(p).review.override", required: ["decision", "reason"])
                override = try string(o, "decision", "\(p).review.override")
                reason = try string(o, "reason", "\(p).review.override")
            }
            review = .init(reviewer: try string(r, "reviewer", "\(p).review"), override: override, reason: reason)
        }
        var runtime: Runtime?
        if predicate["runtime"] != nil {
            let r = try object(predicate["runtime"], "\(p).runtime", required: ["openssl", "sqlite"])
            runtime = Runtime(
                openssl: try string(r, "openssl", "\(p).runtime"), sqlite: try string(r, "sqlite", "\(p).runtime"))
        }
        var record = VerificationRecord(
            subjectName: try string(subject, "name", "$.subject[0]"),
            subjectSHA256: try hex(digest, "sha256", "$.subject[0].digest"),
            issuer: try string(attestation, "issuer", "\(p).attestation"),
            token: try string(attestation, "token", "\(p).attestation"),
            sequence: Int(try integer(attestation, "sequence", "\(p).attestation")),
            asOf: try time(attestation, "asOf", "\(p).attestation"), tool: try string(predicate, "tool", p),
            profile: try string(predicate, "profile", p), stressTable: try optionalString(predicate, "stressTable", p),
            evaluatedAt: try time(predicate, "evaluatedAt", p), eligible: eligible,
            group: try string(verdict, "group", "\(p).verdict"),
            blocking: blocking, coverage: try optionalString(predicate, "coverage", p),
            stressedCoverage: try optionalString(predicate, "stressedCoverage", p),
            findingsCount: Int(try integer(findings, "count", "\(p).findings")),
            findingsSHA256: try hex(findings, "sha256", "\(p).findings"), ledger: ledger, checkpoint: checkpoint,
            review: review,
            signedAt: try time(predicate, "signedAt", p))
        record.runtime = runtime
        return record
    }
}
