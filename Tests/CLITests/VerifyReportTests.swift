import Foundation
import ReserveCore
import TestSupport
import Testing

/// What `verify` prints for the committed samples: a golden JSON report, stable bytes, and the
/// verdict of every sample.
@Suite struct VerifyReportTests {
    static let at = "2026-11-22T00:00:00Z"
    static let goldenFile = packageRoot.appendingPathComponent("Tests/CLITests/Golden/kizuna-yen.json")
    static let goldenCommand = ["verify", "attestations/kizuna-yen", "--format", "json", "--at", at]

    /// The libraries the golden file was made with (the machine kind of docs/PERFORMANCE.md). The ledger's row
    /// hash covers the OpenSSL and SQLite each evaluation ran on (chain version 3 and 4), so elsewhere
    /// the `rowHash` values are compared as "some row hash" and everything else byte for byte.
    static let goldenRuntime = ["OpenSSL 3.0.19 27 Jan 2026;", "SQLite 3.40.1)"]

    @Test func kizunaYenJSONReportEqualsTheGoldenFile() throws {
        let ws = try Workspace([.attestations, .keys])
        let golden = try #require(try? Data(contentsOf: Self.goldenFile), "missing \(Self.goldenFile.path)")

        let result = try ws.run(arguments: Self.goldenCommand)
        let version = try ws.run("--version").output
        let sameRuntime = Self.goldenRuntime.allSatisfy { version.contains($0) }
        func comparable(_ text: String) -> String {
            sameRuntime ? text : text.replacing(/"rowHash": "[0-9a-f]{64}"/, with: "\"rowHash\": \"(row hash)\"")
        }

        #expect(result.status == 0, "\(result)")
        if let difference = firstDifference(
            expected: comparable(String(decoding: golden, as: UTF8.self)), actual: comparable(result.output))
        {
            Issue.record(
                """
                `reserve-verifier \(Self.goldenCommand.joined(separator: " "))` differs from Tests/CLITests/Golden/kizuna-yen.json:
                \(difference)
                If the change is intended, check the new output by eye and copy it into the golden file (run in a folder \
                holding copies of attestations/ and keys/ and no reserve-verifier.sqlite).
                """)
        }
    }

    @Test func sameCommandOnAFreshLedgerGivesIdenticalBytes() throws {
        let first = try Workspace([.attestations, .keys])
        let second = try Workspace([.attestations, .keys])

        let a = try first.run(arguments: Self.goldenCommand)
        let b = try second.run(arguments: Self.goldenCommand)

        #expect(a.status == 0)
        #expect(a.stdout == b.stdout, "\(firstDifference(expected: a.output, actual: b.output) ?? "")")
    }

    @Test func sameCommandWithoutRecordingGivesIdenticalBytes() throws {
        let ws = try Workspace([.attestations, .keys])

        let a = try ws.run(arguments: Self.goldenCommand + ["--no-record"])
        let b = try ws.run(arguments: Self.goldenCommand + ["--no-record"])

        #expect(a.status == 0, "\(a)")
        #expect(a.stdout == b.stdout, "\(firstDifference(expected: a.output, actual: b.output) ?? "")")
    }

    @Test func kizunaYenJSONReportSaysGroup1bEligible() throws {
        let ws = try Workspace([.attestations, .keys])

        let report = try ws.run(arguments: Self.goldenCommand).json()

        let attestation = try #require(report["attestations"]?[0])
        #expect(attestation["verdict"]?["group1b"]?.string == "eligible")
        #expect(attestation["verdict"]?["group"]?.string == "1b")
        #expect(attestation["issuer"]?.string == "kizuna-yen")
        #expect(attestation["signatures"]?.array?.compactMap { $0["status"]?.string } == ["valid", "valid"])
        #expect(report["summary"]?["exitCode"]?.int == 0)
    }

    @Test(
        "tampered samples fail SIG-TRUSTED with the expected signature status",
        arguments: [
            ("attestations/tampered/sakura-pay-2026-10-altered-payload.dsse.json", "invalid"),
            ("attestations/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json", "unknown-key"),
        ])
    func tamperedSampleFailsSigTrusted(file: String, signatureStatus: String) throws {
        let ws = try Workspace([.attestations, .keys])

        let result = try ws.run("verify", file, "--format", "json", "--at", Self.at, "--no-record")
        let attestation = try #require(try result.json()["attestations"]?[0])

        #expect(result.status == 1, "\(result)")
        let sigTrusted = attestation["findings"]?.array?.first { $0["rule"]?.string == "SIG-TRUSTED" }
        #expect(sigTrusted?["status"]?.string == "fail")
        #expect(attestation["signatures"]?.array?.compactMap { $0["status"]?.string } == [signatureStatus])
        #expect(attestation["verdict"]?["group1b"]?.string == "not-eligible")
    }

    @Test func textReportNamesEverySampleWithItsVerdict() throws {
        let ws = try Workspace([.attestations, .keys])
        let expected = [
            "attestations/harbor-usd/harbor-usd-2026-10.jws": "NOT ELIGIBLE",
            "attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json": "ELIGIBLE",
            "attestations/sakura-pay/sakura-pay-2026-10.dsse.json": "NOT ELIGIBLE",
            "attestations/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json": "NOT ELIGIBLE",
            "attestations/tampered/sakura-pay-2026-10-altered-payload.dsse.json": "NOT ELIGIBLE",
            "attestations/tideline-usd/tideline-usd-2026-10.json": "NOT ELIGIBLE",
        ]

        let result = try ws.run("verify", "attestations/", "--at", Self.at, "--details")

        // Each result is a block: the source on its own line, then "  verdict: ELIGIBLE|NOT ELIGIBLE: ...".
        var verdicts: [String: String] = [:]
        var source: String?
        for line in result.output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("attestations/") { source = String(line) }
            if let current = source, line.hasPrefix("  verdict: ") {
                verdicts[current] =
                    line.dropFirst("  verdict: ".count).hasPrefix("ELIGIBLE") ? "ELIGIBLE" : "NOT ELIGIBLE"
            }
        }
        #expect(verdicts == expected, "\(result)")
        #expect(
            result.output.components(separatedBy: "\n").contains(
                "6 inputs: 1 eligible, 5 not eligible, 0 could not be checked (profile bcbs@2026-01-01, "
                    + "evaluated at 2026-11-22T00:00:00Z; recorded in reserve-verifier.sqlite)"), "\(result)")
    }

    /// Issue 14: several inputs print one summary line each (columns sized from the data) and no
    /// per-rule detail without --details; the JSON output keeps every finding.
    @Test func severalInputsPrintASummaryTableFirstAndDetailOnlyOnRequest() throws {
        let ws = try Workspace([.attestations, .keys])
        let expected = [
            "attestations/harbor-usd/harbor-usd-2026-10.jws": ("harbor-usd/HUSD #58", "NOT ELIGIBLE 2b"),
            "attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json": ("kizuna-yen/KZJPY #12", "eligible 1b"),
            "attestations/sakura-pay/sakura-pay-2026-10.dsse.json": ("sakura-pay/SKJPY #37", "NOT ELIGIBLE 2b"),
            "attestations/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json": (
                "kizuna-yen/KZJPY #12", "NOT ELIGIBLE 2b"
            ),
            "attestations/tampered/sakura-pay-2026-10-altered-payload.dsse.json": (
                "sakura-pay/SKJPY #37", "NOT ELIGIBLE 2b"
            ),
            "attestations/tideline-usd/tideline-usd-2026-10.json": ("tideline-usd/TDUSD #9", "NOT ELIGIBLE 2b"),
        ]

        let result = try ws.run("verify", "attestations/", "--at", Self.at, "--no-record")

        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "\(result.output)")  // header, six rows, the totals
        #expect(lines.first?.hasPrefix("COIN ") == true)
        // Every row starts its columns where the header's do.
        let header = try #require(lines.first)
        let starts = ["VERDICT", "COVERAGE", "STRESSED", "LEDGER", "INPUT", "BLOCKING"].compactMap {
            header.range(of: $0)?.lowerBound
        }
        #expect(starts.count == 6)
        for (source, (coin, verdict)) in expected {
            let row = try #require(lines.first { $0.contains(source) }, "no row for \(source)")
            #expect(row.hasPrefix(coin + " "), "\(row)")
            let column = header.distance(from: header.startIndex, to: starts[0])
            #expect(String(row.dropFirst(column)).hasPrefix(verdict), "\(row)")
        }
        #expect(!result.output.contains("STATUS"))
        // The gating pass closest to failing, with its headroom.
        #expect(
            lines.first { $0.hasPrefix("kizuna-yen/KZJPY #12   eligible") }?.contains("RRT-NET +0.50%") == true,
            "\(result.output)")
        // Past three blocking rules, the count of the others.
        #expect(
            lines.contains(
                "tideline-usd/TDUSD #9  NOT ELIGIBLE 2b  103.00%   19.60%    RRT-NET +3.00%  -       "
                    + "attestations/tideline-usd/tideline-usd-2026-10.json                        "
                    + "CC1-NO-CRYPTO-REF,RRT-OC,RRT-QUALITY +13 more"), "\(lines)")

        let json = try ws.run("verify", "attestations/", "--at", Self.at, "--no-record", "--format", "json")
        #expect(json.output.components(separatedBy: "\"rule\": \"RRT-NET\"").count - 1 == 4)
    }

    @Test func moreThanAHundredEnvelopesPrintNoProgressWhenStderrIsNotATerminal() throws {
        let ws = try Workspace([.keys])
        let envelope = try Data(
            contentsOf: packageRoot.appendingPathComponent("attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json"))
        for i in 0..<101 { try ws.write([UInt8](envelope), to: "many/copy-\(String(format: "%03d", i)).dsse.json") }

        let result = try ws.run("verify", "many", "--at", Self.at, "--no-record")

        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr.debugDescription)")
        #expect(
            result.output.components(separatedBy: "\n").contains(
                "101 inputs: 101 eligible, 0 not eligible, 0 could not be checked (profile bcbs@2026-01-01, "
                    + "evaluated at 2026-11-22T00:00:00Z)"), "\(result)")
    }

    @Test func untrustedCopyOfAPayloadSeenFirstDoesNotStopTheGenuineEnvelopeFromBeingAccepted() throws {
        let ws = try Workspace([.attestations, .keys])
        _ = try ws.run(
            "verify", "attestations/tampered/kizuna-yen-2026-10-signed-by-other-issuer.dsse.json", "--at", Self.at)

        let result = try ws.run("verify", "attestations/kizuna-yen", "--format", "json", "--at", Self.at)
        let attestation = try #require(try result.json()["attestations"]?[0])

        #expect(result.status == 0, "\(result)")
        #expect(attestation["ledger"]?["accepted"]?.bool == true, "\(result)")
        let rules = attestation["findings"]?.array?.compactMap { $0["rule"]?.string } ?? []
        #expect(!rules.contains("REPLAY"), "\(rules)")

    }
}

/// A diff-like description of the first line where `actual` differs from `expected`, or nil.
func firstDifference(expected: String, actual: String) -> String? {
    guard expected != actual else { return nil }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : nil
        let al = i < a.count ? String(a[i]) : nil
        if el != al {
            let context = (max(0, i - 3)..<i).map { "  \(e[$0])" }.joined(separator: "\n")
            return """
                first difference at line \(i + 1) (expected \(e.count) lines, got \(a.count)):
                \(context)
                - \(el ?? "<end of file>")
                + \(al ?? "<end of output>")
                """
        }
    }
    return "the outputs differ only in bytes the line split hides (line endings?)"
}
