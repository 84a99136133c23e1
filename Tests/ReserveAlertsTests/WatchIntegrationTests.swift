import Foundation
import ReserveAlerts
import ReserveCore
import TestSupport
import Testing

/// `watch` end to end with real components on loopback: the test HTTP server, webhooks, a real
/// Alertmanager and promtool.
@Suite(.serialized) struct WatchIntegrationTests {
    let factory: KizunaFactory

    init() throws {
        factory = try KizunaFactory()
    }

    func job(
        _ dir: TemporaryDirectory, coinSources: String, sinks: String = "", extra: String = "", alerts: String = ""
    ) throws {
        try dir.write(
            """
            version: 1
            ledger: l.sqlite
            keys: keys
            metricsFile: metrics.prom
            \(extra)
            sinks:
              - name: log
                type: command
                command: ["sh", "-c", "cat >> \(dir.path("alerts.jsonl"))"]
            \(sinks)
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources:
            \(coinSources)
            \(alerts)
            """, to: "job.yaml")
    }

    func round(_ dir: TemporaryDirectory, at time: String = "2026-11-22T00:00:00Z") throws -> RunResult {
        try VerifierBinary.run(["watch", "--config", "job.yaml", "--once", "--at", time], in: dir.url)
    }

    @Test func verifyFetchesURLsInTheirPlaceOnTheCommandLineAndNamesAFailedOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let served = dir.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Data(try factory.envelope(sequence: 12)).write(to: served.appendingPathComponent("a.dsse.json"))
        try Data(try factory.envelope(sequence: 13)).write(to: dir.url.appendingPathComponent("local.dsse.json"))
        let server = try TestServer(root: served)
        defer { server.stop() }

        let run = try VerifierBinary.run(
            [
                "verify", "local.dsse.json", "\(server.base)/files/a.dsse.json", "\(server.base)/files/missing.json",
                "--keys", "keys", "--no-record", "--format", "json", "--at", "2026-11-22T00:00:00Z",
            ], in: dir.url)
        #expect(run.status == 2, "\(run.stderr)")
        guard case .object(let root) = try JSONParser().parse(run.stdout),
            case .array(let results)? = root["attestations"]
        else {
            Issue.record("not a JSON report: \(run.output.prefix(500))")
            return
        }
        let rows: [(source: String, sequence: String, error: String)] = results.map { value in
            guard case .object(let o) = value else { return ("", "", "") }
            var error = ""
            if case .object(let e)? = o["error"], case .string(let code)? = e["code"],
                case .string(let message)? = e["message"]
            {
                error = "\(code) \(message)"
            }
            if case .number(let n)? = o["sequence"], case .string(let source)? = o["source"] {
                return (source, n, error)
            }
            if case .string(let source)? = o["source"] { return (source, "", error) }
            return ("", "", error)
        }
        #expect(
            rows.map(\.source) == [
                "local.dsse.json", "\(server.base)/files/a.dsse.json", "\(server.base)/files/missing.json",
            ])
        #expect(rows.map(\.sequence) == ["13", "12", ""])
        #expect(rows[2].error == "E061 \(server.base)/files/missing.json: HTTP 404", "\(rows[2].error)")

        let refused = try VerifierBinary.run(
            ["verify", "http://example.com/latest.json", "--keys", "keys", "--no-record"], in: dir.url)
        #expect(refused.status == 64)
        #expect(
            refused.firstErrorLine
                == "Error: http://example.com/latest.json: only https:// URLs are fetched (plain http only from "
                + "localhost)",
            "\(refused.stderr)")
    }

    @Test func anHTTPSourceIsPickedUpAndA304CostsNoVerification() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let served = dir.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Data(try factory.envelope(sequence: 12)).write(to: served.appendingPathComponent("latest.dsse.json"))
        let server = try TestServer(root: served)
        defer { server.stop() }
        try job(dir, coinSources: "      - url: \(server.base)/files/latest.dsse.json")

        let first = try round(dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; alerts: 0 "
                + "raised, 0 delivered, 0 pending",
            "\(first.stderr)")
        let second = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            second.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; "
                + "alerts: 0 raised, 0 delivered, 0 pending", "\(second.stderr)")
        #expect(
            String(decoding: try server.get("/count/latest.dsse.json"), as: UTF8.self) == "{\"requests\": 2, \"ok\": 1}"
        )

        try Data(try factory.envelope(sequence: 13)).write(to: served.appendingPathComponent("latest.dsse.json"))
        let third = try round(dir, at: "2026-11-22T02:00:00Z")
        #expect(
            third.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; alerts: 0 "
                + "raised, 0 delivered, 0 pending",
            "\(third.stderr)")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT group_concat(sequence) FROM attestation") == "12,13")
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: [
            ("/big", "http:\n  maxBytes: 1048576", "response is over the limit of 1048576 bytes"),
            ("/slow", "http:\n  timeoutSeconds: 1", "timed out after 1000 ms (connect, headers and body)"),
            ("/redirect/5", "http:\n  maxRedirects: 3", "more than 3 redirects (http.maxRedirects)"),
        ])
    func anOversizedSlowOrLoopingResponseIsCutOffWithAnErrorNotAHang(path: String, settings: String, expected: String)
        throws
    {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        try job(dir, coinSources: "      - url: \(server.base)\(path)", extra: settings + "\nunreachableAfterRounds: 1")
        let result = try round(dir)
        #expect(result.status == 1, "--once exits 1 when a source failed")
        #expect(
            result.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 0 sources unchanged, 1 failures; "
                + "alerts: 2 raised, 2 delivered, 0 pending", "\(result.stderr)")
        let error = try sqlite3(dir.path("l.sqlite"), "SELECT last_error FROM source_state")
        #expect(error == expected, "\(error)")
        let alerts = alertLines(dir.path("alerts.jsonl"))
        #expect(alerts.contains { $0.string("type") == "source-unreachable" })
    }

    @Test func aRedirectWithinTheLimitIsFollowed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let served = dir.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Data(try factory.envelope(sequence: 12)).write(to: served.appendingPathComponent("redirected.dsse.json"))
        let server = try TestServer(root: served)
        defer { server.stop() }
        try job(dir, coinSources: "      - url: \(server.base)/redirect/2")
        let result = try round(dir)
        #expect(
            result.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; alerts: 0 "
                + "raised, 0 delivered, 0 pending",
            "\(result.stderr)")
    }

    @Test func aWebhookThatFailsThreeTimesGetsTheAlertExactlyOnceAndTheOutboxEmpties() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        try server.post("/control/ops?fail=3")
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        try job(
            dir, coinSources: "      - folder: feed",
            sinks: "  - name: ops\n    type: webhook\n    url: \(server.base)/hook/ops",
            extra: "delivery:\n  attemptsPerRound: 5\n  initialBackoffSeconds: 0.05", alerts: "    alerts: [ops]")
        let result = try round(dir)
        #expect(
            result.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; alerts: 1 "
                + "raised, 1 delivered, 0 pending",
            "\(result.stderr)")
        let received = try JSONParser().parse(Array(try server.get("/received/ops")))
        guard case .array(let bodies) = received else {
            Issue.record("no list")
            return
        }
        #expect(bodies.count == 1)
        if case .string(let body)? = bodies.first, case .object(let alert) = try JSONParser().parse(Array(body.utf8)) {
            #expect(alert.string("type") == "not-eligible")
            #expect(alert["rules"] == .strings(["CC2-FINALITY"]))
        } else {
            Issue.record("the webhook did not receive an alert object")
        }
        #expect(
            try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == "0")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT attempts FROM alert_outbox") == "4")
        // The next round raises nothing new and delivers nothing again.
        let again = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            again.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; alerts: 0 "
                + "raised, 0 delivered, 0 pending",
            "\(again.stderr)")
    }

    @Test func eligibleThenNotEligibleThenEligibleRaisesTwoAlertsEndToEnd() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        try job(dir, coinSources: "      - folder: feed")
        try dir.write(try factory.envelope(sequence: 12), to: "feed/k12.dsse.json")
        _ = try round(dir)
        _ = try round(dir, at: "2026-11-22T01:00:00Z")  // unchanged
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        _ = try round(dir, at: "2026-11-22T02:00:00Z")
        _ = try round(dir, at: "2026-11-22T03:00:00Z")  // unchanged, still failing
        try dir.write(try factory.envelope(sequence: 14), to: "feed/k14.dsse.json")
        _ = try round(dir, at: "2026-11-22T04:00:00Z")
        #expect(alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") } == ["not-eligible", "recovered"])
    }

    @Test func aProcessKilledDuringDeliveryDeliversOnTheNextRoundWithoutDuplicatingTheOutbox() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        // First the sink hangs, so that the process is killed while delivering.
        try dir.write(
            """
            version: 1
            ledger: l.sqlite
            keys: keys
            delivery: {timeoutSeconds: 60}
            sinks:
              - name: log
                type: command
                command: ["sh", "-c", "sleep 60"]
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources: [{folder: feed}]
            """, to: "job.yaml")
        let process = VerifierBinary.process(
            ["watch", "--config", "job.yaml", "--once", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var queued = false
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: dir.path("l.sqlite")),
                (try? sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM alert_outbox")) == "1"
            {
                queued = true
                break
            }
            usleep(20_000)
        }
        try #require(queued && process.isRunning, "the alert was not queued while the process ran")
        usleep(300_000)  // inside the hanging delivery
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(
            try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == "1")

        // The sink works again; the next round delivers the alert once and queues nothing twice.
        let job = try String(contentsOfFile: dir.path("job.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "sleep 60", with: "cat >> \(dir.path("alerts.jsonl"))")
        try dir.write(job, to: "job.yaml")
        let next = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            next.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; alerts: 0 "
                + "raised, 1 delivered, 0 pending",
            "\(next.stderr)")
        #expect(alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") } == ["not-eligible"])
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM alert_outbox") == "1")
        #expect(try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url).status == 0)
    }

    @Test(.enabled(if: tool("promtool") != nil, "promtool is not installed (.ci/run installs the prometheus package)"))
    func promtoolAcceptsTheMetricsFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        try dir.write(try factory.envelope(sequence: 12), to: "feed/k12.dsse.json")
        try job(dir, coinSources: "      - folder: feed")
        _ = try round(dir)
        let metrics = try String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8)
        let metricLines = textLines(metrics)
        #expect(metricLines.contains("reserve_verifier_coin_eligible{issuer=\"kizuna-yen\",token=\"KZJPY\"} 1"))
        #expect(
            metricLines.contains("reserve_verifier_coin_coverage_ratio{issuer=\"kizuna-yen\",token=\"KZJPY\"} 1.005"))
        #expect(metricLines.contains("reserve_verifier_round_attestations_verified 1"))
        #expect(metricLines.contains("reserve_verifier_alerts_pending{sink=\"log\"} 0"))
        // `promtool check metrics` reads stdin only: a shell feeds it the file.
        let promtool = try #require(tool("promtool"))
        let check = try runProgram(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \"$0\" check metrics < metrics.prom", promtool],
            in: dir.url, mergingStandardError: true)
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func theShippedExampleJobRunsFromTheRepositoryRoot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for name in ["attestations", "keys"] {
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        let result = try VerifierBinary.run(
            ["watch", "--config", "attestations/watch.yaml", "--once", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        // The tampered folder (a source of sakura-pay) serves a Kizuna attestation: refused against
        // the source (issue 10, class 10), so the round exits 1.
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.roundLine
                == "round: 6 verified, 5 recorded, 0 already known, 0 sources unchanged, 1 failures; "
                + "alerts: 5 raised, 5 delivered, 0 pending", "\(result.stderr)")
        let types = alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") }
        #expect(
            types.sorted() == ["not-eligible", "not-eligible", "not-eligible", "signature-failure", "source-error"])
        #expect(FileManager.default.fileExists(atPath: dir.path("reserve-verifier.prom")))
        #expect(FileManager.default.fileExists(atPath: dir.path("reserve-verifier.sqlite")))
    }

    /// Issue 10, class 6: a round that records signs a checkpoint of the chain with the verifier's
    /// key, keeps it in the ledger and hands it outside (--checkpoint-out); the ledger holds it.
    @Test func aRoundThatRecordsSignsACheckpoint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for name in ["attestations", "keys"] {
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        let openssl = try OpenSSLTool.locate()
        try openssl.check(["genpkey", "-algorithm", "ed25519", "-out", "verifier.pem"], in: dir.url)
        try openssl.check(["pkey", "-in", "verifier.pem", "-pubout", "-out", "verifier.pub.pem"], in: dir.url)
        _ = try VerifierBinary.run(
            [
                "watch", "--config", "attestations/watch.yaml", "--once", "--at", "2026-11-22T00:00:00Z",
                "--signing-key", "verifier.pem", "--checkpoint-out", "checkpoint.json",
            ], in: dir.url)
        #expect(try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT count(*) FROM checkpoint") == "1")
        let held = try VerifierBinary.run(
            ["ledger", "verify", "--checkpoint", "checkpoint.json", "--public-key", "verifier.pub.pem"],
            in: dir.url)
        #expect(held.status == 0, "\(held.output)\(held.stderr)")
        #expect(
            held.output == "ok: 5 evaluations, hash chain intact; the checkpoint of 5 evaluations is held\n",
            "\(held.output)")
    }

    @Test(.timeLimit(.minutes(1))) func sigtermStopsTheLoopCleanly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        try dir.write(try factory.envelope(sequence: 12), to: "feed/k12.dsse.json")
        try job(dir, coinSources: "      - folder: feed")
        let process = VerifierBinary.process(["watch", "--config", "job.yaml", "--interval", "1h"], in: dir.url)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: dir.path("metrics.prom")) && Date() < deadline { usleep(20_000) }
        try #require(process.isRunning)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
