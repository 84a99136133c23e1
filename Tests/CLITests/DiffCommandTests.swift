import Foundation
import ReserveCore
import TestSupport
import Testing

/// Issue 14, part 3: `diff`, two evaluations side by side, from the ledger or under two profiles.
@Suite struct DiffCommandTests {
    static let at = "2026-11-22T00:00:00Z"
    static let harbor = "attestations/harbor-usd/harbor-usd-2026-10.jws"

    static let sakura = "attestations/sakura-pay/sakura-pay-2026-10.dsse.json"
    static let kizuna = "attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json"

    /// The text's lines after the two headers (which end with the tool's version), each compared whole,
    /// and the headers up to that version.
    func body(_ run: RunResult) -> (headers: [String], lines: [String]) {
        let lines = run.output.components(separatedBy: "\n")
        let headers = lines.prefix(2).map { $0.components(separatedBy: " by reserve-verifier ")[0] }
        return (headers, Array(lines.dropFirst(2)))
    }

    @Test func oneAttestationUnderTwoProfilesShowsOnlyTheChangedRules() throws {
        let ws = try Workspace([.attestations, .keys])
        // Sakura Pay under hkma: the HKMA's tenor limits (deposits up to 92 days) gate RRT-TENOR.
        let text = try ws.run("diff", Self.sakura, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(text.status == 1, "\(text)")
        // Only the changed rules are listed (RRT-NET, unchanged, is not).
        #expect(
            body(text).headers == [
                "left:  profile bcbs: sakura-pay/SKJPY #37 (sakura-pay-2026-10-31, sha256:11fc052759f3…) "
                    + "under bcbs@2026-01-01, evaluated at 2026-11-22T00:00:00Z",
                "right: profile hkma: sakura-pay/SKJPY #37 (sakura-pay-2026-10-31, sha256:11fc052759f3…) "
                    + "under hkma@2026-01-01, evaluated at 2026-11-22T00:00:00Z",
            ], "\(text)")
        #expect(
            body(text).lines == [
                "verdict: unchanged, NOT ELIGIBLE 2b",
                "coverage: 100.82% -> 100.82%; worst stressed: 98.12% -> 98.12%",
                "blocking: now blocking RRT-TENOR",
                "RULE                LEFT  RIGHT  WHAT CHANGED",
                "RRT-TENOR           warn  fail   depositMaxTermDays 366 -> 92; reverseRepoMaxTenorDays - -> 1",
                "CC3-PERMISSIONLESS  fail  fail   treatment fail -> requires-mitigation-evidence",
                "2 rules changed, 27 unchanged (* not gating)",
                "",
            ], "\(text)")
        #expect(!ws.exists("reserve-verifier.sqlite"), "diff --profile records nothing")

        let json = try ws.run(
            "diff", Self.sakura, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at, "--format", "json")
        #expect(json.status == 1)
        let d = try json.json()
        #expect(d["format"]?.string == "reserve-diff/1")
        #expect(d["verdictChanged"]?.bool == false)
        #expect(d["left"]?["profile"]?.string == "bcbs@2026-01-01")
        #expect(d["right"]?["verdict"]?["group1b"]?.string == "not-eligible")
        #expect(d["blocking"]?["added"]?.array == [.string("RRT-TENOR")])
        let rules = try #require(d["rules"]?.array)
        let tenor = try #require(rules.first { $0["rule"]?.string == "RRT-TENOR" })
        #expect(tenor["left"]?["status"]?.string == "warn")
        #expect(tenor["right"]?["status"]?.string == "fail")
        #expect(tenor["changed"]?.array?.contains(.string("status")) == true, "\(tenor)")
        #expect((d["unchangedRules"]?.int ?? 0) > 10)
        // Deterministic: the same bytes twice.
        let again = try ws.run(
            "diff", Self.sakura, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at, "--format", "json")
        #expect(again.stdout == json.stdout)
    }

    @Test func theSameProfileTwiceIsIdenticalWithExit0() throws {
        let ws = try Workspace([.attestations, .keys])
        let same = try ws.run("diff", Self.kizuna, "--profile", "hkma", "--profile", "hkma", "--at", Self.at)
        #expect(same.status == 0, "\(same)")
        #expect(
            body(same).lines == [
                "verdict: unchanged, ELIGIBLE 1b",
                "coverage: 100.50% -> 100.50%; worst stressed: 100.50% -> 100.50%",
                "no rule changed (29 compared)",
                "",
            ], "\(same)")
    }

    @Test func twoLedgerEvaluationsOfOneCoinShowTheVerdictChangeAndHistoryFindings() throws {
        let ws = try Workspace([.attestations, .keys])
        // Evaluation 1: first sight, eligible. Evaluation 2: the same envelope 40 days later, a
        // replay judged again: stale (35-day window).
        #expect(try ws.run("verify", Self.kizuna, "--at", Self.at).status == 0)
        #expect(try ws.run("verify", Self.kizuna, "--at", "2027-01-01T00:00:00Z").status == 1)
        let text = try ws.run("diff", "1", "2")
        #expect(text.status == 1, "\(text)")
        #expect(
            body(text).headers == [
                "left:  evaluation 1: kizuna-yen/KZJPY #12 (kizuna-yen-2026-10-31, sha256:62aba67af8c6…) "
                    + "under bcbs@2026-01-01, evaluated at 2026-11-22T00:00:00Z",
                "right: evaluation 2: kizuna-yen/KZJPY #12 (kizuna-yen-2026-10-31, sha256:62aba67af8c6…) "
                    + "under bcbs@2026-01-01, evaluated at 2027-01-01T00:00:00Z",
            ], "\(text)")
        let latest =
            "latestAsOf - -> 2026-10-31T15:00:00Z; latestDigest - -> "
            + "sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d; latestSequence - -> 12"
        // REPLAY appears only in the second evaluation.
        #expect(
            body(text).lines == [
                "verdict: ELIGIBLE 1b -> NOT ELIGIBLE 2b",
                "coverage: 100.50% -> 100.50%; worst stressed: 100.50% -> 100.50%",
                "blocking: now blocking STALE",
                "RULE           LEFT             RIGHT            WHAT CHANGED",
                "SIG-TRUSTED    pass             pass             "
                    + "keysJudgedAtSource evaluation-time -> ledger-first-seen",
                "ATT-TIME       pass             pass             "
                    + "evaluatedAt 2026-11-22T00:00:00Z -> 2027-01-01T00:00:00Z",
                "ROLLBACK       pass             pass             " + latest,
                "SEQUENCE-JUMP  pass             pass             " + latest,
                "STALE          pass             fail             "
                    + "ageDays 21.38 -> 61.38; evaluatedAt 2026-11-22T00:00:00Z -> 2027-01-01T00:00:00Z",
                "G2-LIMIT       not-applicable*  not-applicable*  "
                    + "needs the bank's figures: --exposure and --tier1-capital (and --other-group2-exposure)",
                "G2B-RW         not-applicable*  not-applicable*  "
                    + "Group 2b at a 1,250% risk weight; give --exposure for the figures",
                "REPLAY         (none)           warn*            only on the right",
                "8 rules changed, 25 unchanged (* not gating)",
                "",
            ], "\(text)")

        let json = try ws.run("diff", "1", "2", "--format", "json").json()
        #expect(json["left"]?["label"]?.string == "evaluation 1")
        #expect(json["right"]?["evaluatedAt"]?.string == "2027-01-01T00:00:00Z")
        let stale = json["rules"]?.array?.first { $0["rule"]?.string == "REPLAY" }
        #expect(stale?["left"] == .null)
        #expect(stale?["changed"]?.array == [.string("finding")])

        let same = try ws.run("diff", "1", "1", "--format", "json")
        #expect(same.status == 0)
        #expect(try same.json()["identical"]?.bool == true)
    }

    @Test func aTamperedCopyOfACoinShowsTheCompositionChange() throws {
        let ws = try Workspace([.attestations, .keys])
        _ = try ws.run("verify", "attestations", "--at", Self.at)
        let db = ws.path("reserve-verifier.sqlite")
        let genuine = try sqlite3(
            db,
            "SELECT e.id FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref "
                + "WHERE a.source = 'attestations/sakura-pay/sakura-pay-2026-10.dsse.json'")
        let altered = try sqlite3(
            db,
            "SELECT e.id FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref "
                + "WHERE a.source LIKE 'attestations/tampered/sakura-pay%'")
        let text = try ws.run("diff", genuine, altered)
        #expect(text.status == 1, "\(text)")
        let lines = body(text).lines
        #expect(lines.contains("composition: sovereign-bond 9,600,000,000 -> 9,900,000,000"), "\(text)")
        #expect(
            lines.contains(
                "blocking: now blocking SIG-TRUSTED; no longer blocking RRT-OC, CC3-PERMISSIONLESS, CC4-ENTITIES"),
            "\(text)")
        #expect(
            lines.contains(
                "SIG-TRUSTED         pass                fail    rolesSigned [\"issuer\"] -> []; validSignatures 1 -> 0"
            ),
            "\(text)")
        #expect(lines.contains("31 rules changed, 1 unchanged (* not gating)"), "\(text)")
        let json = try ws.run("diff", genuine, altered, "--format", "json").json()
        let bond = json["composition"]?.array?.first { $0["assetClass"]?.string == "sovereign-bond" }
        #expect(bond?["left"]?.string != bond?["right"]?.string, "\(json)")
        #expect(bond?["left"]?.string != nil)
    }

    @Test func badOperandsAreUsageErrorsAndMissingEvaluationsErrors() throws {
        let ws = try Workspace([.attestations, .keys])
        let usage: [[String]] = [
            ["diff", "1"], ["diff", "1", "x"], ["diff", "0", "1"], ["diff", "1", "2", "3"],
            ["diff", Self.harbor, "--profile", "bcbs"],
            ["diff", Self.harbor, "--profile", "bcbs", "--profile", "nope"],
            ["diff", "1", "2", "--at", Self.at],
        ]
        for arguments in usage {
            let result = try ws.run(arguments: arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
        }
        _ = try ws.run("verify", Self.harbor, "--at", Self.at)
        let missing = try ws.run("diff", "1", "7")
        #expect(missing.status == 2)
        #expect(
            missing.reportedError
                == ReportedError(
                    code: "E008", name: "invalid-value",
                    message: "reserve-verifier.sqlite has no evaluation 7 (see `reserve-verifier history`)"),
            "\(missing)")
        let folder = try ws.run("diff", "attestations", "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(folder.status == 2)
        #expect(
            folder.reportedError
                == ReportedError(
                    code: "E008", name: "invalid-value", message: "attestations holds 6 envelopes: name one file"),
            "\(folder)")
        let broken = try ws.run("diff", "nothing.json", "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(broken.status == 2)
        #expect(
            broken.reportedError
                == ReportedError(
                    code: "E001", name: "unreadable-input", message: "nothing.json: no such file or folder"),
            "\(broken)")
    }
}
