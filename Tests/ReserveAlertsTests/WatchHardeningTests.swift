import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Issue 11 ("a watch job that keeps watching") and issue 10 class 10: one regression test per
/// class, each failing on the main branch before the fix, run end to end against the built binary.
@Suite(.serialized) struct WatchHardeningTests {
    let factory: KizunaFactory

    init() throws {
        factory = try KizunaFactory()
    }

    /// A job file with the `log` sink (a JSON line per alert in alerts.jsonl) and more.
    func job(
        _ dir: TemporaryDirectory, sources: String, extra: String = "", sinks: String = "",
        coins: String = ""
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
            \(sources)
            \(coins)
            """, to: "job.yaml")
    }

    func round(_ dir: TemporaryDirectory, at time: String = "2026-11-22T00:00:00Z") throws -> RunResult {
        try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--at", time], in: dir.url,
            deadline: .seconds(120))
    }

    func prepared() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.copyKeys()
        _ = try dir.folder("feed")
        return dir
    }

    /// The Kizuna payload in a DSSE envelope with `count` junk signatures (no valid one).
    func junkEnvelope(signatures count: Int) throws -> [UInt8] {
        let payload = Array(factory.payload.utf8)
        return EnvelopeWriter.dsse(
            payload: payload,
            signatures: (0..<count).map { i in
                .init(
                    keyID: factory.issuer.publicKey.id,
                    signature: [
                        0x30, 0x06, 0x02, 0x01, UInt8(i % 100 + 1), 0x02,
                        0x01, 0x01,
                    ])
            })
    }

    // MARK: Class 1: one large alert killed every round

    @Test(.timeLimit(.minutes(1)))
    func anEnvelopeOfJunkSignaturesAndASinkThatNeverReadsCannotStopTheRoundOrTheOtherSink() throws {
        let dir = try prepared()
        defer { dir.remove() }
        try dir.write(try junkEnvelope(signatures: 10_000), to: "feed/junk.dsse.json")
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        try job(
            dir, sources: "      - folder: feed",
            extra: "delivery: {timeoutSeconds: 1, attemptsPerRound: 1, parkAfterAttempts: 2}",
            sinks: "  - name: hang\n    type: command\n    command: [\"sh\", \"-c\", \"sleep 30\"]")
        let first = try round(dir)
        // On main: the 150 KB message blocked the write to `sleep`, and SIGPIPE killed watch after 30 s.
        #expect(first.status == 1, "\(first)")
        #expect(
            first.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 1 failures; "
                + "alerts: 4 raised, 2 delivered, 2 pending, 2 deliveries failed", "\(first.stderr)")
        let types = alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") }
        #expect(types.sorted() == ["not-eligible", "source-error"], "\(types)")
        let refused = alertLines(dir.path("alerts.jsonl")).first { $0.string("type") == "source-error" }
        #expect(
            refused?.string("message")
                == "kizuna-yen/KZJPY: ./feed/junk.dsse.json served content that cannot be checked: "
                + "E011 DSSE envelope: 10000 signatures exceed the limit of 16", "\(String(describing: refused))")

        // The next round tries `hang` again; its alerts reach parkAfterAttempts and are parked,
        // reported by alert-parked alerts (to `log`), and counted in the metrics.
        let second = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            second.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; "
                + "alerts: 4 raised, 0 delivered, 4 pending, 2 deliveries failed, 2 parked", "\(second.stderr)")
        _ = try round(dir, at: "2026-11-22T02:00:00Z")
        let later = alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") }
        #expect(later.filter { $0 == "alert-parked" }.count == 2, "\(later)")
        #expect(later.filter { $0 == "not-eligible" }.count == 1, "\(later)")
        #expect(
            try sqlite3(
                dir.path("l.sqlite"),
                "SELECT count(*) FROM alert_outbox WHERE sink = 'hang' AND next_attempt_at = 'parked'")
                == "2")
        let metrics = try String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8)
        #expect(textLines(metrics).contains("reserve_verifier_alerts_parked{sink=\"hang\"} 2"), "\(metrics)")
    }

    // MARK: Class 2: a slow body was never cut off

    @Test(.timeLimit(.minutes(2))) func aSlowBodyIsCutOffAtTheDeadlineAndSlowSourcesAreFetchedSideBySide() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        let sources = (1...4).map { "      - url: \(server.base)/trickle?n=\($0)" }.joined(separator: "\n")
        try job(dir, sources: sources, extra: "http: {timeoutSeconds: 2}\nunreachableAfterRounds: 1")
        let result = try round(dir)
        // Side by side, as the server saw them: the four bodies of a minute each were in flight at
        // once (fetched one after another, at most one would be, since a request ends at the server
        // as soon as the client hangs up). At least three, not four, leaves room for a slow start.
        var trickles = try Self.trickles(server)
        while trickles["now"] != 0 {  // the server notices the last hang-ups; the time limit bounds this
            usleep(20_000)
            trickles = try Self.trickles(server)
        }
        #expect((trickles["max"] ?? 0) >= 3, "\(trickles)")
        // Each body cut off by the client, none read to its end (on main each ran for a minute).
        #expect(trickles["cut"] == 4 && trickles["full"] == 0, "\(trickles)")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 0 sources unchanged, 4 failures; "
                + "alerts: 5 raised, 5 delivered, 0 pending", "\(result.stderr)")
        let errors = try sqlite3(
            dir.path("l.sqlite"),
            "SELECT group_concat(last_error, '|') FROM source_state WHERE source LIKE 'kizuna%'")
        #expect(
            errors.components(separatedBy: "|")
                == Array(repeating: "timed out after 2000 ms (connect, headers and body)", count: 4), "\(errors)")
    }

    /// The test server's `/trickles` counters (requests in flight now, most at once, cut, full).
    static func trickles(_ server: TestServer) throws -> [String: Int] {
        guard case .object(let counters) = try JSONParser().parse(Array(try server.get("/trickles"))) else {
            return [:]
        }
        return counters.keys.reduce(into: [:]) { result, key in
            if case .number(let n)? = counters[key] { result[key] = Int(n) }
        }
    }

    @Test(.timeLimit(.minutes(1))) func verifyOfASlowURLStopsAtItsDocumentedTenSeconds() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        let run = try VerifierBinary.run(
            ["verify", "\(server.base)/trickle", "--keys", "keys", "--no-record"],
            in: dir.url,
            deadline: .seconds(40))
        #expect(run.status == 2, "\(run)")
        // The input's own error in the report (the summary line carries the run's wall-clock time).
        #expect(
            run.output.components(separatedBy: "\n").contains(
                "  error E061 network: \(server.base)/trickle: timed out after 10000 ms (connect, headers and body)"),
            "\(run)")
    }

    @Test(.timeLimit(.minutes(1))) func sigtermCancelsASlowFetchAndExitsWithinSeconds() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        try job(dir, sources: "      - url: \(server.base)/trickle", extra: "http: {timeoutSeconds: 300}")
        let process = VerifierBinary.process(["watch", "--config", "job.yaml", "--interval", "1h"], in: dir.url)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The fetch is under way once the ledger exists (opened before the round).
        let deadline = Date().addingTimeInterval(60)
        while !dir.exists("l.sqlite") && Date() < deadline { usleep(20_000) }
        usleep(1_500_000)
        try #require(process.isRunning)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        // On main: "finishing the attestation in hand", then the minute-long body.
        #expect(process.terminationReason == .exit)
    }

    /// "Fail fast where it is certain": AsyncHTTPClient retried a refused connection until the deadline.
    @Test(.timeLimit(.minutes(1))) func aRefusedConnectionFailsAtOnceNotAtTheDeadline() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let port = try AlertmanagerTests.freePort()  // bound and closed again: nothing listens there
        try job(dir, sources: "      - url: http://127.0.0.1:\(port)/latest.json", extra: "http: {timeoutSeconds: 60}")
        let result = try round(dir)
        #expect(result.status == 1, "\(result)")
        let error = try sqlite3(dir.path("l.sqlite"), "SELECT last_error FROM source_state WHERE source LIKE 'kizuna%'")
        // The text is SwiftNIO's ("connection reset (error set): Connection refused) (errno: 111)"),
        // not ours, so only its substance is pinned.
        #expect(error.lowercased().contains("connection refused"), "\(error)")
    }

    // MARK: Class 3: redirects bypassed the scheme and host rule

    @Test func aRedirectToPlainHTTPElsewhereOrToAnotherHostIsRefusedUnlessTheJobAllowsTheHost() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let served = try dir.folder("served")
        let target = URL(fileURLWithPath: served).appendingPathComponent("a.dsse.json")
        try Data(try factory.envelope(sequence: 12)).write(to: target)
        let server = try TestServer(root: URL(fileURLWithPath: served))
        defer { server.stop() }
        let elsewhere = "\(server.base)/redirect-to?url=http://example.com/latest.json"
        let otherHost = "\(server.base)/redirect-to?url=http://localhost:\(server.port)/files/a.dsse.json"
        try job(dir, sources: "      - url: \(elsewhere)\n      - url: \(otherHost)")
        let refused = try round(dir)
        #expect(refused.status == 1, "\(refused)")
        let errors = try sqlite3(
            dir.path("l.sqlite"),
            "SELECT source || ' => ' || last_error FROM source_state ORDER BY source")
        #expect(
            errors == """
                kizuna-yen/KZJPY \(elsewhere) => redirect refused: http://example.com/latest.json: only https:// \
                URLs are fetched (plain http only from localhost)
                kizuna-yen/KZJPY \(otherHost) => redirect refused: http://localhost:\(server.port)/files/a.dsse.json \
                is on another host (allow it with http.redirectHosts)
                """,
            "\(errors)")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "0")

        // Allowed by the job file: followed.
        try job(dir, sources: "      - url: \(otherHost)", extra: "http: {redirectHosts: [localhost]}")
        let allowed = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            allowed.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; "
                + "alerts: 1 raised, 1 delivered, 0 pending", "\(allowed)")
    }

    // MARK: Class 4: profiles mixed

    @Test func statusAndWatchReadTheirOwnProfileOnly() throws {
        let dir = try prepared()
        defer { dir.remove() }
        try dir.write(try factory.envelope(sequence: 12), to: "feed/k12.dsse.json")
        try job(dir, sources: "      - folder: feed")
        #expect(try round(dir).status == 0)
        let reevaluated = try VerifierBinary.run(
            [
                "reevaluate", "--profile", "hkma", "--db", "l.sqlite", "--keys",
                "keys",
                "--at", "2026-11-22T00:30:00Z",
            ], in: dir.url)
        #expect([0, 1].contains(reevaluated.status), "\(reevaluated)")
        #expect(
            try sqlite3(
                dir.path("l.sqlite"),
                "SELECT group_concat(substr(profile, 1, 4)) FROM evaluation") == "bcbs,hkma")

        // `status` reads the given profile (bcbs by default) and says which.
        let text = try VerifierBinary.run(["status", "--db", "l.sqlite", "--at", "2026-11-22T01:00:00Z"], in: dir.url)
        #expect(text.output.hasPrefix("profile: bcbs\n"), "\(text)")
        let bcbs = try VerifierBinary.run(["status", "--db", "l.sqlite", "--format", "json"], in: dir.url).json()
        let hkma = try VerifierBinary.run(
            ["status", "--db", "l.sqlite", "--format", "json", "--profile", "hkma"],
            in: dir.url
        ).json()
        func profiles(_ value: JSONValue) -> [String] {
            guard case .object(let o) = value, case .array(let coins)? = o["coins"] else { return [] }
            return coins.compactMap { if case .object(let c) = $0 { c.string("profile") } else { nil } }
        }
        #expect(profiles(bcbs).map { String($0.prefix(5)) } == ["bcbs@"], "\(bcbs)")
        #expect(profiles(hkma).map { String($0.prefix(5)) } == ["hkma@"], "\(hkma)")

        // The bcbs job is not moved by the hkma evaluation: nothing new to say.
        let next = try round(dir, at: "2026-11-22T01:00:00Z")
        #expect(
            next.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; "
                + "alerts: 0 raised, 0 delivered, 0 pending", "\(next.stderr)")
        let metrics = try String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8)
        #expect(
            textLines(metrics).contains("reserve_verifier_coin_eligible{issuer=\"kizuna-yen\",token=\"KZJPY\"} 1"),
            "\(metrics)")
    }

    // MARK: Class 7: numbers that trap

    @Test(arguments: ["99999999999999999h", "18446744073709551615s", "2678401s", "0s", "45000m", "1d", "h"])
    func anIntervalOutOfRangeIsAUsageErrorNotATrap(interval: String) throws {
        let dir = try prepared()
        defer { dir.remove() }
        try job(dir, sources: "      - folder: feed")
        let run = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--interval", interval],
            in: dir.url)
        #expect(run.status == 64, "\(run)")
        #expect(
            run.firstErrorLine == "Error: --interval must look like 30s, 15m or 1h, from 1s to 31 days (2678400 s)",
            "\(run.stderr)")
    }

    @Test func theLongestIntervalIsAccepted() throws {
        let dir = try prepared()
        defer { dir.remove() }
        try job(dir, sources: "      - folder: feed")
        let run = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--interval", "744h"], in: dir.url)
        #expect(run.status == 0, "\(run)")
    }

    @Test(arguments: [
        (
            "http: {timeoutSeconds: 99999999999999999999}",
            "http.timeoutSeconds must be a number of seconds in (0.001, 600]"
        ),
        ("http: {connectTimeoutSeconds: 0}", "http.connectTimeoutSeconds must be a number of seconds in (0.001, 600]"),
        ("unreachableAfterRounds: 99999999999999999999", "unreachableAfterRounds must be a whole number in 1...1000"),
        ("delivery: {parkAfterAttempts: 0}", "delivery.parkAfterAttempts must be a whole number in 1...10000"),
        ("http: {redirectHosts: example.com}", "http.redirectHosts must be a list"),
    ])
    func aJobFileNumberOutOfRangeIsE060(extra: String, expected: String) throws {
        let dir = try prepared()
        defer { dir.remove() }
        try job(dir, sources: "      - folder: feed", extra: extra)
        let run = try round(dir)
        #expect(run.status == 2, "\(run)")
        #expect(
            run.reportedError?.description == "error E060 invalid-configuration: job.yaml:5: \(expected)",
            "\(run.stderr)")
    }

    // MARK: Class 8: status cut the sequence

    @Test func statusShowsALongSequenceWhole() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let text = factory.payload.replacingOccurrences(of: "\"sequence\": 12", with: "\"sequence\": 2147483647")
        let payload = Array(text.utf8)
        let message = EnvelopeWriter.dsseSigningInput(payload: payload)
        let envelope = EnvelopeWriter.dsse(
            payload: payload,
            signatures: [
                .init(
                    keyID: factory.issuer.publicKey.id,
                    signature: try factory.issuer.sign(
                        message,
                        algorithm: factory.issuer.defaultAlgorithm)),
                .init(
                    keyID: factory.custodian.publicKey.id,
                    signature: try factory.custodian.sign(message, algorithm: factory.custodian.defaultAlgorithm)),
            ])
        try dir.write(envelope, to: "feed/big.dsse.json")
        try job(dir, sources: "      - folder: feed")
        #expect(try round(dir).status == 0)
        let status = try VerifierBinary.run(
            ["status", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        // On main: "214748" fused with the date.
        #expect(
            textLines(status.output).contains(
                "kizuna-yen/KZJPY            2147483647 2026-10-31T15:00:00Z  21d   eligible 1b      100.50%    "
                    + "100.50%    "), "\(status.output)")
    }

    // MARK: Issue 10, class 10: a source speaks for another coin

    @Test func aSourceServesOnlyItsOwnCoinAndAnythingElseIsRefusedAgainstTheSource() throws {
        let dir = try prepared()
        defer { dir.remove() }
        _ = try dir.folder("sakura")
        // An unsigned payload naming another issuer, planted in Kizuna's folder.
        let sakura = try Data(
            contentsOf: packageRoot.appendingPathComponent(
                "samples/payloads/sakura-pay-2026-10.json"))
        try dir.write([UInt8](sakura), to: "feed/planted.json")
        try job(
            dir, sources: "      - folder: feed",
            coins: "  - issuer: sakura-pay\n    token: SKJPY\n    sources: [{folder: sakura}]")
        let result = try round(dir)
        #expect(result.status == 1, "\(result)")
        // On main: recorded under sakura-pay, with a critical signature-failure alert for it.
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "0")
        let alerts = alertLines(dir.path("alerts.jsonl"))
        #expect(!alerts.contains { $0.string("issuer") == "sakura-pay" && $0.string("type") != "stale" }, "\(alerts)")
        let refused = try #require(alerts.first { $0.string("type") == "source-error" })
        #expect(refused.string("issuer") == "kizuna-yen")
        #expect(
            refused.string("message")
                == "kizuna-yen/KZJPY: ./feed/planted.json served content that cannot be checked: "
                + "E010 the attestation names \"sakura-pay/SKJPY\"; this source serves only "
                + "kizuna-yen/KZJPY: refused, not recorded", "\(refused)")
        // The source is reported, not silently skipped.
        let sources = try VerifierBinary.run(["status", "--sources", "--db", "l.sqlite"], in: dir.url)
        #expect(
            textLines(sources.output) == [
                "kizuna-yen/KZJPY folder feed",
                "  ok; last success 2026-11-22T00:00:00Z; checked 2026-11-22T00:00:00Z",
                "  last error: 1 input refused; see the source-error alerts",
                "sakura-pay/SKJPY folder sakura",
                "  ok; last success 2026-11-22T00:00:00Z; checked 2026-11-22T00:00:00Z",
                "",
            ], "\(sources.output)")
    }

    // MARK: Operations

    @Test func aMissingFolderIsAnErrorWhenTheJobLoads() throws {
        let dir = try prepared()
        defer { dir.remove() }
        try job(dir, sources: "      - folder: nowhere")
        let run = try round(dir)
        #expect(run.status == 2, "\(run)")
        #expect(
            run.reportedError?.description
                == "error E060 invalid-configuration: kizuna-yen/KZJPY: source folder ./nowhere does not exist or is "
                + "not a folder",
            "\(run.stderr)")
    }

    @Test func statusSourcesShowsEachSourcesStateAndLastError() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        try dir.write(try factory.envelope(sequence: 12), to: "feed/k12.dsse.json")
        try job(dir, sources: "      - folder: feed\n      - url: \(server.base)/status/500")
        let result = try round(dir)
        #expect(result.status == 1, "--once exits 1 when a source failed: \(result)")
        let text = try VerifierBinary.run(["status", "--sources", "--db", "l.sqlite"], in: dir.url)
        #expect(text.status == 0)
        #expect(
            textLines(text.output) == [
                "kizuna-yen/KZJPY folder feed",
                "  ok; last success 2026-11-22T00:00:00Z; checked 2026-11-22T00:00:00Z",
                "kizuna-yen/KZJPY \(server.base)/status/500",
                "  FAILING x1; last success never; checked 2026-11-22T00:00:00Z",
                "  last error: HTTP 500",
                "",
            ], "\(text.output)")
        let json = try VerifierBinary.run(
            ["status", "--sources", "--db", "l.sqlite", "--format", "json"],
            in: dir.url
        ).json()
        guard case .object(let o) = json, case .array(let rows)? = o["sources"] else {
            Issue.record("no sources list")
            return
        }
        #expect(rows.count == 2)

        // A clean round exits 0 and sets the last successful round in the metrics.
        try job(dir, sources: "      - folder: feed")
        #expect(try round(dir, at: "2026-11-22T01:00:00Z").status == 0)
        let metrics = try String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8)
        let lastSuccess = try #require(Timestamp.parse("2026-11-22T01:00:00Z")).seconds
        let metricLines = textLines(metrics)
        #expect(
            metricLines.contains("reserve_verifier_last_successful_round_timestamp_seconds \(lastSuccess)"),
            "\(metrics)")
        // The version is the build's (a tag or commit), so only the sample's shape is fixed.
        #expect(
            metricLines.contains { $0.hasPrefix("reserve_verifier_build_info{version=\"") && $0.hasSuffix("\"} 1") },
            "\(metrics)")
        let asOf = try #require(Timestamp.parse("2026-10-31T15:00:00Z")).seconds
        #expect(
            metricLines.contains(
                "reserve_verifier_coin_as_of_timestamp_seconds{issuer=\"kizuna-yen\",token=\"KZJPY\"} \(asOf)"))
        #expect(
            metricLines.contains("reserve_verifier_source_failures{source=\"kizuna-yen/KZJPY folder feed\"} 0"),
            "\(metrics)")
    }

    @Test func failuresAreLoggedWithTheirIssuerTokenSourceAndSinkInTheFormatAsked() throws {
        let dir = try prepared()
        defer { dir.remove() }
        let server = try TestServer(root: dir.url)
        defer { server.stop() }
        try job(
            dir, sources: "      - url: \(server.base)/status/500", extra: "delivery: {attemptsPerRound: 1}",
            sinks: "  - name: down\n    type: webhook\n    url: \(server.base)/status-hook")
        let run = try VerifierBinary.run(
            [
                "watch", "--config", "job.yaml", "--once", "--at", "2026-11-22T00:00:00Z",
                "--log-format", "json",
            ], in: dir.url)
        #expect(run.status == 1, "\(run)")
        let events: [JSONObject] = run.stderr.split(separator: "\n").compactMap {
            if case .object(let o)? = try? JSONParser().parse(Array($0.utf8)) { o } else { nil }
        }
        #expect(events.count == run.stderr.split(separator: "\n").count, "every line is JSON: \(run.stderr)")
        let source = try #require(events.first { $0.string("msg")?.hasPrefix("source failed") == true })
        #expect(source.string("level") == "warning")
        #expect(source.string("msg") == "source failed: HTTP 500")
        #expect(source.string("issuer") == "kizuna-yen" && source.string("token") == "KZJPY")
        #expect(source.string("source") == "\(server.base)/status/500")
        let delivery = try #require(events.first { $0.string("msg")?.hasPrefix("delivery failed") == true })
        #expect(delivery.string("sink") == "down")
        #expect(delivery.string("alert") == "stale")
        #expect(events.last?.string("msg")?.hasPrefix("round: ") == true)

        let text = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--at", "2026-11-22T01:00:00Z"],
            in: dir.url)
        #expect(
            textLines(text.stderr).contains(
                "warning: source failed: HTTP 500 [issuer=kizuna-yen source=\(server.base)/status/500 token=KZJPY]"),
            "\(text.stderr)")
        let bad = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--log-level", "trace"],
            in: dir.url)
        #expect(bad.status == 64)
        #expect(
            bad.firstErrorLine == "Error: --log-level must be one of debug, info, notice, warning, error",
            "\(bad.stderr)")
    }

    @Test func aCommandSinkRunsInTheWorkingDirectoryTheJobFileSets() throws {
        let dir = try prepared()
        defer { dir.remove() }
        _ = try dir.folder("out")
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        try job(
            dir, sources: "      - folder: feed",
            sinks: "  - name: here\n    type: command\n    command: [\"sh\", \"-c\", \"cat > here.json\"]\n"
                + "    workingDirectory: out")
        #expect(try round(dir).status == 0)
        #expect(dir.exists("out/here.json"))

        // Without it, a command sink runs in the job file's folder (on main: the working directory of `watch`).
        _ = try dir.folder("jobs")
        try dir.write(
            """
            version: 1
            ledger: ../l2.sqlite
            keys: ../keys
            sinks:
              - name: here
                type: command
                command: ["sh", "-c", "cat > here.json"]
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources: [{folder: ../feed}]
            """, to: "jobs/job.yaml")
        let run = try VerifierBinary.run(
            ["watch", "--config", "jobs/job.yaml", "--once", "--at", "2026-11-22T00:00:00Z"],
            in: dir.url)
        #expect(run.status == 0, "\(run)")
        #expect(dir.exists("jobs/here.json") && !dir.exists("here.json"))
    }

    // MARK: Issue 14, part 5: --quiet and --verbose on watch

    /// `--quiet` writes warnings and errors only, `--verbose` debug lines too; `--log-level` wins.
    @Test func quietAndVerboseSetTheLogLevelUnlessItIsGiven() throws {
        let dir = try prepared()
        defer { dir.remove() }
        try dir.write(try factory.envelope(sequence: 13), to: "feed/k13.dsse.json")
        try job(dir, sources: "      - folder: feed")
        func watch(_ extra: [String], at time: String) throws -> RunResult {
            try VerifierBinary.run(
                ["watch", "--config", "job.yaml", "--once", "--at", time, "--log-format", "logfmt"] + extra,
                in: dir.url, deadline: .seconds(120))
        }

        // Each logfmt line starts with its wall-clock `time=`, so the lines are read by their
        // `level=` field rather than compared whole.
        func levels(_ run: RunResult) -> Set<String> {
            Set(
                run.stderr.split(separator: "\n").compactMap { line in
                    line.split(separator: " ").first { $0.hasPrefix("level=") }.map { String($0.dropFirst(6)) }
                })
        }
        let quiet = try watch(["--quiet"], at: "2026-11-22T00:00:00Z")
        #expect(quiet.status == 0, "\(quiet)")
        #expect(levels(quiet).isSubset(of: ["warning", "error"]), "\(quiet.stderr)")
        let plain = try watch([], at: "2026-11-22T01:00:00Z")
        #expect(levels(plain) == ["info"], "\(plain.stderr)")
        let given = try watch(["--quiet", "--log-level", "info"], at: "2026-11-22T02:00:00Z")
        #expect(levels(given) == ["info"], "\(given.stderr)")
    }
}
