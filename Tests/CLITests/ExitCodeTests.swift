import Foundation
import ReserveCore
import TestSupport
import Testing

/// One test per exit code of `verify` (0 eligible, 1 a gating failure, 2 not checkable, 64 usage).
@Suite struct ExitCodeTests {
    static let at = "2026-11-22T00:00:00Z"

    @Test func eligibleAttestationExitsZero() throws {
        let ws = try Workspace([.attestations, .keys])

        let result = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at)

        #expect(result.status == 0, "\(result)")
        #expect(
            result.output.components(separatedBy: "\n").contains("  verdict: ELIGIBLE: Group 1b under bcbs@2026-01-01"),
            "\(result)")
        // The only line on stderr says that this first run created the ledger.
        #expect(result.stderr.hasPrefix("note: created a new ledger reserve-verifier.sqlite"), "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
    }

    @Test func folderWithTamperedSamplesExitsOne() throws {
        let ws = try Workspace([.attestations, .keys])

        let result = try ws.run("verify", "attestations/", "--at", Self.at)

        #expect(result.status == 1, "\(result)")
        // The two tampered envelopes are rows of the summary table, kept as evidence.
        let rows = result.output.components(separatedBy: "\n")
        #expect(
            rows.contains(
                "kizuna-yen/KZJPY #12   NOT ELIGIBLE 2b  -         -         -               evidence  "
                    + "attestations/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json  SIG-TRUSTED"),
            "\(result)")
        #expect(
            rows.contains(
                "sakura-pay/SKJPY #37   NOT ELIGIBLE 2b  -         -         -               evidence  "
                    + "attestations/tampered/sakura-pay-2026-10-altered-payload.dsse.json         SIG-TRUSTED"),
            "\(result)")
    }

    @Test func malformedFileExitsTwoAndNamesTheErrorCode() throws {
        let ws = try Workspace([.keys])
        try ws.write(#"{"format": "reserve-attestation/1", "sequence": 1,"#, to: "broken.json")

        let result = try ws.run("verify", "broken.json", "--at", Self.at)

        #expect(result.status == 2, "\(result)")
        // The problem's line (a note about a new ledger may come before it).
        #expect(
            result.stderr.split(separator: "\n").last.map(String.init)
                == "broken.json: error E003 malformed-json: malformed JSON at line 1, column 51, byte 50: "
                + "expected a string key, found end of input",
            "\(result)")
    }

    // `main` is synchronous and runs an async command (verify) as a task it waits for: what the
    // task throws reaches `main` as before, and a synchronous command runs on `main`'s thread.
    @Test func errorThrownInsideAnAsyncCommandExitsTwoWithItsCode() throws {
        let ws = try Workspace([.attestations])

        let result = try ws.run(
            "verify", "attestations/kizuna-yen", "--keys", "nowhere", "--no-record", "--at", Self.at)

        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(
            result.stderr
                == "error E031 invalid-trust-store: nowhere is not a folder: pass the trust store with --keys DIR\n",
            "\(result)")
    }

    @Test func synchronousCommandRunsAndExitsZero() throws {
        let ws = try Workspace()

        let result = try ws.run("rules")

        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("SIG-TRUSTED"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test("usage errors exit 64", arguments: [["verify", "--format", "xml", "x"], ["verify"]])
    func usageErrorExitsSixtyFour(arguments: [String]) throws {
        let ws = try Workspace([.keys])

        let result = try ws.run(arguments: arguments)

        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(!result.stderr.isEmpty, "\(result)")
    }
}
