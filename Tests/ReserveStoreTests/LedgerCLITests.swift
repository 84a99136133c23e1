import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport
import Testing

/// The ledger through the built binary: default location, replays, faults, concurrent processes,
/// a SIGKILL in the middle of recording.
@Suite struct LedgerCLITests {
    /// A temporary working copy of the shipped samples and trust store.
    func workspace() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for name in ["attestations", "keys"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        return dir
    }

    @Test func theMainCommandRecordsIntoTheDefaultDatabaseAndASecondRunReportsReplays() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let first = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(first.status == 1)
        #expect(FileManager.default.fileExists(atPath: dir.path("reserve-verifier.sqlite")))
        #expect(first.output.components(separatedBy: "ledger: recorded").count - 1 >= 4)
        let second = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(second.status == 1)
        // Six envelopes, five payloads (a tampered one reuses a genuine payload): all replays now.
        #expect(second.output.components(separatedBy: "ledger: already recorded: nothing new stored").count - 1 == 6)
        #expect(!second.output.contains("ledger: recorded"))
        #expect(try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT count(*) FROM attestation") == "5")
    }

    @Test func dbOptionAndEnvironmentVariableChooseTheLedger() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--db", "a.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        _ = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z"], in: dir.url,
                           environment: ["RESERVE_VERIFIER_DB": dir.path("b.sqlite")])
        #expect(FileManager.default.fileExists(atPath: dir.path("a.sqlite")))
        #expect(FileManager.default.fileExists(atPath: dir.path("b.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("reserve-verifier.sqlite")))
        let none = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--no-record", "--db", "c.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(none.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path("c.sqlite")))
    }

    @Test func aNonSQLiteDatabaseFileStillPrintsTheResultsThenExits2AndIsLeftUntouched() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let content = Data("not a database".utf8)
        _ = FileManager.default.createFile(atPath: dir.path("notes.txt"), contents: content)
        let result = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--db", "notes.txt", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.output.contains("ELIGIBLE"))
        #expect(result.stderr.contains("E051"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("notes.txt"))) == content)
    }

    @Test func aLedgerThatCannotBeOpenedStillPrintsTheResultsThenExits2() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let result = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--db", "no/such/folder/l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.output.contains("ELIGIBLE"))
        #expect(result.stderr.contains("E050"))
        #expect(result.stderr.contains("not recorded"))
    }

    @Test(.enabled(if: getuid() != 0, "root ignores file permissions"))
    func aReadOnlyLedgerStillPrintsTheResultsThenExits2() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.path("l.sqlite"))
        let result = try VerifierBinary.run(["verify", "attestations/sakura-pay", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.output.contains("SKJPY"))
    }

    @Test func twoVerifyProcessesRecordingIntoOneDatabaseBothSucceed() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let factory = try SakuraFactory()
        for folder in ["a", "b"] {
            let url = dir.url.appendingPathComponent("batch-\(folder)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for i in 0..<60 {
                try Data(try factory.envelope(sequence: 1000 + i, variant: "\(folder)\(i)"))
                    .write(to: url.appendingPathComponent(String(format: "e%03d.dsse.json", i)))
            }
        }
        let a = try Binary.start(["verify", "batch-a", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let b = try Binary.start(["verify", "batch-b", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        a.waitUntilExit()
        b.waitUntilExit()
        // Exit 1: the Sakura coin is not eligible. Never 2: nothing failed to record.
        #expect(a.terminationStatus == 1)
        #expect(b.terminationStatus == 1)
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "120")
        let check = try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url)
        #expect(check.status == 0)
        #expect(check.output.contains("ok: 120 evaluations"))
    }

    @Test func aProcessKilledWhileRecordingLeavesAConsistentLedgerAndARerunCompletesTheRest() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let factory = try SakuraFactory()
        let total = 1500
        let batch = dir.url.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        for i in 0..<total {
            try Data(try factory.envelope(sequence: 1000 + i, variant: "k\(i)")).write(to: batch.appendingPathComponent(String(format: "e%04d.dsse.json", i)))
        }
        let db = dir.path("l.sqlite")
        let process = try Binary.start(["verify", "batch", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        // Wait until recording has started, then kill without warning.
        var recorded = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: db),
               let count = Int(try sqlite3(db, "SELECT count(*) FROM attestation")), count > 0 {
                recorded = count
                break
            }
            usleep(5_000)
        }
        try #require(process.isRunning, "the run finished before it could be killed; raise `total`")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(recorded > 0)

        #expect(try sqlite3(db, "PRAGMA integrity_check") == "ok")
        let committed = try #require(Int(try sqlite3(db, "SELECT count(*) FROM attestation")))
        #expect(committed < total)
        // Whole transactions only: every attestation has its evaluation, every evaluation its findings.
        #expect(try sqlite3(db, "SELECT count(*) FROM evaluation") == String(committed))
        #expect(try sqlite3(db, "SELECT count(*) FROM evaluation e WHERE NOT EXISTS (SELECT 1 FROM finding f WHERE f.evaluation_ref = e.id)") == "0")
        let chain = try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url)
        #expect(chain.status == 0, "\(chain.output)\(chain.stderr)")

        let rerun = try VerifierBinary.run(["verify", "batch", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z", "--format", "json"], in: dir.url)
        #expect(rerun.status == 1)
        #expect(try sqlite3(db, "SELECT count(*) FROM attestation") == String(total))
        #expect(rerun.output.components(separatedBy: "\"rule\": \"REPLAY\"").count - 1 == committed)
        #expect(try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url).output.contains("ok: \(total) evaluations"))
    }

    @Test func statusAndHistoryShowTheSamples() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let status = try VerifierBinary.run(["status", "--at", "2026-11-23T00:00:00Z"], in: dir.url)
        #expect(status.status == 0)
        for coin in ["harbor-usd/HUSD", "kizuna-yen/KZJPY", "sakura-pay/SKJPY", "tideline-usd/TDUSD"] {
            #expect(status.output.contains(coin), "\(coin) missing from status")
        }
        #expect(status.output.contains("eligible 1b"))
        let json = try VerifierBinary.run(["status", "--format", "json", "--at", "2027-01-01T00:00:00Z"], in: dir.url)
        let parsed = try JSONParser().parse(json.stdout)
        guard case .object(let root) = parsed, case .array(let coins)? = root["coins"] else {
            Issue.record("status JSON has no coins")
            return
        }
        #expect(coins.count == 4)
        guard case .object(let kizuna) = coins[1] else { return }
        #expect(kizuna["token"] == .string("KZJPY"))
        #expect(kizuna["group1b"] == .string("eligible"))
        #expect(kizuna["coverage"] == .string("1.005"))
        #expect(kizuna["staleNow"] == .bool(true))  // 2027-01-01 is 61 days after asOf

        let history = try VerifierBinary.run(["history", "sakura-pay", "--format", "csv"], in: dir.url)
        #expect(history.status == 0)
        let lines = history.output.split(separator: "\n")
        #expect(lines.first == "evaluation,token,sequence,as_of,kind,profile,evaluated_at,group1b,group,blocking,coverage,stressed_coverage,accepted,digest")
        // The genuine attestation, then the tampered envelope kept as evidence (not accepted).
        #expect(lines.count == 3)
        #expect(lines[1].contains(",SKJPY,37,2026-10-31T15:00:00Z,verify,bcbs@2026-01-01,2026-11-22T00:00:00Z,"
                                  + "not-eligible,2b,RRT-OC CC3-PERMISSIONLESS CC4-ENTITIES,"))
        #expect(lines[1].contains(",true,sha256:"))
        #expect(lines[2].contains(",not-eligible,2b,SIG-TRUSTED,,,false,sha256:"))
        let text = try VerifierBinary.run(["history", "kizuna-yen"], in: dir.url)
        #expect(text.output.contains("eligible 1b"))
    }

    @Test func reevaluateRecordsNewEvaluationsAndPrintsWhichVerdictsChange() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let result = try VerifierBinary.run(["reevaluate", "--profile", "hkma", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 0)
        // Harbor USD's mitigation URL no longer passes CC3 under hkma (structured evidence needed) and
        // its unregulated validators fail CC4 (issue 12): not eligible under either profile.
        #expect(result.output.contains("same     harbor-usd/HUSD #58: not eligible (bcbs@2026-01-01) -> not eligible "
                                       + "(hkma@2026-01-01)"))
        #expect(result.output.contains("same     kizuna-yen/KZJPY #12"))
        let chain = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        #expect(chain.output.contains("ok: 9 evaluations"))  // 5 at verify + 4 accepted re-evaluated
    }

    @Test func ledgerVerifyReportsTheFirstBrokenLinkWithExit1() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        _ = try sqlite3(dir.path("reserve-verifier.sqlite"), "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET coverage = '9.99' WHERE id = 3;")
        let result = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.output.contains("broken at evaluation 3"))
    }
}
