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

    @Test func oneAttestationUnderTwoProfilesShowsOnlyTheChangedRules() throws {
        let ws = try Workspace([.attestations, .keys])
        // Sakura Pay under hkma: the HKMA's tenor limits (deposits up to 92 days) gate RRT-TENOR.
        let text = try ws.run("diff", Self.sakura, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(text.status == 1, "\(text)")
        #expect(text.output.contains("verdict: unchanged, NOT ELIGIBLE 2b"), "\(text)")
        #expect(text.output.contains("blocking: now blocking RRT-TENOR"), "\(text)")
        #expect(text.output.contains("coverage: 100.82% -> 100.82%; worst stressed: 98.12% -> 98.12%"), "\(text)")
        let table = text.output.components(separatedBy: "\n").filter { $0.hasPrefix("RRT-TENOR") }
        #expect(table.count == 1 && table[0].contains("warn") && table[0].contains("fail"), "\(text)")
        // Unchanged rules are not listed.
        #expect(!text.output.contains("\nRRT-NET "), "\(text)")
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
        #expect(tenor["changed"]?.array?.contains(.string("status")) == true)
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
        #expect(same.output.contains("verdict: unchanged, ELIGIBLE 1b"))
        #expect(same.output.contains("no rule changed"))
    }

    @Test func twoLedgerEvaluationsOfOneCoinShowTheVerdictChangeAndHistoryFindings() throws {
        let ws = try Workspace([.attestations, .keys])
        // Evaluation 1: first sight, eligible. Evaluation 2: the same envelope 40 days later, a
        // replay judged again: stale (35-day window).
        #expect(try ws.run("verify", Self.kizuna, "--at", Self.at).status == 0)
        #expect(try ws.run("verify", Self.kizuna, "--at", "2027-01-01T00:00:00Z").status == 1)
        let text = try ws.run("diff", "1", "2")
        #expect(text.status == 1, "\(text)")
        #expect(text.output.contains("left:  evaluation 1: kizuna-yen/KZJPY #12"), "\(text)")
        #expect(text.output.contains("verdict: ELIGIBLE 1b -> NOT ELIGIBLE 2b"), "\(text)")
        #expect(text.output.contains("blocking: now blocking STALE"), "\(text)")
        // REPLAY appears only in the second evaluation.
        let replay = text.output.components(separatedBy: "\n").first { $0.hasPrefix("REPLAY") }
        #expect(replay?.contains("(none)") == true, "\(text)")

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
        #expect(text.output.contains("composition: sovereign-bond "), "\(text)")
        #expect(text.output.contains("SIG-TRUSTED"), "\(text)")
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
