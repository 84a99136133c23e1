import Foundation
import ReserveCore
import TestSupport
import Testing

/// Issue 14, part 3: `diff`, two evaluations side by side, from the ledger or under two profiles.
@Suite struct DiffCommandTests {
    static let at = "2026-11-22T00:00:00Z"
    static let harbor = "attestations/harbor-usd/harbor-usd-2026-10.jws"

    @Test func oneAttestationUnderTwoProfilesShowsTheVerdictChangeAndOnlyTheChangedRules() throws {
        let ws = try Workspace([.attestations, .keys])
        // Harbor fails only CC3-PERMISSIONLESS under bcbs and is eligible under hkma (README samples).
        let text = try ws.run("diff", Self.harbor, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(text.status == 1, "\(text)")
        #expect(text.output.contains("verdict: NOT ELIGIBLE 2b -> ELIGIBLE 1b"), "\(text)")
        #expect(text.output.contains("blocking: no longer blocking CC3-PERMISSIONLESS"), "\(text)")
        #expect(text.output.contains("coverage: 100.76% -> 100.76%; worst stressed: 100.42% -> 100.42%"), "\(text)")
        let table = text.output.components(separatedBy: "\n").filter { $0.hasPrefix("CC3-PERMISSIONLESS") }
        #expect(table.count == 1 && table[0].contains("fail") && table[0].contains("pass"), "\(text)")
        // Unchanged rules are not listed.
        #expect(!text.output.contains("\nRRT-NET "), "\(text)")
        #expect(!ws.exists("reserve-verifier.sqlite"), "diff --profile records nothing")

        let json = try ws.run(
            "diff", Self.harbor, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at, "--format", "json")
        #expect(json.status == 1)
        let d = try json.json()
        #expect(d["format"]?.string == "reserve-diff/1")
        #expect(d["verdictChanged"]?.bool == true)
        #expect(d["left"]?["profile"]?.string == "bcbs@2026-01-01")
        #expect(d["right"]?["verdict"]?["group1b"]?.string == "eligible")
        #expect(d["blocking"]?["removed"]?.array == [.string("CC3-PERMISSIONLESS")])
        let rules = try #require(d["rules"]?.array)
        let cc3 = try #require(rules.first { $0["rule"]?.string == "CC3-PERMISSIONLESS" })
        #expect(cc3["left"]?["status"]?.string == "fail")
        #expect(cc3["right"]?["status"]?.string == "pass")
        #expect(cc3["changed"]?.array?.contains(.string("status")) == true)
        #expect((d["unchangedRules"]?.int ?? 0) > 10)
        // Deterministic: the same bytes twice.
        let again = try ws.run(
            "diff", Self.harbor, "--profile", "bcbs", "--profile", "hkma", "--at", Self.at, "--format", "json")
        #expect(again.stdout == json.stdout)
    }

    @Test func theSameProfileTwiceIsIdenticalWithExit0() throws {
        let ws = try Workspace([.attestations, .keys])
        let same = try ws.run("diff", Self.harbor, "--profile", "hkma", "--profile", "hkma", "--at", Self.at)
        #expect(same.status == 0, "\(same)")
        #expect(same.output.contains("verdict: unchanged, ELIGIBLE 1b"))
        #expect(same.output.contains("no rule changed"))
    }

    @Test func twoLedgerEvaluationsOfOneCoinShowChangedFiguresAndHistoryFindings() throws {
        let ws = try Workspace([.attestations, .keys])
        // Evaluation 1: first sight. Evaluation 2: the same envelope a day later under mas, a replay.
        #expect(try ws.run("verify", Self.harbor, "--at", Self.at).status == 1)
        #expect(try ws.run("verify", Self.harbor, "--at", "2026-11-23T00:00:00Z", "--profile", "mas").status == 0)
        let text = try ws.run("diff", "1", "2")
        #expect(text.status == 1, "\(text)")
        #expect(text.output.contains("left:  evaluation 1: harbor-usd/HUSD #58"), "\(text)")
        #expect(text.output.contains("under mas@2025-03"), "\(text)")
        #expect(text.output.contains("verdict: NOT ELIGIBLE 2b -> ELIGIBLE 1b"), "\(text)")
        // REPLAY appears only in the second evaluation.
        let replay = text.output.components(separatedBy: "\n").first { $0.hasPrefix("REPLAY") }
        #expect(replay?.contains("(none)") == true, "\(text)")

        let json = try ws.run("diff", "1", "2", "--format", "json").json()
        #expect(json["left"]?["label"]?.string == "evaluation 1")
        #expect(json["right"]?["evaluatedAt"]?.string == "2026-11-23T00:00:00Z")
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
        let genuine = try sqlite3(db, "SELECT e.id FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref "
                                      + "WHERE a.source = 'attestations/sakura-pay/sakura-pay-2026-10.dsse.json'")
        let altered = try sqlite3(db, "SELECT e.id FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref "
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
        #expect(missing.stderr.contains("has no evaluation 7"), "\(missing)")
        let folder = try ws.run("diff", "attestations", "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("name one file"), "\(folder)")
        let broken = try ws.run("diff", "nothing.json", "--profile", "bcbs", "--profile", "hkma", "--at", Self.at)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("E001"), "\(broken)")
    }
}
