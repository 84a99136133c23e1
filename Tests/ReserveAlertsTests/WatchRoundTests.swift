import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore
import TestSupport
import Testing

/// Sources a test fills between rounds: what is served once, then "unchanged" until served again.
final class FakeSources: SourceFetching, @unchecked Sendable {
    private let lock = NSLock()
    private var queued: [String: [FetchedEnvelope]] = [:]
    private var failing: [String: String] = [:]

    func serve(_ url: String, _ bytes: [UInt8]) {
        lock.withLock {
            queued[url, default: []].append(
                FetchedEnvelope(source: url, location: url, bytes: bytes, detachedSignature: nil))
        }
    }

    func fail(_ url: String, _ message: String?) { lock.withLock { failing[url] = message } }

    func fetch(_ source: JobFile.Coin.Source, state: SourceState) async throws(SourceFailure) -> (
        [FetchedEnvelope]?, SourceState
    ) {
        guard case .url(let url) = source else { throw SourceFailure(message: "the fake serves URLs only") }
        let (failure, served): (String?, [FetchedEnvelope]?) = lock.withLock {
            defer { queued[url] = nil }
            return (failing[url], queued[url])
        }
        if let failure { throw SourceFailure(message: failure) }
        return (served, state)
    }
}

/// Sinks that take every alert and keep it.
final class FakeDelivery: AlertDelivering, @unchecked Sendable {
    private let lock = NSLock()
    private var taken: [Alert] = []

    var alerts: [Alert] { lock.withLock { taken } }

    func deliver(_ alert: Alert, to sink: JobFile.Sink) async throws(AlertDeliveryFailure) {
        lock.withLock { taken.append(alert) }
    }

    /// The alerts delivered since the last call.
    func drain() -> [Alert] {
        lock.withLock {
            defer { taken = [] }
            return taken
        }
    }
}

/// A clock the test sets.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Timestamp

    init(_ text: String) { time = Timestamp.parse(text)! }  // constant test times

    var now: Timestamp { lock.withLock { time } }
    func set(_ text: String) { lock.withLock { time = Timestamp.parse(text)! } }  // constant test times
}

/// One job over one Kizuna Yen URL, with fake sources, sinks and clock, and a real ledger and trust store.
struct WatchRound {
    static let url = "https://kizuna.example/latest.dsse.json"
    let dir: TemporaryDirectory
    let sources = FakeSources()
    let delivery = FakeDelivery()
    let clock = FakeClock("2026-11-22T00:00:00Z")
    let ledger: Ledger
    let store: TrustStore

    init() throws {
        dir = try TemporaryDirectory()
        try dir.copyKeys()
        ledger = try Ledger.open(path: dir.path("ledger.sqlite"), hasher: OpenSSLProvider())
        store = try TrustStoreLoader.load(dir.path("keys"))
    }

    /// A runner over `extra` job-file lines (top level).
    func runner(_ extra: String = "", coinExtra: String = "", alertmanager: Bool = false) throws -> WatchRunner {
        let sink =
            alertmanager
            ? "type: alertmanager\n    url: http://127.0.0.1:9093" : "type: command\n    command: [\"true\"]"
        let yaml = """
            version: 1
            sinks:
              - name: log
                \(sink)
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources:
                  - url: \(Self.url)
            \(coinExtra)
            \(extra)
            """
        let job = try JobFile.decode(yaml, file: "job.yaml")
        let clock = clock
        return try WatchRunner(
            job: job, base: dir.url.path, ledger: ledger, store: store, provider: OpenSSLProvider(),
            sources: sources, delivery: delivery, metricsPath: nil, stop: StopFlag(), clock: { clock.now })
    }
}

@Suite struct WatchRoundTests {
    let kizuna: KizunaFactory

    init() throws { kizuna = try KizunaFactory() }

    @Test func aCoinTurningIneligibleAlertsOnce() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        let first = try await runner.runRound()
        #expect(first.verified == 1 && first.recorded == 1 && first.failures == 0)
        #expect(watch.delivery.drain().map(\.type) == [])

        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 14, eligible: false))
        watch.clock.set("2026-11-22T01:00:00Z")
        let second = try await runner.runRound()
        let alerts = watch.delivery.drain()
        #expect(alerts.map(\.type) == [.notEligible])
        #expect(alerts.first?.rules == ["CC2-FINALITY"])
        #expect(second.alertsQueued == 1 && second.alertsDelivered == 1 && second.alertsPending == 0)

        // The same state next round: nothing new.
        watch.clock.set("2026-11-22T02:00:00Z")
        let third = try await runner.runRound()
        #expect(third.unchangedSources == 1 && third.alertsQueued == 0)
        #expect(watch.delivery.drain().isEmpty)
    }

    @Test func aStaleAttestationAlertsOnceWhenTheClockPassesItsWindow() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
        // asOf 2026-10-31T15:00Z and 35 days of freshness: stale from 2026-12-05T15:00Z.
        watch.clock.set("2026-12-05T14:00:00Z")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
        watch.clock.set("2026-12-06T00:00:00Z")
        _ = try await runner.runRound()
        let stale = watch.delivery.drain()
        #expect(stale.map(\.type) == [.stale])
        #expect(stale.first?.figures["freshnessDays"] == .int(35))
        watch.clock.set("2026-12-07T00:00:00Z")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
    }

    @Test func aBadSignatureIsRecordedAndAlertedAsASignatureFailure() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        _ = try await runner.runRound()
        _ = watch.delivery.drain()
        // Sequence 13's signatures over sequence 14's payload.
        let signed = try kizuna.envelope(sequence: 13)
        let other = try kizuna.envelope(sequence: 14)
        guard case .object(var envelope) = try JSONParser().parse(signed),
            case .object(let donor) = try JSONParser().parse(other)
        else {
            throw TestFailure("not DSSE JSON")
        }
        envelope["payload"] = donor["payload"]
        watch.sources.serve(WatchRound.url, Array(JSONWriter.write(.object(envelope), pretty: false).utf8))
        watch.clock.set("2026-11-22T01:00:00Z")
        let round = try await runner.runRound()
        #expect(round.verified == 1 && round.recorded == 1)
        let alerts = watch.delivery.drain()
        #expect(alerts.map(\.type) == [.signatureFailure])
        #expect(alerts.first?.rules == ["SIG-TRUSTED"])
    }

    @Test func aReplayIsCountedNotRecordedAgainNorAlerted() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        let bytes = try kizuna.envelope(sequence: 12)
        watch.sources.serve(WatchRound.url, bytes)
        let first = try await runner.runRound()
        #expect(first.recorded == 1 && first.replays == 0)
        watch.sources.serve(WatchRound.url, bytes)
        watch.clock.set("2026-11-22T01:00:00Z")
        let second = try await runner.runRound()
        #expect(second.verified == 1 && second.recorded == 0 && second.replays == 1 && second.failures == 0)
        #expect(watch.delivery.drain().isEmpty)
    }

    /// Red team, round 2 (2026-12-02): a source that goes back to an older attestation of the
    /// coin, one the ledger already holds, is a rollback (its evaluation fails ROLLBACK); events
    /// were read from new attestation rows only, so a replayed old one raised nothing. It alerts
    /// once: served again, nothing new.
    @Test func aSourceServingAnOlderRecordedAttestationAgainAlertsARollbackOnce() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        let old = try kizuna.envelope(sequence: 12)
        watch.sources.serve(WatchRound.url, old)
        _ = try await runner.runRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        watch.clock.set("2026-11-22T01:00:00Z")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)

        watch.sources.serve(WatchRound.url, old)
        watch.clock.set("2026-11-22T02:00:00Z")
        let replayed = try await runner.runRound()
        #expect(replayed.replays == 1 && replayed.recorded == 0)
        let alerts = watch.delivery.drain()
        #expect(alerts.map(\.type) == [.rollback])
        #expect(alerts.first?.figures["sequence"] == .int(12))

        watch.sources.serve(WatchRound.url, old)
        watch.clock.set("2026-11-22T03:00:00Z")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
    }

    /// A `reevaluate` of the coin's older accepted attestation fails ROLLBACK too (it is not the
    /// newest): that is no source going back, and raises nothing.
    @Test func aReevaluationOfAnOlderAttestationIsNoRollbackAlert() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        _ = try await runner.runRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13))
        watch.clock.set("2026-11-22T01:00:00Z")
        _ = try await runner.runRound()
        _ = watch.delivery.drain()
        let pipeline = VerifyPipeline(
            store: watch.store, provider: OpenSSLProvider(), evaluator: Evaluator(profile: .bcbs))
        let stored = try watch.ledger.acceptedEnvelopes()
        #expect(stored.count == 2)
        for envelope in stored {
            _ = try pipeline.reevaluate(
                envelope, in: watch.ledger, at: Timestamp.parse("2026-11-22T01:30:00Z")!, tool: "test")
        }

        watch.clock.set("2026-11-22T02:00:00Z")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
    }

    /// Red team, round 2 (2026-12-02): the issuer's newest signed attestation, here not eligible,
    /// dated ahead of the watch's clock (ATT-TIME) or too far a sequence step (SEQUENCE-JUMP), is
    /// refused admission: the coin stays on its older, eligible state. Nothing was raised, so the
    /// bank heard nothing until the old state went stale (35 days). It now raises `not-admitted`
    /// once, naming the rule.
    @Test(arguments: ["ATT-TIME", "SEQUENCE-JUMP"])
    func aSignedAttestationRefusedAdmissionAlertsOnce(rule: String) async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        watch.clock.set("2026-11-02T12:00:00Z")
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)

        // ATT-TIME: sequence 13 is issued on Nov 3 at 01:00, 13 hours after the clock. SEQUENCE-JUMP:
        // sequence 113 (a step of 101) is issued on 2027-02-11, and the clock is set after it.
        let sequence = rule == "ATT-TIME" ? 13 : 113
        if rule == "SEQUENCE-JUMP" { watch.clock.set("2027-02-12T00:00:00Z") }
        let refused = try kizuna.envelope(sequence: sequence, eligible: false)
        watch.sources.serve(WatchRound.url, refused)
        let round = try await runner.runRound()
        #expect(round.recorded == 1)
        let status = try #require(try watch.ledger.status().first)
        #expect(status.sequence == 12)
        let alerts = watch.delivery.drain().filter { $0.type != .stale }
        #expect(alerts.map(\.type.rawValue) == ["not-admitted"])
        #expect(alerts.first?.rules == [rule])
        #expect(alerts.first?.figures["sequence"] == .int(sequence))

        watch.sources.serve(WatchRound.url, refused)
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().filter { $0.type != .stale }.isEmpty)
    }

    /// A watch of kizuna-yen's folder `feed` in `dir` (the sample keys copied to `keys`), whose
    /// alerts go to `alerts.jsonl`, on a clock starting at 2026-11-22T00:00:00Z.
    static func folderWatch(in dir: TemporaryDirectory) throws -> (runner: WatchRunner, clock: FakeClock) {
        try dir.copyKeys()
        _ = try dir.folder("feed")
        let job = try JobFile.decode(
            """
            version: 1
            ledger: l.sqlite
            keys: keys
            sinks:
              - name: log
                type: command
                command: ["sh", "-c", "cat >> alerts.jsonl"]
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources:
                  - folder: feed
            """, file: "job.yaml")
        let clock = FakeClock("2026-11-22T00:00:00Z")
        let runner = try WatchRunner(
            job: job, base: dir.url.path, ledgerPath: nil, metricsPath: nil, stop: StopFlag(), clock: { clock.now })
        return (runner, clock)
    }

    /// Red team, round 2 (2026-12-02): a running `watch` (no `--once`) read `keys/` once, at its
    /// start. The bank revokes the coin's (stolen) keys while it runs; an attestation signed with
    /// them after the revocation was still trusted and admitted, round after round, until the
    /// process restarted. The trust store is now read again each round.
    @Test func aKeyRevokedWhileTheWatchRunsIsRevokedFromTheNextRound() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (runner, clock) = try Self.folderWatch(in: dir)
        _ = try dir.write(try kizuna.envelope(sequence: 12), to: "feed/k12.dsse.json")
        _ = try await runner.runRound()

        // `keys revoke` while the watch runs: both kizuna-yen keys, from 00:30.
        let trustPath = dir.path("keys/kizuna-yen/trust.json")
        let trust = try String(contentsOfFile: trustPath, encoding: .utf8)
            .replacingOccurrences(of: "\"role\":", with: "\"revokedAt\": \"2026-11-22T00:30:00Z\", \"role\":")
        try trust.write(toFile: trustPath, atomically: true, encoding: .utf8)
        clock.set("2026-11-22T01:00:00Z")
        _ = try dir.write(try kizuna.envelope(sequence: 13), to: "feed/k13.dsse.json")
        let round = try await runner.runRound()
        await runner.shutdown()

        #expect(round.recorded == 1)
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        #expect(try ledger.status().first?.sequence == 12)
        let alerts = try String(contentsOfFile: dir.path("alerts.jsonl"), encoding: .utf8)
        #expect(alerts.contains("\"type\":\"signature-failure\""), "\(alerts)")
    }

    /// A folder that keeps the coin's history raises nothing while it also holds the newest
    /// attestation; once the newest is gone and the folder serves only an older one, it went back.
    @Test func aFolderThatNoLongerHoldsTheNewestAttestationAlertsARollback() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (runner, clock) = try Self.folderWatch(in: dir)
        _ = try dir.write(try kizuna.envelope(sequence: 12), to: "feed/k12.dsse.json")
        _ = try await runner.runRound()
        clock.set("2026-11-22T01:00:00Z")
        _ = try dir.write(try kizuna.envelope(sequence: 13), to: "feed/k13.dsse.json")
        let both = try await runner.runRound()
        #expect(both.replays == 1 && both.recorded == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("alerts.jsonl")))

        try FileManager.default.removeItem(atPath: dir.path("feed/k13.dsse.json"))
        clock.set("2026-11-22T02:00:00Z")
        let back = try await runner.runRound()
        await runner.shutdown()

        #expect(back.replays == 1)
        let alerts = try String(contentsOfFile: dir.path("alerts.jsonl"), encoding: .utf8)
        #expect(alerts.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(alerts)")
        #expect(alerts.contains("\"type\":\"rollback\""), "\(alerts)")
    }

    @Test func aMalformedInputIsRefusedAsASourceError() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner()
        let text = String(decoding: try kizuna.envelope(sequence: 12), as: UTF8.self)
        // Not signed at all: the refusal is about the envelope; its fingerprint keys the alert.
        watch.sources.serve(WatchRound.url, Array(text.prefix(40).utf8))
        let round = try await runner.runRound()
        #expect(round.failures == 1 && round.recorded == 0)
        #expect(watch.delivery.drain().map(\.type).contains(.sourceError))
    }

    @Test func aCoverageWarningFiresOncePerCrossingAndReArmsOnRecovery() async throws {
        let watch = try WatchRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        // Coverage is 1.005: under 1.01 it warns, under 1.001 it does not.
        let warning = "warnings:\n  coverageBelow: \"1.01\""
        _ = try await watch.runner(warning).runRound()
        let first = watch.delivery.drain()
        #expect(first.map(\.type) == [.marginWarning])
        #expect(first.first?.labels == ["warning": "coverage"])
        #expect(first.first?.figures["threshold"] == .string("1.01"))
        #expect(first.first?.figures["value"] == .string("1.005"))
        watch.clock.set("2026-11-22T01:00:00Z")
        _ = try await watch.runner(warning).runRound()
        #expect(watch.delivery.drain().isEmpty, "a warning that still holds is not raised again")
        watch.clock.set("2026-11-22T02:00:00Z")
        _ = try await watch.runner("warnings:\n  coverageBelow: \"1.001\"").runRound()
        let recovered = watch.delivery.drain()
        #expect(recovered.map(\.type) == [.marginRecovered])
        #expect(recovered.first?.labels == ["warning": "coverage"])
        watch.clock.set("2026-11-22T03:00:00Z")
        _ = try await watch.runner(warning).runRound()
        let again = watch.delivery.drain()
        #expect(again.map(\.type) == [.marginWarning])
        #expect(again.first?.dedupKey != first.first?.dedupKey, "a new crossing is a new alert, not deduplicated away")
    }

    /// Early warnings assess the coin's newest accepted envelope as stored. Bytes swapped in the
    /// ledger outside the tool (another genuine attestation's envelope) are refused as damage,
    /// never warned from: the payload assessed must be the one `status` proved.
    @Test func warningsAreNeverTakenFromASwappedEnvelope() async throws {
        let watch = try WatchRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        let job = "warnings:\n  auditLapsesWithinDays: 500"
        _ = try await watch.runner(job).runRound()
        #expect(watch.delivery.drain().map(\.type) == [.marginWarning])
        let hex = try kizuna.envelope(sequence: 13, eligible: false).map { String(format: "%02x", $0) }.joined()
        _ = try sqlite3(
            watch.ledger.path,
            "DROP TRIGGER attestation_no_update; UPDATE attestation SET envelope = X'\(hex)' WHERE id = 1")
        watch.clock.set("2026-11-22T01:00:00Z")
        let error = await #expect(throws: VerifierError.self) { try await watch.runner(job).runRound() }
        #expect(error?.code == .ledgerDamaged)
        #expect(error?.message.contains("holds another payload") == true, "\(error?.message ?? "")")
    }

    @Test func stressedCoverageAuditAndRuleMarginWarnings() async throws {
        let watch = try WatchRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        // Worst stressed coverage 1.005; the audit lapses 457 days after asOf 2026-10-31 (2028-01-31),
        // 435 days after the round; CC2-REDEEM's margin is 0.8, RRT-NET's 0.005.
        let job = """
            warnings:
              worstStressedCoverageBelow: "1.01"
              auditLapsesWithinDays: 500
              ruleMarginsBelow:
                CC2-REDEEM: "0.9"
                RRT-NET: "0.001"
            """
        _ = try await watch.runner(job).runRound()
        let alerts = watch.delivery.drain()
        #expect(alerts.allSatisfy { $0.type == .marginWarning })
        #expect(
            alerts.map { $0.labels["warning"] ?? "" }.sorted() == [
                "audit-lapse", "margin:CC2-REDEEM", "worst-stressed-coverage",
            ])
        let audit = try #require(alerts.first { $0.labels["warning"] == "audit-lapse" })
        #expect(audit.rules == ["RRT-AUDIT"])
        #expect(
            audit.message == "kizuna-yen/KZJPY: the audit lapses on 2028-01-31, in 435 days (warning within 500 days)")
    }

    @Test func anActiveWarningIsSentToAlertmanagerAgainEachRound() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner("warnings:\n  coverageBelow: \"1.01\"", alertmanager: true)
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().map(\.type) == [.marginWarning])
        watch.clock.set("2026-11-22T01:00:00Z")
        _ = try await runner.runRound()
        let again = watch.delivery.drain()
        #expect(again.map(\.dedupKey) == ["kizuna-yen/KZJPY/margin-warning/coverage/active"])
        #expect(again.first?.labels == ["warning": "coverage"])
    }

    @Test func aCoinsOwnWarningsReplaceTheJobs() async throws {
        let watch = try WatchRound()
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        let runner = try watch.runner(
            "warnings:\n  coverageBelow: \"1.01\"",
            coinExtra: "    warnings:\n      coverageBelow: \"1.001\"")
        _ = try await runner.runRound()
        #expect(watch.delivery.drain().isEmpty)
    }

    @Test func theDossierIsWrittenAfterAChangeOnly() async throws {
        let watch = try WatchRound()
        let runner = try watch.runner("dossiers: dossiers")
        let page = watch.dir.path("dossiers/kizuna-yen-KZJPY.html")
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 12))
        let first = try await runner.runRound()
        #expect(first.failures == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("ELIGIBLE: Group 1b") && html.contains("#12, as of 2026-10-31"))
        try FileManager.default.removeItem(atPath: page)
        watch.clock.set("2026-11-22T01:00:00Z")
        _ = try await runner.runRound()
        #expect(!FileManager.default.fileExists(atPath: page), "nothing changed: no new dossier")
        watch.sources.serve(WatchRound.url, try kizuna.envelope(sequence: 13, eligible: false))
        watch.clock.set("2026-11-22T02:00:00Z")
        _ = try await runner.runRound()
        let changed = try String(contentsOfFile: page, encoding: .utf8)
        #expect(changed.contains("NOT ELIGIBLE: Group 2b") && changed.contains("#13, as of 2026-11-01"))
        // Written atomically: no temporary file is left beside it.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: watch.dir.path("dossiers")) == ["kizuna-yen-KZJPY.html"]
        )
    }
}
