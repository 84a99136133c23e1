import Foundation
import ReserveAlerts
import ReserveCore
import TestSupport
import Testing

/// Issue 11's soak test: `watch` runs many short rounds against a loopback server that misbehaves
/// on purpose (a slow body, 500s, a redirect loop, a redirect to plain http elsewhere, a huge body,
/// an envelope of junk signatures) while its sinks hang, fail and recover, and while the coin flips
/// between eligible and not. It stops by itself (a fixed number of rounds, then SIGTERM; SIGKILL
/// and the server's own lifetime if anything goes wrong).
@Suite(.serialized) struct WatchSoakTests {
    @Test(.timeLimit(.minutes(10)))
    func manyShortRoundsAgainstAMisbehavingServerLoseNoAlertAndSendNoneTwice() throws {
        let factory = try KizunaFactory()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let served = URL(fileURLWithPath: try dir.folder("served"))
        try Data(try factory.envelope(sequence: 12)).write(to: served.appendingPathComponent("good.dsse.json"))
        let junk = EnvelopeWriter.dsse(
            payload: Array(factory.payload.utf8),
            signatures: (0..<5_000).map { _ in
                .init(keyID: factory.issuer.publicKey.id, signature: [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01])
            })
        try Data(junk).write(to: served.appendingPathComponent("junk.dsse.json"))
        let server = try TestServer(root: served, lifetime: 300)
        defer { server.stop() }
        try server.post("/control/flaky?fail=5")
        try dir.write("", to: "hang")  // the `moody` sink hangs while this file exists
        let base = server.base
        try dir.write(
            """
            version: 1
            ledger: l.sqlite
            keys: keys
            metricsFile: metrics.prom
            unreachableAfterRounds: 2
            http: {timeoutSeconds: 1, maxBytes: 1048576, maxRedirects: 3}
            delivery: {timeoutSeconds: 1, attemptsPerRound: 2, initialBackoffSeconds: 0.05, maxBackoffSeconds: 0.2,
                       parkAfterAttempts: 1000}
            sinks:
              - name: log
                type: command
                command: ["sh", "-c", "cat >> alerts.jsonl"]
                workingDirectory: .
              - name: moody
                type: command
                command: ["sh", "-c", "if [ -e hang ]; then sleep 60; fi; cat >> moody.jsonl"]
                workingDirectory: .
              - name: flaky
                type: webhook
                url: \(base)/hook/flaky
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources:
                  - url: \(base)/files/good.dsse.json
                  - url: \(base)/trickle
                  - url: \(base)/status/500
                  - url: \(base)/redirect/9
                  - url: \(base)/redirect-to?url=http://example.com/latest.json
                  - url: \(base)/big
                  - url: \(base)/files/junk.dsse.json
            """, to: "job.yaml")

        let process = VerifierBinary.process(["watch", "--config", "job.yaml", "--interval", "1s"], in: dir.url)
        let log = dir.url.appendingPathComponent("watch.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? handle.close()
        }
        func rounds() -> [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("round: ") }
        }

        // Every metrics file the rounds write, as seen by polling; the coin flips every third round,
        // the sinks recover after the ninth.
        var snapshots: [String: String] = [:]  // round timestamp + duration -> file
        var flipped = 12
        let deadline = Date().addingTimeInterval(240)
        while rounds().count < 15 && Date() < deadline && process.isRunning {
            if let text = try? String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8),
                let stamp = Self.sample(text, "reserve_verifier_round_timestamp_seconds"),
                let duration = Self.sample(text, "reserve_verifier_round_duration_seconds")
            {
                snapshots["\(stamp) \(duration)"] = text
            }
            let done = rounds().count
            if done >= 3 * (flipped - 11) && flipped < 16 {
                flipped += 1
                let envelope = try factory.envelope(sequence: flipped, eligible: flipped % 2 == 0)
                try Data(envelope).write(to: served.appendingPathComponent("good.dsse.json"))
            }
            if done >= 9 && dir.exists("hang") { try FileManager.default.removeItem(atPath: dir.path("hang")) }
            usleep(100_000)
        }
        let soFar = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(process.isRunning, "watch died: \(soFar.suffix(2000))")
        let before = rounds().count
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()  // bounded by the time limit: a watch that ignores SIGTERM fails it
        // Stopped as docs/WATCH.md says: the signal logged, exit 0 (clean rounds) by itself, at most
        // the round in hand finished (or stopped early), no round started after it.
        let after = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(after.suffix(2000))")
        let stopping = try #require(
            after.range(of: "signal 15: cancelling fetches and deliveries in flight, then stopping"),
            "\(after.suffix(2000))")
        let roundsAfterSignal = after[stopping.upperBound...].split(separator: "\n").filter {
            $0.hasPrefix("round: ")
        }
        #expect(roundsAfterSignal.count <= 1, "\(roundsAfterSignal)")
        #expect(rounds().count - before <= 1, "\(before) rounds before SIGTERM, \(rounds().count) after")
        // Nothing half-written: the metrics file is complete, the ledger's chain and file intact.
        let metrics = try String(contentsOfFile: dir.path("metrics.prom"), encoding: .utf8)
        #expect(metrics.hasSuffix("\n") && metrics.contains("reserve_verifier_build_info"), "\(metrics)")
        #expect(try sqlite3(dir.path("l.sqlite"), "PRAGMA integrity_check") == "ok")
        let chain = try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url)
        #expect(chain.status == 0, "\(chain)")
        let lines = rounds()
        #expect(lines.count >= 15, "\(lines.count) rounds")

        // No round waited for its slow source (rather than timing rounds, which a loaded machine
        // makes flaky): every round's metrics count the minute-long body as a failure of that round,
        // and the server saw every one of its requests cut off by the client, none read to the end.
        // The metrics file was rewritten round after round (polling sees most rewrites; each is a
        // complete file).
        #expect(snapshots.count >= lines.count / 2, "\(snapshots.count) metrics files seen for \(lines.count) rounds")
        let trickleFailures = "reserve_verifier_source_failures{source=\"kizuna-yen/KZJPY \(base)/trickle\"}"
        for text in snapshots.values {
            #expect(text.hasSuffix("\n") && text.contains("reserve_verifier_build_info"), "a half-written metrics file")
            let failed = Int(Self.sample(text, trickleFailures) ?? "") ?? 0
            #expect(failed >= 1, "a round did not cut off the slow body: \(text)")
        }
        var trickles = try WatchHardeningTests.trickles(server)
        while trickles["now"] != 0 {  // the server notices the last hang-up; the time limit bounds this
            usleep(20_000)
            trickles = try WatchHardeningTests.trickles(server)
        }
        #expect(trickles["full"] == 0 && (trickles["cut"] ?? 0) >= lines.count / 2, "\(trickles)")
        if let promtool = tool("promtool") {
            for text in snapshots.values.prefix(5) {
                try dir.write(text, to: "snapshot.prom")
                let check = try runProgram(
                    URL(fileURLWithPath: "/bin/sh"),
                    [
                        "-c",
                        "exec \"$0\" check metrics < snapshot.prom", promtool,
                    ],
                    in: dir.url, mergingStandardError: true)
                #expect(check.status == 0, "\(check.output)")
            }
        }

        // Two more rounds with every sink healthy deliver what is left.
        for _ in 0..<2 {
            _ = try VerifierBinary.run(
                ["watch", "--config", "job.yaml", "--once"], in: dir.url, deadline: .seconds(60))
        }
        #expect(
            try sqlite3(
                dir.path("l.sqlite"),
                "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == "0")
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(DISTINCT sequence) FROM attestation") == "5")

        // Every alert was delivered once to every sink: none lost, none twice (counted at the sinks).
        func keys(_ objects: [JSONObject]) -> [String] { objects.compactMap { $0.string("dedupKey") } }
        guard case .array(let bodies) = try JSONParser().parse(Array(try server.get("/received/flaky"))) else {
            Issue.record("the webhook's list cannot be read")
            return
        }
        let flaky = keys(
            bodies.compactMap { body -> JSONObject? in
                guard case .string(let text) = body, case .object(let o)? = try? JSONParser().parse(Array(text.utf8))
                else {
                    return nil
                }
                return o
            })
        let received = [
            "log": keys(alertLines(dir.path("alerts.jsonl"))),
            "moody": keys(alertLines(dir.path("moody.jsonl"))),
            "flaky": flaky,
        ]
        for (sink, got) in received {
            let queued = try sqlite3(
                dir.path("l.sqlite"),
                "SELECT dedup_key FROM alert_outbox WHERE sink = '\(sink)' ORDER BY id"
            )
            .split(separator: "\n").map(String.init)
            #expect(got.count == Set(got).count, "\(sink) got an alert twice: \(got)")
            #expect(Set(got) == Set(queued), "\(sink): queued \(queued.count), received \(got.count)")
        }
        let types = Set(alertLines(dir.path("alerts.jsonl")).compactMap { $0.string("type") })
        #expect(types.isSuperset(of: ["not-eligible", "recovered", "source-unreachable", "source-error"]), "\(types)")
    }

    /// The value of an unlabelled sample in a Prometheus text file.
    static func sample(_ text: String, _ name: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
    }
}
