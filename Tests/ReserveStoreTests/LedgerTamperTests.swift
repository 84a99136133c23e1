import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@testable import ReserveStore

/// Someone with a `sqlite3` shell edits the rows a decision or a report reads. Each read either
/// proves the row it relies on or refuses it with E052 (`ledger-damaged`); none stops the
/// process, and none believes an edited column (docs/THREAT-MODEL.md).
@Suite struct LedgerTamperTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant
    let triggers =
        "DROP TRIGGER attestation_no_update; DROP TRIGGER evaluation_no_update; DROP TRIGGER finding_no_update; "

    init() throws {
        coin = try CoinFactory()
    }

    /// kizuna-yen 12 and 13: evaluations and attestations 1 and 2.
    func twoRows(_ dir: TemporaryDirectory) throws -> (Ledger, String) {
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        _ = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5, ledger: ledger))
        return (ledger, path)
    }

    func next() throws -> TestRecord {
        try coin.input(try coin.envelope(sequence: 14, asOf: "2026-11-02T15:00:00Z"), at: nov5)
    }

    /// A value moved to another storage class, with the same text or digits: a BLOB sequence sorts
    /// above every INTEGER one, and GRDB's typed reads stop the process on a class they cannot
    /// convert. Every read refuses the row instead (`reads`: the edit is in a column `status` and
    /// `history` read; the attestation's columns after its envelope only `status` and the full
    /// check read).
    @Test(arguments: [
        ("UPDATE evaluation SET sequence = CAST(sequence AS BLOB) WHERE id = 2", true),
        ("UPDATE evaluation SET chain_version = 'v5' WHERE id = 2", true),
        ("UPDATE evaluation SET coverage = CAST(coverage AS BLOB) WHERE id = 2", true),
        ("UPDATE evaluation SET blocking = 7 WHERE id = 2", true),
        ("UPDATE evaluation SET record = CAST(record AS TEXT) WHERE id = 2", true),
        ("UPDATE attestation SET sequence = CAST(sequence AS BLOB) WHERE id = 2", true),
        ("UPDATE attestation SET digest = CAST(digest AS BLOB) WHERE id = 2", true),
        ("UPDATE attestation SET received_at = CAST(received_at AS BLOB) WHERE id = 2", false),
    ])
    func aColumnInAnotherStorageClassIsDamageNotACrash(edit: String, reads: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try twoRows(dir)
        _ = try sqlite3(path, triggers + edit)
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain().broken?.id == 2, "\(edit)")
        let recording = #expect(throws: VerifierError.self, "\(edit)") { try ledger.record(try next()) }
        #expect(recording?.code == .ledgerDamaged, "\(edit)")
        if reads {
            for (what, read) in [
                ("status", { _ = try ledger.status() }),
                ("history", { _ = try ledger.history(issuer: "kizuna-yen", token: nil) }),
            ] as [(String, () throws -> Void)] {
                let error = #expect(throws: VerifierError.self, "\(what): \(edit)") { try read() }
                #expect(error?.code == .ledgerDamaged, "\(what): \(edit)")
            }
        }
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "2")
    }

    /// The failed-finding index rows are read by the full check (`ledger verify`, the head check
    /// before recording): one in another storage class is damage there too.
    @Test func aFindingRowInAnotherStorageClassIsDamageNotACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try coin.twinLedger(in: dir, at: nov5)
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref = 3") != "0")
        _ = try sqlite3(
            path, triggers + "UPDATE finding SET position = CAST(position AS BLOB) WHERE evaluation_ref = 3")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain().broken?.id == 3)
        let recording = #expect(throws: VerifierError.self) { try ledger.record(try next()) }
        #expect(recording?.code == .ledgerDamaged)
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "3")
    }

    /// The coin's newest accepted attestation is what the history rules judge against. Edited
    /// when it is no longer the chain's head (so the head check before recording does not read
    /// it), it is still checked against its record before a recording decides on it.
    @Test(arguments: [
        "UPDATE attestation SET as_of = '2026-11-04T15:00:00Z' WHERE id = 2",
        "UPDATE attestation SET digest = substr(digest, 1, 70) || 'x' WHERE id = 2",
    ])
    func theNewestAcceptedAttestationIsCheckedBeforeARecordingDecidesOnIt(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        // A replay of 12 appends evaluation 3 (of attestation 1): the head is no longer attestation 2's row.
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        #expect(
            try sqlite3(path, "SELECT attestation_ref FROM evaluation WHERE id = (SELECT max(id) FROM evaluation)")
                == "1")
        // Untouched, 14 is recorded; on an edited copy it is refused and nothing is written.
        let control = dir.path("control.sqlite")
        _ = try sqlite3(path, "VACUUM INTO '\(control)'")
        #expect(try Ledger.open(path: control, hasher: OpenSSLProvider()).record(try next()).recorded)
        _ = try sqlite3(path, triggers + edit)
        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let error = #expect(throws: VerifierError.self) { try reopened.record(try next()) }
        #expect(error?.code == .ledgerDamaged)
        #expect(error?.message.contains("evaluation 2 no longer matches its hash") == true, "\(error?.message ?? "")")
        // In a batch too: only rows the batch's own transaction wrote are taken as written.
        let batch = try next()
        let batched = #expect(throws: VerifierError.self) {
            try reopened.record(batch: [batch.item]) { _, history in
                batch.evaluator.evaluate(batch.item.verified, history: history, at: nov5)
            }
        }
        #expect(batched?.code == .ledgerDamaged)
        let judged = #expect(throws: VerifierError.self) { try reopened.history(for: try next().item.verified) }
        #expect(judged?.code == .ledgerDamaged)
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "3")
    }

    /// A re-evaluation copies the judged attestation's row (its first sight, trust, acceptance)
    /// into its new record: an edited row is refused before that, so no new hash ever covers an
    /// edit made outside the tool.
    @Test(arguments: [
        "UPDATE attestation SET received_at = '2020-01-01T00:00:00Z' WHERE id = 1",
        "UPDATE attestation SET source = 'elsewhere' WHERE id = 1",
    ])
    func aReevaluationRefusesAnEditedRowInsteadOfCopyingIt(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        _ = try sqlite3(path, triggers + edit)
        try expectReevaluationRefused(ledger, path, "evaluation 1 no longer matches its hash")
    }

    /// A re-evaluation also copies the attestation's signature checks into its new record: an
    /// edited check is refused first (the attestation's newest evaluation is checked in full), so
    /// no new hash covers it either.
    @Test func aReevaluationRefusesAnEditedSignatureCheckInsteadOfCopyingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        _ = try sqlite3(
            path,
            "DROP TRIGGER signature_check_no_update; UPDATE signature_check SET reason = 'edited' WHERE attestation_ref = 1"
        )
        try expectReevaluationRefused(ledger, path, "evaluation 1 no longer matches its hash")
    }

    /// The re-judged attestation's evaluation is not the chain's head, so only `reevaluate`'s own
    /// check reads its body: an edited or missing body (whose signature checks the new record
    /// copies) is refused, though that check decodes no findings.
    @Test(arguments: [
        "DROP TRIGGER evaluation_body_no_update; UPDATE evaluation_body SET body = body || x'00' WHERE evaluation_ref = 1",
        "DROP TRIGGER evaluation_body_no_delete; DELETE FROM evaluation_body WHERE evaluation_ref = 1",
        "DROP TRIGGER evaluation_body_no_update; UPDATE evaluation_body SET body = 'x' WHERE evaluation_ref = 1",
    ])
    func aReevaluationRefusesAnEditedBodyOfTheEvaluationItCopiesFrom(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        _ = try sqlite3(path, edit)
        try expectReevaluationRefused(ledger, path, "evaluation 1 no longer matches its hash")
    }

    /// What `reevaluate`'s check of the re-judged row does not read: the failed-finding index rows
    /// of that row's old evaluation, which a re-evaluation neither copies nor reports. An edit of
    /// them does not stop it (its new record holds its own findings); `ledger verify`, which
    /// checks every table, finds the edit.
    @Test func aReevaluationDoesNotReadTheIndexRowsOfTheFindingsItDoesNotCopy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Evaluated 45 days after its as-of date: stale, so its evaluation has failed findings.
        let late = Timestamp.parse("2026-12-15T00:00:00Z")!  // constant
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: late, ledger: ledger))
        _ = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: late, ledger: ledger))
        #expect(try sqlite3(path, "SELECT count(*) FROM finding WHERE evaluation_ref = 1") != "0")
        _ = try sqlite3(path, triggers + "UPDATE finding SET message = 'edited' WHERE evaluation_ref = 1")
        #expect(try ledger.verifyChain().broken?.id == 1)
        let input = try coin.input(try coin.envelope(sequence: 12), at: late)
        _ = try ledger.reevaluate(
            attestationRef: 1, verified: input.item.verified, evaluatedAt: late, toolVersion: "test"
        ) { history in input.evaluator.evaluate(input.item.verified, history: history, at: late) }
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "3")
        #expect(try ledger.verifyChain().broken?.id == 1)
    }

    /// `reevaluate` judges the envelope bytes stored on the attestation row. Bytes swapped in
    /// outside the tool (another attestation's envelope, or the same payload signed again) are
    /// never judged under the row: what was re-checked must be what the proven row records.
    @Test(arguments: [false, true])
    func aReevaluationRefusesASwappedEnvelope(samePayload: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        let digest = try sqlite3(path, "SELECT digest FROM attestation WHERE id = 1")
        let swapped: [UInt8]
        if samePayload {
            // The same payload signed again: a new signature, so other bytes.
            swapped = try coin.envelope(sequence: 12)
            let hex = swapped.map { String(format: "%02x", $0) }.joined()
            _ = try sqlite3(path, triggers + "UPDATE attestation SET envelope = X'\(hex)' WHERE id = 1")
        } else {
            // Attestation 2's genuine envelope.
            let second = try sqlite3(path, "SELECT digest FROM attestation WHERE id = 2")
            swapped = try #require(try ledger.trustedEnvelope(digest: second)).envelope
            _ = try sqlite3(
                path,
                triggers
                    + "UPDATE attestation SET envelope = (SELECT envelope FROM attestation WHERE id = 2) WHERE id = 1")
        }
        let stored = try #require(try ledger.trustedEnvelope(digest: digest))
        #expect(stored.envelope == swapped)
        try expectReevaluationRefused(
            ledger, path,
            samePayload
                ? "attestation row 1: the stored envelope no longer matches its recorded SHA-256"
                : "attestation row 1: the payload re-checked is not the recorded one",
            stored: stored)
    }

    /// Re-evaluates attestation 1 (kizuna-yen 12; with `stored`, the bytes it holds, as the CLI
    /// does) and expects E052 naming `damage`, with nothing appended to the two evaluations.
    func expectReevaluationRefused(
        _ ledger: Ledger, _ path: String, _ damage: String, stored: StoredEnvelope? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let input = try coin.input(try stored?.envelope ?? coin.envelope(sequence: 12), at: nov5)
        let error = #expect(throws: VerifierError.self, sourceLocation: sourceLocation) {
            try ledger.reevaluate(
                attestationRef: 1, verified: input.item.verified, evaluatedAt: nov5, toolVersion: "test",
                stored: stored
            ) { history in input.evaluator.evaluate(input.item.verified, history: history, at: nov5) }
        }
        #expect(error?.code == .ledgerDamaged, sourceLocation: sourceLocation)
        #expect(error?.message.contains(damage) == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
        #expect(try sqlite3(path, "SELECT count(*) FROM evaluation") == "2", sourceLocation: sourceLocation)
    }

    /// The ledger's first sight of an envelope decides which keys were valid when it was signed
    /// (a stolen key's attestation backdated past its revocation). A first sight forged by an
    /// attestation row inserted outside the tool, or by an edited `received_at`, is refused.
    @Test func aForgedFirstSightIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, path) = try twoRows(dir)
        let envelope = try coin.envelope(sequence: 15, asOf: "2026-11-03T15:00:00Z")
        let sha = OpenSSLProvider().sha256(envelope).hex
        #expect(try ledger.firstSeen(envelopeSHA256: [sha]).isEmpty)
        let recorded = try sqlite3(path, "SELECT envelope_sha256 FROM attestation WHERE id = 1")
        #expect(try ledger.firstSeen(envelopeSHA256: [recorded])[recorded] != nil)
        _ = try sqlite3(
            path,
            """
            INSERT INTO attestation (digest, issuer, token, attestation_id, sequence, as_of, issued_at, envelope_kind,
                envelope, envelope_sha256, detached_signature, source, received_at, trusted, accepted)
            SELECT 'sha256:forged', issuer, token, attestation_id, 15, as_of, issued_at, envelope_kind, envelope,
                '\(sha)', NULL, source, '2020-01-01T00:00:00Z', 0, 0 FROM attestation WHERE id = 1;
            """)
        let inserted = #expect(throws: VerifierError.self) { try ledger.firstSeen(envelopeSHA256: [sha]) }
        #expect(inserted?.code == .ledgerDamaged)
        #expect(inserted?.message.contains("attestation row 3 is covered by no evaluation") == true)

        _ = try sqlite3(path, triggers + "UPDATE attestation SET received_at = '2020-01-01T00:00:00Z' WHERE id = 1")
        let edited = #expect(throws: VerifierError.self) { try ledger.firstSeen(envelopeSHA256: [recorded]) }
        #expect(edited?.code == .ledgerDamaged)
    }
}
