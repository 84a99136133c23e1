import Foundation
import ReserveCore
import TestSupport
import Testing

/// A `VerifierError` in a `watch --once` round reaches the root command, which reports it once and
/// exits 2, as for every other command.
@Suite struct WatchExitTests {
    @Test func aDamagedLedgerStopsAOnceRoundWithItsErrorAndExit2() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("attestations"), to: dir.url.appendingPathComponent("att"))
        try dir.copyKeys()
        let job = dir.url.appendingPathComponent("att/watch.yaml")
        let text = try String(contentsOf: job, encoding: .utf8)
            .replacingOccurrences(of: "ledger: ../reserve-verifier.sqlite", with: "ledger: ../l.sqlite")
            .replacingOccurrences(of: "metricsFile: ../reserve-verifier.prom", with: "metricsFile: ../l.prom")
        try text.write(to: job, atomically: true, encoding: .utf8)
        let first = try VerifierBinary.run(
            ["watch", "--config", "att/watch.yaml", "--once", "--at", "2026-12-01T00:00:00Z"], in: dir.url)
        #expect(first.status == 1, "\(first)")
        // An attacker with a sqlite3 shell edits a verdict.
        let edit = try sqlite3(
            dir.path("l.sqlite"),
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET eligible = 1 - eligible WHERE id = 2")
        #expect(edit == "")

        let run = try VerifierBinary.run(
            ["watch", "--config", "att/watch.yaml", "--once", "--at", "2026-12-01T01:00:00Z", "--log-format", "json"],
            in: dir.url)
        #expect(run.status == 2, "\(run)")
        #expect(
            run.stderr == """
                error E052 ledger-damaged: att/../l.sqlite is damaged: evaluation 2 no longer matches its hash \
                (the row, its findings or its attestation were edited); run `reserve-verifier ledger verify`

                """)
    }
}
