import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@testable import ReserveStore

/// Issue 13, part 3: chain version 4 stores an evaluation's hashed content as one compact record
/// on its row. These tests pin the encoding, the index rows, the checks that reads and `ledger
/// verify` make against the record, and the batch's atomicity.
@Suite struct CompactRecordTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws {
        coin = try CoinFactory()
    }

    /// kizuna-yen 12, 13 and an equivocating twin of 13 (``CoinFactory/twinLedger(in:at:)``).
    func ledger(_ dir: TemporaryDirectory) throws -> (Ledger, String) {
        try coin.twinLedger(in: dir, at: nov5)
    }

    @Test func theRecordRoundTripsAndRefusesTruncatedOrTrailingBytes() throws {
        let record = CompactRecord(
            header: .init(
                kind: "verify", profile: "bcbs-sco60-1b@1", toolVersion: "t", evaluatedAt: "2026-11-05T00:00:00Z",
                eligible: true, group: "1b", blocking: "[]", coverage: "1.05", stressedCoverage: nil,
                freshnessDays: -3, issuer: "i", token: "T", sequence: 2_147_483_647, asOf: "2026-11-01T00:00:00Z",
                attestationRef: 1 << 40, openssl: "OpenSSL 3", sqlite: nil),
            attestation: .init(
                digest: "sha256:ab", attestationId: "é-1", issuedAt: "x", envelopeKind: "dsse", envelopeSHA256: "00",
                detachedSignatureSHA256: nil, source: "s", receivedAt: "r", trusted: true, accepted: false,
                timestampTokenSHA256: "11"),
            signatures: [
                .init(
                    position: 0, keyID: "k", role: nil, algorithm: "ed25519", status: "valid", reason: "",
                    duplicate: false)
            ],
            withdrawals: [.init(kind: "correction", reason: "typo", recordedAt: "t", statementSHA256: "22")],
            findings: [
                .init(
                    rule: "STALE", status: "fail", message: "m", basis: "b", gating: true, evidence: .text("{\"a\":1}"))
            ])
        for format in CompactRecord.formats {
            var record = record
            record.format = format
            let bytes = record.encoded()
            #expect(bytes.first == format)
            #expect(CompactRecord.decode(bytes) == record)
            #expect(CompactRecord.decode(bytes)?.format == format)
            // A format-6 row stores the head and the body's SHA-256 (`encoded()` is both joined).
            let head = format >= CompactRecord.narrowFormat ? record.stored(hasher: OpenSSLProvider()).record : bytes
            #expect(CompactRecord.decodeHead(head)?.0 == record.header)
            #expect(CompactRecord.decodeHead(head)?.2 == record.withdrawals)
            #expect(CompactRecord.decode(Array(bytes.dropLast())) == nil)
            #expect(CompactRecord.decode(bytes + [0]) == nil)
            #expect(record.encoded() == bytes, "deterministic")
        }
        #expect(CompactRecord.formatByte == 6)
        var unknown = record.encoded()
        unknown[0] = 7
        #expect(CompactRecord.decode(unknown) == nil)
        #expect(CompactRecord.decodeHead(unknown) == nil)
    }

    /// A string is its UTF-8 length (a varint) then its bytes, whatever its storage: small or
    /// large, ASCII or not, made from a slice; a read that runs past the end is refused.
    @Test func aStringIsItsLengthThenItsUTF8Bytes() throws {
        let long = String(repeating: "reserve line é€ 😀 ", count: 20)
        let texts = ["", "a", "é", "€😀", long, String(long.dropFirst(3)), String(long.utf8.count)]
        for text in texts {
            var w = CompactRecord.Writer()
            w.string(text)
            var length = CompactRecord.Writer()
            length.varint(UInt64(text.utf8.count))
            #expect(w.bytes == length.bytes + Array(text.utf8))
            var r = CompactRecord.Reader(bytes: w.bytes)
            #expect(try r.string() == text)
            #expect(r.offset == w.bytes.count)
            if !text.isEmpty {
                var short = CompactRecord.Reader(bytes: Array(w.bytes.dropLast()))
                #expect(throws: CompactRecord.Malformed.self) { try short.string() }
            }
        }
    }

    // MARK: Format 5: the evidence as compact values

    /// Evidence with every kind of JSON value, keys out of order, repeated strings and numbers.
    static let evidence: JSONObject = [
        "zeta": .string("pass"), "alpha": .number("1000000.000001"), "nested": .object(["b": .null, "a": .bool(true)]),
        "lines": .array([
            .object(["amount": .number("5"), "kind": .string("deposit"), "ok": .bool(false)]),
            .object(["amount": .number("5"), "kind": .string("T-bill é \"q\"\n"), "ok": .bool(true)]),
            .array([]), .object(JSONObject()),
        ]),
        "empty": .string(""), "pass": .string("pass"),
    ]

    @Test func formatFiveEvidenceReadsBackAsTheSameJSONAndKeepsEachStringOnce() throws {
        let findings = (0..<3).map {
            CompactRecord.FindingEntry(
                rule: "R\($0)", status: "pass", message: "m", basis: "computed", gating: true,
                evidence: .object(Self.evidence))
        }
        let record = CompactRecord.fixture(entries: findings)
        let bytes = record.encoded()
        let decoded = try #require(CompactRecord.decode(bytes))
        let json = JSONWriter.write(.object(Self.evidence), pretty: false)
        #expect(decoded.findings.map(\.evidence.text) == [json, json, json])
        #expect(decoded.findings.map(\.row) == findings.map(\.row))
        // Keys are written in the JSON writer's order: the same members in another order encode alike.
        var reordered = JSONObject()
        for entry in Self.evidence.entries.reversed() { reordered[entry.key] = entry.value }
        var other = record
        other.findings = findings.map {
            var f = $0
            f.evidence = .object(reordered)
            return f
        }
        #expect(other.encoded() == bytes)
        // Each distinct string once: three findings' evidence take little more room than one's.
        let one = CompactRecord.fixture(entries: [findings[0]]).encoded().count
        #expect((bytes.count - one) / 2 < json.utf8.count / 2, "\(bytes.count) bytes for three, \(one) for one")
        // JSON text (format 4, or a test's literal) is encoded from its object.
        var fromText = record
        fromText.findings = findings.map {
            var f = $0
            f.evidence = .text(json)
            return f
        }
        #expect(fromText.encoded() == bytes)
    }

    /// "Café" precomposed (U+00E9) and decomposed (e + U+0301) are equal as Swift strings but are
    /// different text: each reads back with its own bytes, from the JSON object and from typed evidence.
    @Test func canonicallyEqualTextsOfDifferentBytesReadBackWithTheirOwnBytes() throws {
        let composed = "Caf\u{E9}"
        let decomposed = "Cafe\u{301}"
        #expect(composed == decomposed, "Swift's String equality is canonical equivalence: why the table keys bytes")
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let evidence: JSONObject = ["a": .string(composed), "b": .string(decomposed), "c": .string(composed)]
        let entry = CompactRecord.FindingEntry(
            rule: "R", status: "pass", message: "m", basis: "computed", gating: true, evidence: .object(evidence))
        let decoded = try #require(CompactRecord.decode(CompactRecord.fixture(entries: [entry]).encoded()))
        let json = JSONWriter.write(.object(evidence), pretty: false)
        #expect(decoded.findings.map { Array($0.evidence.text.utf8) } == [Array(json.utf8)])

        var encoder = EvidenceCoding.Encoder()
        encoder.value(evidence)
        #expect(encoder.table.map { Array($0.utf8) } == ["a", composed, "b", decomposed, "c"].map { Array($0.utf8) })
    }

    @Test func formatFiveEvidenceRefusesKeysOutOfOrderBadIndexesUnknownTagsAndDeepNesting() throws {
        func decodes(_ body: [UInt8], table: [String]) -> JSONValue? {
            var r = CompactRecord.Reader(bytes: body)
            return try? EvidenceCoding.value(&r, table: table, depth: 0)
        }
        // {"a": "b"} with table ["a", "b"]: object, 1 member, key 0, string 1.
        #expect(decodes([6, 1, 0, 4, 1], table: ["a", "b"]) == .object(["a": .string("b")]))
        #expect(decodes([6, 2, 0, 3, 1, 1, 1], table: ["a", "b"]) == .object(["a": .number("b"), "b": .bool(false)]))
        #expect(decodes([6, 2, 1, 0, 0, 0], table: ["a", "b"]) == nil, "keys out of order")
        #expect(decodes([6, 2, 0, 0, 0, 0], table: ["a", "b"]) == nil, "a key twice")
        #expect(decodes([4, 2], table: ["a", "b"]) == nil, "an index outside the table")
        #expect(decodes([7], table: []) == nil, "an unknown tag")
        #expect(decodes([5, 2, 0], table: []) == nil, "fewer elements than counted")
        let deep: [UInt8] = Array([[UInt8]](repeating: [5, 1], count: 200).joined()) + [0]
        #expect(decodes(deep, table: []) == nil, "nesting deeper than the limit")
        let shallow: [UInt8] = Array([[UInt8]](repeating: [5, 1], count: 10).joined()) + [0]
        #expect(decodes(shallow, table: []) != nil)
    }

    @Test func newRowsAreVersion6WithTheirFailedFindingsAsIndexRowsOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try ledger(dir)
        #expect(try sqlite3(path, "SELECT DISTINCT chain_version FROM evaluation") == "6")
        #expect(try sqlite3(path, "SELECT DISTINCT hex(substr(record, 1, 1)) FROM evaluation") == "06")
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation WHERE record IS NULL") == "0")
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE status != 'fail'") == "0")
        #expect(
            try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref = 3 AND rule = 'EQUIVOCATION'") == "1")
        // Every finding is read back from the record, in order, as evaluated.
        let stored = try #require(try ledger.evaluation(id: 3))
        let fails = stored.summary.findings.filter { $0.status == "fail" }.count
        #expect(stored.summary.findings.count > fails)
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref = 3") == "\(fails)")
        #expect(try ledger.status().first?.equivocations == 1)
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
    }

    @Test func theRecordedFindingsReadBackAsEvaluated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let input = try coin.input(try coin.envelope(sequence: 12), at: nov5)
        let outcome = try ledger.record(input)
        let stored = try #require(try ledger.evaluation(id: 1))
        let expected = EvaluationSummary(input.item.verified, outcome.evaluation, tool: "test", evaluatedAt: nov5)
            .findings
        func text(_ findings: [FindingRecord]) -> [String] {
            findings.map {
                [
                    $0.rule, $0.status, $0.message, $0.basis, "\($0.gating)",
                    JSONWriter.write(.object($0.evidence), pretty: false),
                ]
                .joined(separator: "|")
            }
        }
        #expect(expected.count > 20)
        #expect(text(stored.summary.findings) == text(expected))
    }

    // MARK: Tampering: each edit is found by `ledger verify` and by the reads that report the row

    @Test(arguments: [
        // The record itself (its last byte: in chain version 6 the last byte of the body's SHA-256).
        "UPDATE evaluation SET record = substr(record, 1, length(record) - 1) || x'20' WHERE id = 3",
        // A column copied from the record (header).
        "UPDATE evaluation SET eligible = 1 - eligible WHERE id = 3",
        "UPDATE evaluation SET coverage = '9.99' WHERE id = 3",
        "UPDATE attestation SET accepted = 1 - accepted WHERE id = 3",
        // The chain version, against the record's format byte.
        "UPDATE evaluation SET chain_version = 4 WHERE id = 3",
        // Another row's record, with a hash of its own.
        "UPDATE evaluation SET record = (SELECT record FROM evaluation WHERE id = 2), row_hash = (SELECT row_hash "
            + "FROM evaluation WHERE id = 2) || 'x' WHERE id = 3",
    ])
    func anEditOfTheRecordOrItsHeaderColumnsIsFound(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try ledger(dir)
        _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; DROP TRIGGER attestation_no_update; " + edit)
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try reopened.verifyChain().broken?.id == 3, "\(edit)")
        let error = #expect(throws: VerifierError.self, "\(edit)") {
            try reopened.history(issuer: "kizuna-yen", token: nil)
        }
        #expect(error?.code == .ledgerDamaged)
        #expect(
            error?.message
                == "\(path) is damaged: evaluation 3 no longer matches its hash (the row, its findings or its "
                + "attestation were edited); run `reserve-verifier ledger verify`",
            "\(String(describing: error?.message))")
    }

    @Test func aRowRelabelledToAnOlderChainVersionIsADowngrade() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try ledger(dir)
        _ = try sqlite3(path, "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET chain_version = 1 WHERE id = 3")
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let version = ChainRow.currentVersion
        #expect(
            try reopened.verifyChain()
                == ChainReport(
                    rows: 3, broken: (3, "its chain version 1 is older than the row before it (\(version))")))
    }

    @Test(arguments: [
        "DELETE FROM finding WHERE evaluation_ref = 3 AND rule = 'EQUIVOCATION'",
        "UPDATE finding SET message = 'nothing to see' WHERE evaluation_ref = 3",
        """
        INSERT INTO finding (evaluation_ref, position, rule, status, message, basis, gating, evidence)
        VALUES (2, 0, 'EQUIVOCATION', 'fail', 'forged', 'x', 1, '{}')
        """,
        "UPDATE signature_check SET status = 'invalid' WHERE attestation_ref = 3",
    ])
    func anEditOfTheIndexRowsOrSignatureChecksIsFoundByLedgerVerifyAndRecordReads(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try ledger(dir)
        _ = try sqlite3(
            path,
            "DROP TRIGGER finding_no_update; DROP TRIGGER finding_no_delete; DROP TRIGGER signature_check_no_update; "
                + edit)
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let broken = try reopened.verifyChain().broken?.id
        #expect(broken == 2 || broken == 3, "\(edit)")
        let id = Int64(broken ?? 3)
        let error = #expect(throws: VerifierError.self, "\(edit)") { try reopened.evaluation(id: id) }
        #expect(error?.code == .ledgerDamaged)
    }

    /// For the issuer's history and the coin's (whose query reads the coin's withdrawals once).
    @Test(arguments: [nil, "KZJPY"] as [String?])
    func aWithdrawalInsertedOutsideTheToolIsFoundByHistory(token: String?) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try ledger(dir)
        #expect(try ledger.history(issuer: "kizuna-yen", token: token).last?.accepted == false)
        #expect(try ledger.history(issuer: "kizuna-yen", token: token)[1].accepted == true)
        // Withdraw attestation 2 (the head) by a row that names evaluation 2: its record lists none.
        _ = try sqlite3(
            path,
            """
            INSERT INTO withdrawal (attestation_ref, evaluation_ref, kind, reason, recorded_at)
            VALUES (2, 2, 'correction', 'forged', '2026-11-05T00:00:00Z')
            """)
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let error = #expect(throws: VerifierError.self) { try reopened.history(issuer: "kizuna-yen", token: token) }
        #expect(error?.code == .ledgerDamaged)
        #expect(try reopened.verifyChain().broken?.id == 2)
    }

    // MARK: Batches

    @Test func aFailureMidBatchLeavesNothingOfTheBatch() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 11), at: nov5))
        // The storage fails on the third item of the batch.
        _ = try sqlite3(
            path,
            "CREATE TRIGGER boom BEFORE INSERT ON attestation WHEN NEW.sequence = 14 BEGIN SELECT RAISE(ABORT, "
                + "'boom'); END;"
        )
        let inputs = try [12, 13, 14, 15].map { try coin.input(try coin.envelope(sequence: $0), at: nov5) }
        let error = #expect(throws: VerifierError.self) {
            try ledger.record(batch: inputs.map(\.item)) { i, history in
                inputs[i].evaluator.evaluate(inputs[i].item.verified, history: history, at: nov5)
            }
        }
        #expect(error?.code == .storage)
        for (table, column) in [("attestation", "id"), ("evaluation", "id"), ("signature_check", "attestation_ref")] {
            #expect(try sqlite3(path, "SELECT count(*) FROM \(table) WHERE \(column) > 1") == "0", "\(table)")
        }
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref > 1") == "0")
        _ = try sqlite3(path, "DROP TRIGGER boom")
        let outcomes = try ledger.record(batch: inputs.map(\.item)) { i, history in
            inputs[i].evaluator.evaluate(inputs[i].item.verified, history: history, at: nov5)
        }
        #expect(outcomes.map(\.recorded) == [true, true, true, true])
        #expect(try ledger.verifyChain() == ChainReport(rows: 5, broken: nil))
    }

    // MARK: Migration from a v5 ledger

    /// `Fixtures/ledger-v5.sql`: the `.dump` of a ledger written by the version before chain
    /// version 4 (schema v5, two chain-version-3 evaluations of kizuna-yen), and the `history
    /// --format json` that version printed for it.
    @Test func aV5LedgerMigratesKeepsItsRowsAsTheyAreAndChainsNewRowsOnThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("v5.sqlite")
        let fixtures = packageRoot.appendingPathComponent("Tests/ReserveStoreTests/Fixtures")
        _ = try sqlite3(path, ".read '\(fixtures.appendingPathComponent("ledger-v5.sql").path)'")
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "3,3")
        let readOnly = #expect(throws: VerifierError.self) {
            try Ledger.openForReading(path: path, hasher: OpenSSLProvider())
        }
        #expect(readOnly?.code == .incompatibleDatabase)

        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain() == ChainReport(rows: 2, broken: nil))
        let history = try VerifierBinary.run(["history", "kizuna-yen", "--db", path, "--format", "json"], in: dir.url)
        let expected = try Data(contentsOf: fixtures.appendingPathComponent("ledger-v5-history.json"))
        #expect(history.status == 0)
        #expect(history.stdout == [UInt8](expected), "history reads the old rows as the old version did")

        let findings = try sqlite3(path, "SELECT count(*) FROM finding")
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5))
        #expect(
            try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "3,3,\(ChainRow.currentVersion)")
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation WHERE record IS NOT NULL") == "1")
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref <= 2") == findings)
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).count == 3)

        // The old rows are still checked as version 3 rows: an edit of a finding is found.
        _ = try sqlite3(
            path, "DROP TRIGGER finding_no_update; UPDATE finding SET message = 'x' WHERE evaluation_ref = 1")
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try reopened.verifyChain().broken?.id == 1)
        let error = #expect(throws: VerifierError.self) { try reopened.history(issuer: "kizuna-yen", token: nil) }
        #expect(
            error?.message
                == "\(path) is damaged: evaluation 1 no longer matches its hash (the row, its findings or its "
                + "attestation were edited); run `reserve-verifier ledger verify`")
    }

    // MARK: Migration from a v6 ledger (chain version 4 rows)

    /// `Fixtures/ledger-v6.sql`: the `.dump` of a ledger written by the version before chain
    /// version 5 (schema v6, two chain-version-4 evaluations of kizuna-yen, whose records hold
    /// the evidence as JSON text), and the `history --format json` that version printed for it.
    @Test func aV6LedgerMigratesKeepsItsVersion4RowsReadableAndChainsVersion5RowsOnThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("v6.sqlite")
        let fixtures = packageRoot.appendingPathComponent("Tests/ReserveStoreTests/Fixtures")
        _ = try sqlite3(path, ".read '\(fixtures.appendingPathComponent("ledger-v6.sql").path)'")
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "4,4")
        #expect(try sqlite3(path, "SELECT group_concat(hex(substr(record, 1, 1))) FROM evaluation") == "04,04")

        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain() == ChainReport(rows: 2, broken: nil))
        let history = try VerifierBinary.run(["history", "kizuna-yen", "--db", path, "--format", "json"], in: dir.url)
        let expected = try Data(contentsOf: fixtures.appendingPathComponent("ledger-v6-history.json"))
        #expect(history.status == 0)
        #expect(history.stdout == [UInt8](expected), "history reads the version-4 rows as the old version did")
        // A version-4 row's findings (evidence as JSON text) read back in full.
        let old = try #require(try ledger.evaluation(id: 1))
        #expect(old.summary.findings.count > 20)
        #expect(old.summary.findings.contains { !$0.evidence.entries.isEmpty })

        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5))
        #expect(try sqlite3(path, "SELECT group_concat(chain_version) FROM evaluation") == "4,4,6")
        #expect(try sqlite3(path, "SELECT hex(substr(record, 1, 1)) FROM evaluation WHERE id = 3") == "06")
        #expect(try ledger.verifyChain() == ChainReport(rows: 3, broken: nil))
        #expect(try ledger.history(issuer: "kizuna-yen", token: nil).count == 3)
        // The new row's record is smaller than the old rows' (the same rules' evidence, each string once).
        let sizes = try sqlite3(path, "SELECT group_concat(length(record)) FROM evaluation")
            .split(separator: ",").compactMap { Int($0) }
        #expect(sizes.count == 3 && sizes[2] < sizes[0], "\(sizes)")

        // The old rows are still checked as version-4 rows: an edit of one's record is found.
        _ = try sqlite3(
            path,
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET record = substr(record, 1, length(record) - 1) "
                + "|| x'20' WHERE id = 1"
        )
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try reopened.verifyChain().broken?.id == 1)
        let error = #expect(throws: VerifierError.self) { try reopened.history(issuer: "kizuna-yen", token: nil) }
        #expect(
            error?.message
                == "\(path) is damaged: evaluation 1 no longer matches its hash (the row, its findings or its "
                + "attestation were edited); run `reserve-verifier ledger verify`")
    }
}
