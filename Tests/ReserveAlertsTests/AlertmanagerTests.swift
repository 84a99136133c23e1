import Foundation
import ReserveAlerts
import ReserveCore
import TestSupport
import Testing

/// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a loopback port.
@Suite(
    .serialized,
    .enabled(
        if: tool("prometheus-alertmanager") != nil || tool("alertmanager") != nil,
        "Alertmanager is not installed (.ci/run installs prometheus-alertmanager)"))
struct AlertmanagerTests {
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func alerts(_ base: String) throws -> [JSONObject] {
        let data = try Data(contentsOf: URL(string: base + "/api/v2/alerts")!)  // constant test URL
        guard case .array(let list) = try JSONParser().parse(Array(data)) else {
            throw TestFailure(
                "\(base)/api/v2/alerts did not answer a JSON list: \(String(decoding: data.prefix(500), as: UTF8.self))"
            )
        }
        return try list.map { value in
            guard case .object(let o) = value else {
                throw TestFailure("\(base)/api/v2/alerts listed a non-object: \(value)")
            }
            return o
        }
    }

    @Test func alertmanagerListsTheAlertAndRecoveryResolvesIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let factory = try KizunaFactory()
        let port = try Self.freePort()
        try dir.write("route:\n  receiver: none\nreceivers:\n  - name: none\n", to: "am.yml")
        let am = Process()
        am.executableURL = URL(
            fileURLWithPath: tool("prometheus-alertmanager") ?? tool("alertmanager")
                ?? "/usr/bin/prometheus-alertmanager")
        am.arguments = [
            "--config.file=\(dir.path("am.yml"))", "--storage.path=\(dir.path("am-data"))",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=error",
        ]
        am.standardOutput = FileHandle.nullDevice
        am.standardError = FileHandle.nullDevice
        try am.run()
        defer {
            kill(am.processIdentifier, SIGKILL)  // SIGTERM may be inherited blocked
            am.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        // The URL is a constant: the force unwrap cannot fail.
        while (try? Data(contentsOf: URL(string: base + "/-/ready")!)) == nil && Date() < deadline { usleep(100_000) }

        try dir.write(
            """
            version: 1
            ledger: l.sqlite
            keys: keys
            delivery: {initialBackoffSeconds: 0.2}
            sinks:
              - name: am
                type: alertmanager
                url: \(base)
            coins:
              - issuer: kizuna-yen
                token: KZJPY
                sources: [{folder: feed}]
            """, to: "job.yaml")
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        let now = Clock.iso(Date())
        let first = try VerifierBinary.run(["watch", "--config", "job.yaml", "--once", "--at", now], in: dir.url)
        #expect(
            first.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; "
                + "alerts: 1 raised, 1 delivered, 0 pending", "\(first.stderr)")
        let firing = try alerts(base).filter { alert in
            guard case .object(let labels)? = alert["labels"] else { return false }
            return labels.string("alertname") == "ReserveCoinNotEligible" && labels.string("issuer") == "kizuna-yen"
        }
        #expect(firing.count == 1)
        let alert = try #require(firing.first)
        guard case .object(let status)? = alert["status"] else {
            throw TestFailure("the alert has no status object: \(alert)")
        }
        #expect(status.string("state") == "active")

        try dir.write(try factory.envelope(sequence: 14), to: "feed/k14.dsse.json")
        // The recovery's endsAt is the round's time (whole seconds, so not in Alertmanager's future).
        let second = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--at", Clock.iso(Date())], in: dir.url)
        #expect(
            second.roundLine
                == "round: 2 verified, 1 recorded, 1 already known, 0 sources unchanged, 0 failures; "
                + "alerts: 1 raised, 1 delivered, 0 pending", "\(second.stderr)")
        func active() throws -> [JSONObject] {
            try alerts(base).filter { alert in
                guard case .object(let labels)? = alert["labels"],
                    labels.string("alertname") == "ReserveCoinNotEligible"
                else { return false }
                if case .object(let status)? = alert["status"] { return status.string("state") == "active" }
                return true
            }
        }
        let until = Date().addingTimeInterval(5)
        while try !active().isEmpty && Date() < until { usleep(200_000) }
        #expect(try active().isEmpty, "the alert is still active after recovery")
    }
}

extension AlertmanagerTests {
    /// An Alertmanager on a fresh port with storage of its own, ready to answer.
    func startAlertmanager(_ dir: TemporaryDirectory, storage: String) throws -> (process: Process, base: String) {
        let port = try Self.freePort()
        try dir.write("route:\n  receiver: none\nreceivers:\n  - name: none\n", to: "am.yml")
        let am = Process()
        am.executableURL = URL(
            fileURLWithPath: tool("prometheus-alertmanager") ?? tool("alertmanager")
                ?? "/usr/bin/prometheus-alertmanager")
        am.arguments = [
            "--config.file=\(dir.path("am.yml"))", "--storage.path=\(dir.path(storage))",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=error",
        ]
        am.standardOutput = FileHandle.nullDevice
        am.standardError = FileHandle.nullDevice
        try am.run()
        let base = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        while (try? Data(contentsOf: URL(string: base + "/-/ready")!)) == nil && Date() < deadline {  // constant URL
            usleep(100_000)
        }
        return (am, base)
    }

    /// Issue 11: Alertmanager keeps alerts in memory. A problem raised once (and delivered once
    /// through the outbox) is sent again every round with an endsAt ahead, so a restarted
    /// Alertmanager lists it again.
    @Test func aRestartedAlertmanagerLearnsTheActiveProblemAgain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.copyKeys()
        let factory = try KizunaFactory()
        try dir.write(try factory.envelope(sequence: 13, eligible: false), to: "feed/k13.dsse.json")
        func job(_ base: String) throws {
            try dir.write(
                """
                version: 1
                ledger: l.sqlite
                keys: keys
                delivery: {alertmanagerEndsAfterSeconds: 600}
                sinks:
                  - name: am
                    type: alertmanager
                    url: \(base)
                coins:
                  - issuer: kizuna-yen
                    token: KZJPY
                    sources: [{folder: feed}]
                """, to: "job.yaml")
        }
        func notEligible(_ base: String) throws -> [JSONObject] {
            try alerts(base).filter { alert in
                guard case .object(let labels)? = alert["labels"] else { return false }
                return labels.string("alertname") == "ReserveCoinNotEligible"
            }
        }
        let first = try startAlertmanager(dir, storage: "am-1")
        try job(first.base)
        // The round's time is pinned, so the alert's end is exact: raised at `at`, ending 600 s later.
        let at = Clock.iso(Date())
        let round1 = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--at", at],
            in: dir.url)
        #expect(
            round1.roundLine
                == "round: 1 verified, 1 recorded, 0 already known, 0 sources unchanged, 0 failures; "
                + "alerts: 1 raised, 1 delivered, 0 pending", "\(round1.stderr)")
        let listed = try #require(try notEligible(first.base).first)
        let endsAt = try #require(listed.string("endsAt").flatMap { Timestamp.parse(String($0.prefix(19)) + "Z") })
        #expect(endsAt == (try #require(Timestamp.parse(at))).adding(seconds: 600), "endsAt \(endsAt), raised at \(at)")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        // A new Alertmanager knows nothing; the next round raises nothing new, yet it learns the problem.
        let second = try startAlertmanager(dir, storage: "am-2")
        defer {
            kill(second.process.processIdentifier, SIGKILL)
            second.process.waitUntilExit()
        }
        #expect(try notEligible(second.base).isEmpty)
        try job(second.base)
        let round2 = try VerifierBinary.run(
            ["watch", "--config", "job.yaml", "--once", "--at", Clock.iso(Date())],
            in: dir.url)
        #expect(round2.status == 0, "\(round2)")
        #expect(
            round2.roundLine
                == "round: 0 verified, 0 recorded, 0 already known, 1 sources unchanged, 0 failures; "
                + "alerts: 0 raised, 0 delivered, 0 pending", "\(round2.stderr)")
        #expect(try notEligible(second.base).count == 1)
    }
}

enum Clock {
    /// Whole-second RFC 3339 UTC for `--at`.
    static func iso(_ date: Date) -> String {
        Timestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).description
    }
}
