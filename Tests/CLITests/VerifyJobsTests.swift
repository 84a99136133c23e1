import Foundation
import Testing

/// `verify --jobs N`: the same bytes, exit code and ledger whatever the number of workers, and no
/// ledger file made when nothing could be checked.
@Suite struct VerifyJobsTests {
    static let at = "2026-11-22T00:00:00Z"

    /// The shipped samples plus the same coin twice more: a replay of one envelope (an exact
    /// copy, later in byte order) and its tampered twin, so that the history stage has work.
    static func workspace() throws -> Workspace {
        let ws = try Workspace([.attestations, .keys])
        let original = try ws.read("attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json")
        try ws.write(original, to: "attestations/zz-replay/kizuna-yen-2026-10-again.dsse.json")
        return ws
    }

    @Test(arguments: ["text", "json"])
    func everyJobCountPrintsTheSameBytes(format: String) throws {
        let ws = try Self.workspace()
        let one = try ws.run(
            "verify", "attestations", "--at", Self.at, "--no-record", "--format", format, "--jobs", "1")
        #expect(one.status == 1, "\(one)")
        #expect(one.output.contains("kizuna-yen-2026-10-again"), "\(one)")
        for jobs in ["2", "3", "64"] {
            let many = try ws.run(
                "verify", "attestations", "--at", Self.at, "--no-record", "--format", format, "--jobs", jobs)
            #expect(many.status == one.status, "--jobs \(jobs): \(many)")
            #expect(many.output == one.output, "--jobs \(jobs)")
            #expect(many.stderr == one.stderr, "--jobs \(jobs)")
        }
    }

    /// Recording: the replay is judged against the first copy recorded in the same run, whatever
    /// worker checked which; each run into its own ledger gives the same report and chain.
    @Test func recordingGivesTheSameVerdictsAndChain() throws {
        let ws = try Self.workspace()
        var outputs: [String] = []
        for jobs in ["1", "2", "5"] {
            let result = try ws.run(
                "verify", "attestations", "--at", Self.at, "--format", "json", "--db", "ledger-\(jobs).sqlite",
                "--jobs",
                jobs)
            #expect(result.status == 1, "\(result)")
            outputs.append(result.output.replacingOccurrences(of: "ledger-\(jobs).sqlite", with: "LEDGER"))
        }
        #expect(outputs[0].contains("already recorded"), "\(outputs[0])")
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }

    @Test func zeroJobsIsAUsageError() throws {
        let ws = try Workspace([.attestations, .keys])
        let result = try ws.run("verify", "attestations", "--jobs", "0")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--jobs must be at least 1"), "\(result)")
    }

    /// Every input fails before it can be checked (E004, a duplicate key): no ledger file is
    /// left behind and no "new ledger" note is printed.
    @Test func nothingCheckedCreatesNoLedger() throws {
        let ws = try Workspace([.keys])
        try ws.write(#"{"payloadType": "a", "payloadType": "b"}"#, to: "in/dup.json")
        let result = try ws.run("verify", "in", "--at", Self.at)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("E004"), "\(result)")
        #expect(!result.stderr.contains("created a new ledger"), "\(result)")
        #expect(!ws.exists("reserve-verifier.sqlite"))
        #expect(!ws.exists("reserve-verifier.sqlite-wal"))
    }

    /// With one input checked, the ledger is created (and announced) as before.
    @Test func somethingCheckedCreatesTheLedger() throws {
        let ws = try Workspace([.attestations, .keys])
        try ws.write(#"{"payloadType": "a", "payloadType": "b"}"#, to: "attestations/aa-dup.json")
        let result = try ws.run("verify", "attestations", "--at", Self.at)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("note: created a new ledger reserve-verifier.sqlite"), "\(result)")
        #expect(ws.exists("reserve-verifier.sqlite"))
    }
}
