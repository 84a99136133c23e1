import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport
import Testing

/// Issue 10: an eligible verdict that cannot be faked. Each test is the regression test of one
/// class of attack, with genuine signatures throughout (no signature is broken).
@Suite struct VerdictIntegrityTests {
    let coin: CoinFactory
    let oct31 = Timestamp.parse("2026-10-31T15:00:00Z")!  // constant
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws {
        coin = try CoinFactory()
    }

    func days(_ n: Int, after t: Timestamp) -> Timestamp { t.adding(seconds: Int64(n) * 86_400) }

    func evaluationCount(_ path: String) throws -> String { try sqlite3(path, "SELECT count(*) FROM evaluation") }

    // MARK: Class 1: a replay is judged by every history rule

    @Test func aReplayOfTheNewestAttestationGoesStaleLikeAnyOther() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let envelope = try coin.envelope(sequence: 12)
        let first = try ledger.record(try coin.input(envelope, at: nov5, ledger: ledger))
        #expect(first.accepted && first.evaluation.verdict.eligible)

        // A year later the same (unchanged, cached) envelope comes back: it is stale, as it is without a ledger.
        let later = days(365, after: nov5)
        let replay = try ledger.record(try coin.input(envelope, at: later, ledger: ledger))
        #expect(!replay.recorded)
        #expect(replay.evaluation.status(.replay) == .warn)
        #expect(replay.evaluation.status(.stale) == .fail)
        #expect(replay.evaluation.verdict.blocking == [.stale])
        let unrecorded = try coin.input(envelope, at: later)
        let alone = unrecorded.evaluator.evaluate(unrecorded.item.verified, history: .unrecorded, at: later)
        #expect(alone.verdict.blocking == [.stale])
        // Every verdict is on record: the replay's evaluation was appended, the attestation was not.
        #expect(try evaluationCount(dir.path("l.sqlite")) == "2")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "1")
        #expect(try ledger.status().first?.eligible == false)
    }

    @Test func aReplayOfAnOlderAttestationIsARollback() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let old = try coin.envelope(sequence: 12)
        _ = try ledger.record(try coin.input(old, at: nov5, ledger: ledger))
        let newer = try ledger.record(
            try coin.input(
                try coin.envelope(sequence: 13, asOf: "2026-11-30T15:00:00Z"), at: days(31, after: nov5),
                ledger: ledger))
        #expect(newer.accepted)

        let replay = try ledger.record(try coin.input(old, at: days(31, after: nov5), ledger: ledger))
        #expect(replay.evaluation.status(.rollback) == .fail)
        #expect(!replay.evaluation.verdict.eligible)
        #expect(try ledger.status().map(\.sequence) == [13])
    }

    @Test func anEquivocationSeenASecondTimeStillBlocksAndTaintsItsTwin() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let original = try coin.envelope(sequence: 12)
        let twin = try coin.envelope(sequence: 12, variant: "v2")
        _ = try ledger.record(try coin.input(original, at: nov5, ledger: ledger))
        #expect(
            try ledger.record(try coin.input(twin, at: nov5, ledger: ledger)).evaluation.status(.equivocation) == .fail)

        let twinAgain = try ledger.record(try coin.input(twin, at: nov5, ledger: ledger))
        #expect(twinAgain.evaluation.status(.equivocation) == .fail)
        #expect(!twinAgain.evaluation.verdict.eligible)
        let originalAgain = try ledger.record(try coin.input(original, at: nov5, ledger: ledger))
        #expect(originalAgain.evaluation.status(.equivocation) == .fail)
        #expect(!originalAgain.evaluation.verdict.eligible)
    }

    @Test func anUntrustedCopyOfTheNewestPayloadNeverBecomesTheCoinsState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let envelope = try coin.envelope(sequence: 12)
        _ = try ledger.record(try coin.input(envelope, at: nov5, ledger: ledger))
        // The same payload with its signatures stripped: an unsigned copy is recorded apart.
        let opened = try EnvelopeWriter.openDSSE(envelope)
        let unsigned = EnvelopeWriter.dsse(payload: opened.payload, signatures: [])
        let copy = try ledger.record(try coin.input(unsigned, at: nov5, ledger: ledger))
        #expect(copy.recorded && !copy.accepted)
        #expect(try ledger.status().first?.eligible == true)
    }

    // MARK: Class 2: one attestation cannot freeze a coin's history

    @Test func aFutureDatedAttestationIsNotAdmittedAndTheNextGenuineOneIs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        let future = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2056-10-31T15:00:00Z"), at: nov5, ledger: ledger))
        #expect(future.recorded && !future.accepted)
        #expect(future.evaluation.status(.attTime) == .fail)

        // The issuer's next attestation is admitted: the future-dated one froze nothing. (A corrected
        // re-issue under the same sequence 13 would be an EQUIVOCATION with the signed typo: the way
        // out is `ledger withdraw`, tested below.)
        let genuine = try ledger.record(
            try coin.input(
                try coin.envelope(sequence: 14, asOf: "2026-11-30T15:00:00Z"),
                at: days(27, after: nov5), ledger: ledger))
        #expect(genuine.accepted)
        #expect(genuine.evaluation.status(.rollback) == .pass)
        let status = try #require(try ledger.status().first)
        #expect(status.sequence == 14)
        #expect(status.asOf == Timestamp.parse("2026-11-30T15:00:00Z"))
    }

    @Test func aHugeSequenceJumpIsRefusedWithItsOwnFindingAndNotAdmitted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        let huge = try ledger.record(
            try coin.input(
                try coin.envelope(sequence: 2_147_483_647, asOf: "2026-11-01T15:00:00Z"),
                at: nov5, ledger: ledger))
        #expect(!huge.accepted)
        #expect(huge.evaluation.status(.sequenceJump) == .fail)
        #expect(huge.evaluation.verdict.blocking == [.sequenceJump])
        #expect(
            huge.evaluation.findings(for: .sequenceJump).first.map { $0.evidence as? CoinHistoryEvidence }??
                .maxSequenceStep == 100)

        let next = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-02T15:00:00Z"), at: nov5, ledger: ledger))
        #expect(next.accepted)
        #expect(next.evaluation.verdict.eligible)
    }

    @Test(arguments: [(5, true), (6, false)])
    func theTrustPolicyBoundsTheSequenceStep(step: Int, admitted: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let strict = try CoinFactory(maxSequenceStep: 5)
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try strict.input(try strict.envelope(sequence: 12), at: nov5, ledger: ledger))
        let outcome = try ledger.record(
            try strict.input(
                try strict.envelope(sequence: 12 + step, asOf: "2026-11-01T15:00:00Z"),
                at: nov5, ledger: ledger))
        #expect(outcome.accepted == admitted)
        #expect(outcome.evaluation.status(.sequenceJump) == (admitted ? .pass : .fail))
    }

    @Test func aSignedCorrectionWithdrawsAPoisonedHeadAndTheCoinRecovers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        // An issuer's typo as the coin's first attestation: nothing to step from, so it is admitted.
        let typo = try coin.envelope(sequence: 1_200, asOf: "2026-10-30T15:00:00Z")
        _ = try ledger.record(try coin.input(typo, at: nov5, ledger: ledger))
        let genuine = try coin.envelope(sequence: 12)
        #expect(
            try ledger.record(try coin.input(genuine, at: nov5, ledger: ledger)).evaluation.status(.rollback) == .fail)

        let stored = try #require(try ledger.acceptedEnvelopes().first)
        let verified = try AttestationVerifier(store: coin.store, provider: OpenSSLProvider())
            .verify(stored.envelope, at: nov5, firstSeen: stored.firstSeen)
        let evaluator = Evaluator(profile: CoinFactory.historyProfile)
        let (evaluation, withdrawn) = try ledger.reevaluate(
            attestationRef: stored.attestationRef, verified: verified, evaluatedAt: nov5, toolVersion: "test",
            correction: Withdrawal(kind: .correction, reason: "sequence typo", statement: Array("signed".utf8))
        ) { evaluator.evaluate(verified, history: $0, at: nov5) }
        #expect(withdrawn)
        #expect(evaluation.status(.rollback) == .fail)
        #expect(try ledger.acceptedEnvelopes().isEmpty)

        // The genuine attestation was refused once: it stays evidence; the issuer's next one is admitted.
        let next = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5, ledger: ledger))
        #expect(next.accepted && next.evaluation.verdict.eligible)
        #expect(try ledger.verifyChain().broken == nil)
    }

    @Test func withdrawingASignedTypoClearsTheEquivocationItCausesForTheCorrectedReissue() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        // A year ahead, inside the keys' window (to 2027-12-31): a signature dated after its key's
        // window is no trusted twin at all (red team, round 2, 2026-12-02), so 2056 would not do.
        let typo = try coin.envelope(sequence: 13, asOf: "2027-10-31T15:00:00Z")
        _ = try ledger.record(try coin.input(typo, at: nov5, ledger: ledger))
        let fixed = try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z")
        #expect(
            try ledger.record(try coin.input(fixed, at: nov5, ledger: ledger)).evaluation.status(.equivocation) == .fail
        )

        let digest = "sha256:" + OpenSSLProvider().sha256(try EnvelopeWriter.openDSSE(typo).payload).hex
        let stored = try #require(try ledger.trustedEnvelope(digest: digest))
        let verified = try AttestationVerifier(store: coin.store, provider: OpenSSLProvider()).verify(
            stored.envelope, at: nov5)
        let evaluator = Evaluator(profile: CoinFactory.historyProfile)
        let (_, withdrawn) = try ledger.reevaluate(
            attestationRef: stored.attestationRef, verified: verified, evaluatedAt: nov5, toolVersion: "test",
            correction: Withdrawal(kind: .correction, reason: "asOf typo")
        ) { evaluator.evaluate(verified, history: $0, at: nov5) }
        #expect(withdrawn)
        #expect(try ledger.trustedEnvelope(digest: digest) == nil)
        // The corrected re-issue was refused once (it stays evidence); the issuer's next one is admitted.
        let next = try ledger.record(
            try coin.input(try coin.envelope(sequence: 14, asOf: "2026-11-02T15:00:00Z"), at: nov5, ledger: ledger))
        #expect(next.accepted)
        #expect(next.evaluation.status(.equivocation) == .pass)
    }

    // MARK: Class 3: keys judged at the earliest proven time; a revocation found later withdraws

    @Test func aRevocationThatPredatesTheFirstSightWithdrawsTheAttestationOnReevaluation() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        #expect(try ledger.status().count == 1)

        // Later the bank learns the keys were stolen and revoked on Nov 1, before the ledger first saw the envelope.
        let revoked = try CoinFactory.store(issuer: "kizuna-yen", revokedAt: "2026-11-01T00:00:00Z")
        let stored = try #require(try ledger.acceptedEnvelopes().first)
        let verified = try AttestationVerifier(store: revoked, provider: OpenSSLProvider())
            .verify(stored.envelope, at: days(10, after: nov5), firstSeen: stored.firstSeen)
        #expect(!verified.isTrusted)
        #expect(verified.signingTime == SigningTimeProof(time: nov5, source: .ledger))
        let evaluator = Evaluator(profile: CoinFactory.historyProfile)
        let (_, withdrawn) = try ledger.reevaluate(
            attestationRef: stored.attestationRef, verified: verified,
            evaluatedAt: days(10, after: nov5), toolVersion: "test"
        ) {
            evaluator.evaluate(verified, history: $0, at: days(10, after: nov5))
        }
        #expect(withdrawn)
        // The history rules now ignore it: no accepted state, and the coin's next attestation is judged without it.
        #expect(try ledger.status().isEmpty)
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT kind FROM withdrawal") == "key-revoked")
        #expect(try ledger.verifyChain().broken == nil)
    }

    @Test func aRevocationAfterTheFirstSightLeavesTheAttestationAccepted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        let envelope = try coin.envelope(sequence: 12)
        _ = try ledger.record(try coin.input(envelope, at: nov5, ledger: ledger))
        let revoked = try CoinFactory.store(issuer: "kizuna-yen", revokedAt: "2026-11-06T00:00:00Z")
        let later = days(3, after: nov5)

        // Recorded: the ledger proves the envelope existed on Nov 5, before the revocation.
        let replay = try ledger.record(try coin.input(envelope, at: later, ledger: ledger, store: revoked))
        #expect(replay.evaluation.status(.sigTrusted) == .pass)
        // Without the ledger nothing earlier than the evaluation is proven: the revoked keys fail.
        let alone = try coin.input(envelope, at: later, store: revoked)
        #expect(alone.item.verified.signatureFinding.status == .fail)
    }

    // MARK: Class 6 and 7: every column a decision reads is hashed; damage is refused where touched

    @Test(arguments: [
        "UPDATE attestation SET accepted = 0 WHERE id = 2",
        "UPDATE attestation SET trusted = 0 WHERE id = 2",
        "UPDATE attestation SET sequence = 99 WHERE id = 2",
        "UPDATE attestation SET as_of = '2026-11-29T15:00:00Z' WHERE id = 2",
        "UPDATE evaluation SET sequence = 99 WHERE id = 2",
        "UPDATE evaluation SET token = 'OTHER' WHERE id = 2",
        "UPDATE signature_check SET status = 'valid', reason = 'x' WHERE attestation_ref = 2",
        "UPDATE evaluation SET attestation_ref = 1 WHERE id = 2",
    ])
    func anEditOfAnyColumnADecisionReadsBreaksTheChain(edit: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        _ = try ledger.record(
            try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5, ledger: ledger))
        #expect(try ledger.verifyChain().broken == nil)
        let dropped =
            "DROP TRIGGER attestation_no_update; DROP TRIGGER evaluation_no_update; DROP TRIGGER "
            + "signature_check_no_update;"
        _ = try sqlite3(path, dropped + edit)

        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        #expect(try reopened.verifyChain().broken?.id == 2, "\(edit)")
    }

    @Test func statusHistoryAndRecordingRefuseARowThatNoLongerMatchesItsHash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        _ = try sqlite3(
            path, "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET coverage = '9.99' WHERE id = 1;")

        let reopened = try Ledger.open(path: path, hasher: OpenSSLProvider())
        for (what, attempt) in [
            ("status", { _ = try reopened.status() }),
            ("history", { _ = try reopened.history(issuer: "kizuna-yen", token: nil) }),
            (
                "record",
                {
                    _ = try reopened.record(
                        try coin.input(try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"), at: nov5))
                }
            ),
        ] as [(String, () throws -> Void)] {
            let error = #expect(throws: VerifierError.self, "\(what)") { try attempt() }
            #expect(error?.code == .ledgerDamaged, "\(what)")
            #expect(
                error?.message
                    == "\(path) is damaged: evaluation 1 no longer matches its hash (the row, its findings or its "
                    + "attestation were edited); run `reserve-verifier ledger verify`",
                "\(what)")
        }
        #expect(try evaluationCount(path) == "1")
    }

    @Test func anAttestationInsertedOutsideTheToolIsFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        _ = try ledger.record(try coin.input(try coin.envelope(sequence: 12), at: nov5, ledger: ledger))
        _ = try sqlite3(
            path,
            """
            INSERT INTO attestation (digest, issuer, token, attestation_id, sequence, as_of, issued_at, envelope_kind, envelope,
                envelope_sha256, detached_signature, source, received_at, trusted, accepted)
            SELECT 'sha256:forged', issuer, token, attestation_id, 50, '2026-11-04T15:00:00Z', issued_at, envelope_kind, envelope,
                envelope_sha256, detached_signature, source, received_at, 1, 1 FROM attestation WHERE id = 1;
            """)
        let report = try Ledger.open(path: path, hasher: OpenSSLProvider()).verifyChain()
        #expect(report.broken?.reason == "attestation row 2 is covered by no evaluation (inserted outside the tool)")
    }

    @Test func aCheckpointDetectsTruncationAndAConsistentRewrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("l.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        for (sequence, asOf) in [
            (12, "2026-10-31T15:00:00Z"), (13, "2026-11-01T15:00:00Z"), (14, "2026-11-02T15:00:00Z"),
        ] {
            _ = try ledger.record(
                try coin.input(try coin.envelope(sequence: sequence, asOf: asOf), at: nov5, ledger: ledger))
        }
        let key = coin.keys[0]
        let head = try ledger.head()
        let checkpoint = Checkpoint(evaluations: head.evaluations, headHash: head.hash, time: nov5, tool: "test")
        let envelope = checkpoint.envelope(
            keyID: key.publicKey.id,
            signature: try key.sign(checkpoint.signingInput, algorithm: key.defaultAlgorithm))
        let opened = try Checkpoint.open(envelope, key: key.publicKey, algorithm: key.defaultAlgorithm)
        #expect(opened == checkpoint)
        #expect(try ledger.check(checkpoint: opened) == nil)

        // Another key's signature is refused.
        let other = coin.keys[1]
        #expect(throws: VerifierError.self) {
            _ = try Checkpoint.open(envelope, key: other.publicKey, algorithm: other.defaultAlgorithm)
        }

        // Truncation: the newest evaluation (and its findings and body) deleted; the chain alone still links.
        // Copies of the ledger with its write-ahead log (the pool is open: the log holds the newest rows).
        func copyLedger(_ name: String) throws -> String {
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: dir.path(name) + suffix)
            }
            return dir.path(name)
        }
        let copy = try copyLedger("truncated.sqlite")
        #expect(try Ledger.open(path: copy, hasher: OpenSSLProvider()).check(checkpoint: opened) == nil)
        _ = try sqlite3(
            copy,
            """
            PRAGMA foreign_keys = OFF; DROP TRIGGER finding_no_delete; DROP TRIGGER evaluation_no_delete;
            DELETE FROM finding WHERE evaluation_ref = 3; DELETE FROM evaluation WHERE id = 3;
            DROP TRIGGER evaluation_body_no_delete; DELETE FROM evaluation_body WHERE evaluation_ref = 3;
            DROP TRIGGER signature_check_no_delete; DROP TRIGGER attestation_no_delete;
            DELETE FROM signature_check WHERE attestation_ref = 3; DELETE FROM attestation WHERE id = 3;
            """)
        let truncated = try Ledger.open(path: copy, hasher: OpenSSLProvider())
        #expect(try truncated.verifyChain().broken == nil)
        let truncation = try truncated.check(checkpoint: opened)
        #expect(truncation == "the checkpoint covers 3 evaluations, the ledger holds 2: rows were removed (truncated)")

        // A consistent rewrite: an evaluation's verdict edited and every hash recomputed by the tamperer.
        let rewritten = try copyLedger("rewritten.sqlite")
        _ = try sqlite3(
            rewritten,
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET row_hash = '\(String(repeating: "ab", count: 32))' WHERE id = 3;"
        )
        #expect(
            try Ledger.open(path: rewritten, hasher: OpenSSLProvider()).check(checkpoint: opened)?.contains("rewritten")
                == true)
    }

    // MARK: The property: recording never makes a verdict weaker

    /// Random interleavings of genuine, replayed, rolled back, equivocating, future-dated and
    /// huge-sequence attestations of one coin, each verified with and without the ledger at the
    /// same time: the recorded verdict is never eligible where `--no-record` says not eligible,
    /// and the coin's accepted head is always the newest attestation that passed admission.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func recordingNeverMakesAVerdictWeaker(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        var random = SplitMix(seed: seed)
        var genuine: [(sequence: Int, envelope: [UInt8])] = []
        var head: (sequence: Int, digest: String)?
        var clock = nov5
        var nextSequence = 12
        for step in 0..<24 {
            clock = clock.adding(seconds: Int64(random.next(upTo: 5)) * 86_400)
            let envelope: [UInt8]
            switch random.next(upTo: 6) {
            case 0, 1:  // the issuer's next genuine attestation
                let asOf = clock.adding(seconds: -3600)
                envelope = try coin.envelope(sequence: nextSequence, asOf: asOf.description)
                genuine.append((nextSequence, envelope))
                nextSequence += 1
            case 2:  // a replay of any earlier genuine attestation
                envelope =
                    genuine.isEmpty
                    ? try coin.envelope(sequence: nextSequence) : genuine[random.next(upTo: genuine.count)].envelope
            case 3:  // an equivocating twin of an earlier sequence
                let sequence = genuine.isEmpty ? 12 : genuine[random.next(upTo: genuine.count)].sequence
                envelope = try coin.envelope(
                    sequence: sequence, asOf: clock.adding(seconds: -7200).description, variant: "twin\(step)")
            case 4:  // future-dated
                envelope = try coin.envelope(
                    sequence: nextSequence, asOf: clock.adding(seconds: 400 * 86_400).description)
            default:  // a huge sequence
                envelope = try coin.envelope(
                    sequence: 2_000_000_000 + step, asOf: clock.adding(seconds: -1800).description)
            }
            let unrecorded = try coin.input(envelope, at: clock)
            let alone = unrecorded.evaluator.evaluate(unrecorded.item.verified, history: .unrecorded, at: clock)
            let outcome = try ledger.record(try coin.input(envelope, at: clock, ledger: ledger))
            if outcome.evaluation.verdict.eligible {
                #expect(
                    alone.verdict.eligible,
                    "seed \(seed) step \(step): recorded eligible, --no-record blocked by \(alone.verdict.blocking)")
            }
            let verified = unrecorded.item.verified
            if outcome.accepted {
                #expect(outcome.evaluation.status(.attTime) == .pass && verified.isTrusted)
                if let previous = head {
                    let step = verified.attestation.sequence - previous.sequence
                    #expect(
                        step > 0 && step <= TrustFile.Policy.defaultMaxSequenceStep,
                        "seed \(seed): admitted a step of \(step)")
                }
                head = (verified.attestation.sequence, verified.digest)
            }
            let status = try ledger.status()
            #expect(
                status.first?.digest == head?.digest,
                "seed \(seed) step \(step): the head is not the newest admitted attestation")
        }
        #expect(try ledger.verifyChain().broken == nil)
    }
}

/// A small deterministic generator for the property test (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }
    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
