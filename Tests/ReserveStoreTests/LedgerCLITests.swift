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
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        return dir
    }

    /// `status --at 2026-11-23T00:00:00Z` after the samples were recorded at 2026-11-22, line by line.
    static let statusOfTheSamples = [
        "profile: bcbs",
        "ISSUER/TOKEN                SEQ   AS OF                 AGE   VERDICT          COVERAGE   STRESSED   NOTES",
        "harbor-usd/HUSD             58    2026-10-31T21:00:00Z  22d   not eligible 2b  100.76%    100.42%    "
            + "blocked by CC3-PERMISSIONLESS,CC4-ENTITIES",
        "kizuna-yen/KZJPY            12    2026-10-31T15:00:00Z  22d   eligible 1b      100.50%    100.50%    ",
        "sakura-pay/SKJPY            37    2026-10-31T15:00:00Z  22d   not eligible 2b  100.82%    98.12%     "
            + "blocked by RRT-OC,CC3-PERMISSIONLESS,CC4-ENTITIES",
        "tideline-usd/TDUSD          9     2026-10-31T00:00:00Z  23d   not eligible 2b  103.00%    19.60%     "
            + "blocked by CC1-NO-CRYPTO-REF,RRT-OC,RRT-QUALITY,RRT-CCY,RRT-GOV,RRT-DISCLOSE,RRT-AUDIT,"
            + "CC1-SUPERVISED,CC1-CUSTODY,CC2-LEGAL,CC2-FINALITY,CC2-REDEEM,CC3-NETWORK,CC3-PERMISSIONLESS,"
            + "CC4-ENTITIES,CC4-GOVERNANCE",
        "",
    ]

    /// A text's lines, each compared whole.
    func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    @Test func theMainCommandRecordsIntoTheDefaultDatabaseAndASecondRunReportsReplays() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let first = try VerifierBinary.run(
            ["verify", "attestations", "--at", "2026-11-22T00:00:00Z", "--details"], in: dir.url)
        #expect(first.status == 1)
        #expect(FileManager.default.fileExists(atPath: dir.path("reserve-verifier.sqlite")))
        // Four attestations recorded as their coin's latest state, the tampered envelope and the
        // rejected one kept as evidence.
        #expect(lines(first.output).filter { $0 == "  ledger: recorded" }.count == 4, "\(first.output)")
        #expect(
            lines(first.output).filter { $0 == "  ledger: recorded as evidence; not the coin's latest state" }.count
                == 2, "\(first.output)")
        #expect(
            lines(first.output).contains(
                "6 inputs: 1 eligible, 5 not eligible, 0 could not be checked (profile bcbs@2026-01-01, "
                    + "evaluated at 2026-11-22T00:00:00Z; recorded in reserve-verifier.sqlite)"), "\(first.output)")
        let second = try VerifierBinary.run(
            ["verify", "attestations", "--at", "2026-11-22T00:00:00Z", "--details"], in: dir.url)
        #expect(second.status == 1)
        // Six envelopes, five payloads: the tampered one reuses a genuine payload and is kept apart
        // as untrusted evidence. All six are replays now, judged again and recorded as evaluations.
        #expect(
            second.output.components(separatedBy: "ledger: already recorded: judged again against the coin's history")
                .count - 1 == 6)
        #expect(!second.output.contains("ledger: recorded"))
        #expect(try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT count(*) FROM attestation") == "6")
        #expect(try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT count(*) FROM evaluation") == "12")
    }

    @Test func dbOptionAndEnvironmentVariableChooseTheLedger() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--db", "a.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        _ = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z"], in: dir.url,
            environment: ["RESERVE_VERIFIER_DB": dir.path("b.sqlite")])
        #expect(FileManager.default.fileExists(atPath: dir.path("a.sqlite")))
        #expect(FileManager.default.fileExists(atPath: dir.path("b.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("reserve-verifier.sqlite")))
        let none = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--no-record", "--db", "c.sqlite", "--at", "2026-11-22T00:00:00Z"],
            in: dir.url)
        #expect(none.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path("c.sqlite")))
    }

    @Test func aNonSQLiteDatabaseFileStillPrintsTheResultsThenExits2AndIsLeftUntouched() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let content = Data("not a database".utf8)
        _ = FileManager.default.createFile(atPath: dir.path("notes.txt"), contents: content)
        let result = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--db", "notes.txt", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 2)
        #expect(lines(result.output).contains("  verdict: ELIGIBLE: Group 1b under bcbs@2026-01-01"), "\(result)")
        #expect(
            result.stderr
                == "the results above were not recorded: error E051 incompatible-database: notes.txt is not an SQLite "
                + "database; it was left untouched (choose another file with --db)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("notes.txt"))) == content)
    }

    @Test func aLedgerThatCannotBeOpenedStillPrintsTheResultsThenExits2() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let result = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--db", "no/such/folder/l.sqlite", "--at", "2026-11-22T00:00:00Z"],
            in: dir.url)
        #expect(result.status == 2)
        #expect(lines(result.output).contains("  verdict: ELIGIBLE: Group 1b under bcbs@2026-01-01"), "\(result)")
        #expect(
            result.stderr
                == "the results above were not recorded: error E050 storage: no/such/folder/l.sqlite: the ledger could "
                + "not be opened: the database file cannot be opened\n")
    }

    @Test(.enabled(if: getuid() != 0, "root ignores file permissions"))
    func aReadOnlyLedgerStillPrintsTheResultsThenExits2() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.path("l.sqlite"))
        let result = try VerifierBinary.run(
            ["verify", "attestations/sakura-pay", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 2)
        #expect(
            lines(result.output).contains(
                "  verdict: NOT ELIGIBLE: Group 2b under bcbs@2026-01-01; blocked by RRT-OC, CC3-PERMISSIONLESS, "
                    + "CC4-ENTITIES"), "\(result)")
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
        let a = try Binary.start(
            ["verify", "batch-a", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let b = try Binary.start(
            ["verify", "batch-b", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        a.waitUntilExit()
        b.waitUntilExit()
        // Exit 1: the Sakura coin is not eligible. Never 2: nothing failed to record.
        #expect(a.terminationStatus == 1)
        #expect(b.terminationStatus == 1)
        #expect(try sqlite3(dir.path("l.sqlite"), "SELECT count(*) FROM attestation") == "120")
        let check = try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url)
        #expect(check.status == 0)
        #expect(check.output == "ok: 120 evaluations, hash chain intact\n", "\(check)")
    }

    @Test func aProcessKilledWhileRecordingLeavesAConsistentLedgerAndARerunCompletesTheRest() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let factory = try SakuraFactory()
        let total = 1500
        let batch = dir.url.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        for i in 0..<total {
            try Data(try factory.envelope(sequence: 1000 + i, variant: "k\(i)")).write(
                to: batch.appendingPathComponent(String(format: "e%04d.dsse.json", i)))
        }
        let db = dir.path("l.sqlite")
        let process = try Binary.start(
            ["verify", "batch", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        // Wait until recording has started, then kill without warning.
        var recorded = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: db),
                let count = Int(try sqlite3(db, "SELECT count(*) FROM attestation")), count > 0
            {
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
        // Group commit: whole batches of 256 (verify's batch size) or nothing of one.
        #expect(committed % 256 == 0, "\(committed) attestations committed: part of a batch")
        // Whole transactions only: every attestation has its evaluation, every evaluation its findings.
        #expect(try sqlite3(db, "SELECT count(*) FROM evaluation") == String(committed))
        #expect(
            try sqlite3(
                db,
                "SELECT count(*) FROM evaluation e WHERE NOT EXISTS (SELECT 1 FROM finding f WHERE f.evaluation_ref "
                    + "= e.id)"
            ) == "0")
        let chain = try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url)
        #expect(chain.status == 0, "\(chain.output)\(chain.stderr)")

        let rerun = try VerifierBinary.run(
            ["verify", "batch", "--db", "l.sqlite", "--at", "2026-11-22T00:00:00Z", "--format", "json"], in: dir.url)
        #expect(rerun.status == 1)
        #expect(try sqlite3(db, "SELECT count(*) FROM attestation") == String(total))
        #expect(rerun.output.components(separatedBy: "\"rule\": \"REPLAY\"").count - 1 == committed)
        // Every verdict is on record: the replays' evaluations were appended too.
        #expect(
            try VerifierBinary.run(["ledger", "verify", "--db", "l.sqlite"], in: dir.url).output
                == "ok: \(total + committed) evaluations, hash chain intact\n")
    }

    @Test func statusAndHistoryShowTheSamples() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let status = try VerifierBinary.run(["status", "--at", "2026-11-23T00:00:00Z"], in: dir.url)
        #expect(status.status == 0)
        #expect(lines(status.output) == Self.statusOfTheSamples, "\(status.output)")
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
        // The genuine attestation, then the tampered envelope kept as evidence (not accepted).
        #expect(
            lines(history.output) == [
                "evaluation,token,sequence,as_of,kind,profile,evaluated_at,group1b,group,blocking,coverage,"
                    + "stressed_coverage,accepted,digest",
                "3,SKJPY,37,2026-10-31T15:00:00Z,verify,bcbs@2026-01-01,2026-11-22T00:00:00Z,"
                    + "not-eligible,2b,RRT-OC CC3-PERMISSIONLESS CC4-ENTITIES,1.00825,"
                    + "0.98115958904109589041095890410958903333,true,"
                    + "sha256:11fc052759f3bab2deb80e3f5798eea389f615e4e5a4130d0541a683e9e4f618",
                "5,SKJPY,37,2026-10-31T15:00:00Z,verify,bcbs@2026-01-01,2026-11-22T00:00:00Z,"
                    + "not-eligible,2b,SIG-TRUSTED,,,false,"
                    + "sha256:50c5207d7a5017d1457890eb083bef104f4c2f1a5eebd7d7031c87e7f2b4a617",
                "",
            ], "\(history.output)")
        let text = try VerifierBinary.run(["history", "kizuna-yen"], in: dir.url)
        #expect(
            lines(text.output) == [
                "EVAL  TOKEN  SEQ  AS OF                 EVALUATED AT          KIND    PROFILE          VERDICT  "
                    + "        COVERAGE  STRESSED  BLOCKING",
                "2     KZJPY  12   2026-10-31T15:00:00Z  2026-11-22T00:00:00Z  verify  bcbs@2026-01-01  eligible 1b"
                    + "      100.50%   100.50%   -",
                "4     KZJPY  12   2026-10-31T15:00:00Z  2026-11-22T00:00:00Z  verify  bcbs@2026-01-01  not eligible 2b"
                    + "  -         -         SIG-TRUSTED (not accepted)",
                "",
            ], "\(text.output)")
    }

    @Test func reevaluateRecordsNewEvaluationsAndPrintsWhichVerdictsChange() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let result = try VerifierBinary.run(
            ["reevaluate", "--profile", "hkma", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        #expect(result.status == 0)
        // Harbor USD's mitigation URL no longer passes CC3 under hkma (structured evidence needed) and
        // its unregulated validators fail CC4 (issue 12): not eligible under either profile.
        #expect(
            lines(result.output) == [
                "same     harbor-usd/HUSD #58: not eligible (bcbs@2026-01-01) -> not eligible "
                    + "(hkma@2026-01-01); blocked by CC3-PERMISSIONLESS, CC4-ENTITIES",
                "same     kizuna-yen/KZJPY #12: eligible (bcbs@2026-01-01) -> eligible (hkma@2026-01-01)",
                "same     sakura-pay/SKJPY #37: not eligible (bcbs@2026-01-01) -> not eligible (hkma@2026-01-01); "
                    + "blocked by RRT-OC, RRT-TENOR, CC3-PERMISSIONLESS, CC4-ENTITIES",
                "same     tideline-usd/TDUSD #9: not eligible (bcbs@2026-01-01) -> not eligible (hkma@2026-01-01); "
                    + "blocked by CC1-NO-CRYPTO-REF, RRT-OC, RRT-QUALITY, RRT-CCY, RRT-GOV, RRT-DISCLOSE, RRT-AUDIT, "
                    + "CC1-SUPERVISED, CC1-CUSTODY, CC2-LEGAL, CC2-FINALITY, CC2-REDEEM, CC3-NETWORK, "
                    + "CC3-PERMISSIONLESS, CC4-ENTITIES, CC4-GOVERNANCE",
                "",
            ], "\(result.output)")
        let chain = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        // 6 at verify + 4 accepted re-evaluated.
        #expect(chain.output == "ok: 10 evaluations, hash chain intact\n", "\(chain)")
    }

    @Test func ledgerVerifyReportsTheFirstBrokenLinkWithExit1() throws {
        let dir = try workspace()
        defer { dir.remove() }
        _ = try VerifierBinary.run(["verify", "attestations", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        _ = try sqlite3(
            dir.path("reserve-verifier.sqlite"),
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET coverage = '9.99' WHERE id = 3;")
        let result = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        #expect(result.status == 1)
        #expect(
            result.output
                == "broken at evaluation 3: its content no longer matches its hash (the row, its findings, "
                + "its attestation or signature checks were edited)\n", "\(result)")
    }

    /// Issue 10, class 6: a checkpoint signed with the verifier's key, written outside the ledger,
    /// verified by an independent DSSE implementation (securesystemslib), and held against a
    /// ledger truncated after it.
    @Test func aSignedCheckpointRoundTripsAndCatchesATruncatedLedger() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let openssl = try OpenSSLTool.locate()
        try openssl.check(["genpkey", "-algorithm", "ed25519", "-out", "verifier.pem"], in: dir.url)
        try openssl.check(["pkey", "-in", "verifier.pem", "-pubout", "-out", "verifier.pub.pem"], in: dir.url)
        let env = ["RESERVE_VERIFIER_SIGNING_KEY": dir.path("verifier.pem")]
        let first = try VerifierBinary.run(
            ["verify", "attestations", "--at", "2026-11-22T00:00:00Z", "--checkpoint-out", "cp.json"],
            in: dir.url, environment: env)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT count(*) FROM checkpoint") == "1")

        let python = try #require(executableOnPath("python3"))
        let independent = try runProgram(
            python,
            [
                packageRoot.appendingPathComponent("scripts/verify-dsse.py").path, "cp.json",
                "verifier.pub.pem", Checkpoint.payloadType,
            ], in: dir.url)
        #expect(independent.status == 0, "securesystemslib: \(independent.stderr)")
        // The checkpoint's payload as the independent verifier printed it (its head hash and tool
        // version vary with the build; the count and time are fixed).
        let payload = try JSONParser().parse(independent.stdout)
        guard case .object(let checkpoint) = payload else {
            Issue.record("not a JSON object: \(independent.output)")
            return
        }
        #expect(checkpoint["evaluations"] == .number("6"), "\(independent.output)")
        #expect(checkpoint["format"] == .string("reserve-checkpoint/1"), "\(independent.output)")
        #expect(checkpoint["time"] == .string("2026-11-22T00:00:00Z"), "\(independent.output)")

        let held = try VerifierBinary.run(
            ["ledger", "verify", "--checkpoint", "cp.json", "--public-key", "verifier.pub.pem"], in: dir.url)
        #expect(held.status == 0, "\(held.output)\(held.stderr)")
        #expect(
            held.output == "ok: 6 evaluations, hash chain intact; the checkpoint of 6 evaluations is held\n",
            "\(held)")

        // A later run, then the newest rows removed: the chain still links, the checkpoint does not hold.
        _ = try VerifierBinary.run(
            ["verify", "attestations/kizuna-yen", "--at", "2026-11-23T00:00:00Z", "--no-record"], in: dir.url)
        let signedByOther = try VerifierBinary.run(
            ["ledger", "checkpoint", "--out", "cp2.json"], in: dir.url, environment: env)
        #expect(signedByOther.status == 0, "\(signedByOther.stderr)")
        _ = try sqlite3(
            dir.path("reserve-verifier.sqlite"),
            """
            PRAGMA foreign_keys = OFF; DROP TRIGGER finding_no_delete; DROP TRIGGER evaluation_no_delete;
            DELETE FROM finding WHERE evaluation_ref = 6; DELETE FROM evaluation WHERE id = 6;
            DROP TRIGGER evaluation_body_no_delete; DELETE FROM evaluation_body WHERE evaluation_ref = 6;
            DROP TRIGGER checkpoint_no_delete; DELETE FROM checkpoint;
            DROP TRIGGER signature_check_no_delete; DROP TRIGGER attestation_no_delete;
            DELETE FROM signature_check WHERE attestation_ref = 6; DELETE FROM attestation WHERE id = 6;
            """)
        let chainOnly = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        #expect(chainOnly.status == 0, "the chain alone cannot see a truncation: \(chainOnly.output)")
        let truncated = try VerifierBinary.run(
            ["ledger", "verify", "--checkpoint", "cp.json", "--public-key", "verifier.pub.pem"], in: dir.url)
        #expect(truncated.status == 1)
        #expect(
            truncated.output
                == "checkpoint cp.json (2026-11-22T00:00:00Z): the checkpoint covers 6 evaluations, the ledger "
                + "holds 5: rows were removed (truncated)\n", "\(truncated.output)")

        // A malformed checkpoint file is named in the error.
        try Data("{\"payload\": ".utf8).write(to: dir.url.appendingPathComponent("broken.json"))
        let malformed = try VerifierBinary.run(
            ["ledger", "verify", "--checkpoint", "broken.json", "--public-key", "verifier.pub.pem"],
            in: dir.url)
        #expect(malformed.status == 2)
        #expect(
            malformed.reportedError?.description
                == "error E053 invalid-checkpoint: broken.json: checkpoint: not strict JSON: malformed JSON at line "
                + "1, column 13, byte 12: unexpected end of input, expected a value",
            "\(malformed.stderr)")

        // A checkpoint signed by another key is refused (E053).
        try openssl.check(["genpkey", "-algorithm", "ed25519", "-out", "other.pem"], in: dir.url)
        try openssl.check(["pkey", "-in", "other.pem", "-pubout", "-out", "other.pub.pem"], in: dir.url)
        let forged = try VerifierBinary.run(
            ["ledger", "verify", "--checkpoint", "cp2.json", "--public-key", "other.pub.pem"], in: dir.url)
        #expect(forged.status == 2)
        #expect(forged.reportedError?.code == "E053", "\(forged.stderr)")
        #expect(
            forged.reportedError?.message.hasPrefix(
                "cp2.json: checkpoint: no signature verifies with the verifier's key ")
                == true, "\(forged.stderr)")
    }

    @Test func ledgerWithdrawTakesAnAttestationOutWithASignedCorrection() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let openssl = try OpenSSLTool.locate()
        try openssl.check(["genpkey", "-algorithm", "ed25519", "-out", "verifier.pem"], in: dir.url)
        _ = try VerifierBinary.run(["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z"], in: dir.url)
        let digest = try sqlite3(
            dir.path("reserve-verifier.sqlite"), "SELECT digest FROM attestation WHERE trusted = 1")

        let unsigned = try VerifierBinary.run(["ledger", "withdraw", digest, "--reason", "typo"], in: dir.url)
        #expect(unsigned.status == 2)
        #expect(
            unsigned.reportedError?.description
                == "error E060 invalid-configuration: a correction is signed with the verifier's key: pass "
                + "--signing-key or set RESERVE_VERIFIER_SIGNING_KEY",
            "\(unsigned.stderr)")

        let result = try VerifierBinary.run(
            [
                "ledger", "withdraw", digest, "--reason", "sequence typo", "--signing-key", "verifier.pem",
                "--at", "2026-11-22T01:00:00Z",
            ], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let withdrawn = try VerifierBinary.run(["status"], in: dir.url)
        #expect(
            withdrawn.output == "no accepted attestations evaluated under profile bcbs in reserve-verifier.sqlite\n",
            "\(withdrawn.output)")
        #expect(
            try sqlite3(dir.path("reserve-verifier.sqlite"), "SELECT kind || ' ' || reason FROM withdrawal")
                == "correction sequence typo")
        #expect(try VerifierBinary.run(["ledger", "verify"], in: dir.url).status == 0)
        let again = try VerifierBinary.run(
            ["ledger", "withdraw", digest, "--reason", "again", "--signing-key", "verifier.pem"], in: dir.url)
        #expect(again.status == 2)
        #expect(
            again.reportedError?.description
                == "error E008 invalid-value: "
                + "sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d is not a trusted "
                + "attestation in reserve-verifier.sqlite, or it is withdrawn already (see `reserve-verifier "
                + "history`)",
            "\(again.stderr)")
    }

    /// Issue 10, class 7: a ledger on read-only media is still read by `status`, `history` and
    /// `ledger verify`, and none of them writes a `-shm` file beside it. The folder is made
    /// unwritable; as root (who may write anyway) the commands run as `nobody` through setpriv.
    @Test func aLedgerOnReadOnlyMediaCanStillBeRead() throws {
        let dir = try workspace()
        defer {
            _ = try? runProgram(URL(fileURLWithPath: "/bin/chmod"), ["-R", "u+w", dir.path("ro")])
            dir.remove()
        }
        try FileManager.default.createDirectory(atPath: dir.path("ro"), withIntermediateDirectories: true)
        _ = try VerifierBinary.run(
            ["verify", "attestations", "--at", "2026-11-22T00:00:00Z", "--db", dir.path("ro/l.sqlite")], in: dir.url)
        #expect(
            !FileManager.default.fileExists(atPath: dir.path("ro/l.sqlite-wal")),
            "the writer left its log: the test needs a closed ledger")
        // The binary is copied where any user may run it; the folders are readable, not writable.
        try FileManager.default.copyItem(at: VerifierBinary.url, to: dir.url.appendingPathComponent("rv"))
        for (path, mode) in [(dir.path(""), 0o755), (dir.path("ro"), 0o555), (dir.path("ro/l.sqlite"), 0o444)] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        func run(_ arguments: [String]) throws -> RunResult {
            if getuid() == 0 {
                let setpriv = try #require(
                    executableOnPath("setpriv"), "setpriv (util-linux) runs the commands as nobody")
                return try runProgram(
                    setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", dir.path("rv")] + arguments,
                    in: dir.url.appendingPathComponent("ro"))
            }
            return try runProgram(
                dir.url.appendingPathComponent("rv"), arguments, in: dir.url.appendingPathComponent("ro"))
        }
        let status = try run(["status", "--db", "l.sqlite", "--at", "2026-11-23T00:00:00Z"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(lines(status.output) == Self.statusOfTheSamples, "\(status.output)")
        let history = try run(["history", "kizuna-yen", "--db", "l.sqlite"])
        #expect(history.status == 0, "\(history.stderr)")
        let chain = try run(["ledger", "verify", "--db", "l.sqlite"])
        #expect(chain.status == 0, "\(chain.stderr)")
        #expect(chain.output == "ok: 6 evaluations, hash chain intact\n", "\(chain)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("ro/l.sqlite-shm")))
        // An older attestation verified against that ledger: it cannot be recorded, yet it is judged
        // against the history it can read (ROLLBACK), never more leniently than recording would.
        let payload = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/payloads/kizuna-yen-2026-10.json"), encoding: .utf8
        )
        .replacingOccurrences(of: "\"sequence\": 12", with: "\"sequence\": 11")
        try Data(payload.utf8).write(to: dir.url.appendingPathComponent("old.json"))
        let keysFolder = packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY").path
        let signed = try VerifierBinary.run(
            ["sign", "--key", keysFolder + "/kizuna-issuer.pem", "old.json"], in: dir.url)
        try Data(signed.stdout).write(to: dir.url.appendingPathComponent("old1.dsse.json"))
        let cosigned = try VerifierBinary.run(
            ["sign", "--key", keysFolder + "/kizuna-custodian.pem", "--cosign", "old1.dsse.json"],
            in: dir.url)
        #expect(cosigned.status == 0, "\(cosigned.stderr)")
        try Data(cosigned.stdout).write(to: dir.url.appendingPathComponent("old.dsse.json"))
        let older = try run([
            "verify", "../old.dsse.json", "--keys", "../keys", "--db", "l.sqlite", "--at", "2026-11-23T00:00:00Z",
        ])
        #expect(older.status == 2, "\(older.output)\(older.stderr)")
        #expect(
            lines(older.output).contains(
                "  verdict: NOT ELIGIBLE: Group 2b under bcbs@2026-01-01; blocked by ROLLBACK"),
            "\(older.output)")
        #expect(
            lines(older.output).contains(
                "  fail              ROLLBACK            sequence 11 is not after the latest accepted 12: "
                    + "it does not replace the latest state"), "\(older.output)")

        // A command that must write says so and exits 2, after printing its results.
        let verify = try run([
            "verify", "../attestations/kizuna-yen", "--keys", "../keys", "--db", "l.sqlite",
            "--at", "2026-11-23T00:00:00Z",
        ])
        #expect(verify.status == 2)
        #expect(lines(verify.output).contains("  verdict: ELIGIBLE: Group 1b under bcbs@2026-01-01"), "\(verify)")
        #expect(
            verify.stderr
                == "the results above were not recorded: error E050 storage: l.sqlite could not be read: the database "
                + "is read-only\n")
    }

    /// Issue 14, part 5: each evaluation keeps the OpenSSL and SQLite it ran on, under its hash
    /// (chain version 3): an edit of either breaks the chain at that row.
    @Test func eachEvaluationKeepsTheLibrariesItRanOnUnderItsHash() throws {
        let dir = try workspace()
        defer { dir.remove() }
        let run = try VerifierBinary.run(
            ["verify", "attestations", "--at", "2026-11-22T00:00:00Z", "--quiet"], in: dir.url)
        #expect(run.status == 1, "\(run)")
        let db = dir.path("reserve-verifier.sqlite")
        let version = try VerifierBinary.run(["--version"], in: dir.url).output
        let rows = try sqlite3(
            db, "SELECT DISTINCT chain_version || '|' || openssl_version || '|' || sqlite_version FROM evaluation")
        let parts = rows.split(separator: "|").map(String.init)
        #expect(parts.count == 3, "\(rows)")
        #expect(parts.first == "6", "\(rows)")
        // `--version` starts with the tool's version and commit (the build's); its libraries close it.
        #expect(
            parts.count == 3 && version.hasSuffix("; \(parts[1]); SQLite \(parts[2]))\n"),
            "\(rows) vs \(version)")
        #expect(try VerifierBinary.run(["ledger", "verify"], in: dir.url).status == 0)

        _ = try sqlite3(
            db,
            "DROP TRIGGER evaluation_no_update; UPDATE evaluation SET openssl_version = 'OpenSSL 9.9.9' WHERE id = 2;")
        let broken = try VerifierBinary.run(["ledger", "verify"], in: dir.url)
        #expect(broken.status == 1, "\(broken)")
        #expect(
            broken.output
                == "broken at evaluation 2: its content no longer matches its hash (the row, its findings, "
                + "its attestation or signature checks were edited)\n", "\(broken)")
    }
}
