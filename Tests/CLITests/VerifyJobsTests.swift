import Foundation
import ReserveCore
import TestSupport
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
        #expect(result.stderr.split(separator: "\n").first == "Error: --jobs must be at least 1", "\(result)")
    }

    /// Every input fails before it can be checked (E004, a duplicate key): no ledger file is
    /// left behind and no "new ledger" note is printed.
    @Test func nothingCheckedCreatesNoLedger() throws {
        let ws = try Workspace([.keys])
        try ws.write(#"{"payloadType": "a", "payloadType": "b"}"#, to: "in/dup.json")
        let result = try ws.run("verify", "in", "--at", Self.at)
        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr
                == "in/dup.json: error E004 duplicate-key: duplicate key \"payloadType\" at payloadType "
                + "(line 1, column 22, byte 21)\n", "\(result)")
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

/// `verify --jobs 2` on hostile folders: what one worker checks never changes what the other
/// reports, and the coin's history is judged by the one writer in input order.
@Suite struct VerifyJobsHostileTests {
    static let at = "2026-11-22T00:00:00Z"
    static let key = "samples/private-keys-SAMPLE-ONLY/sakura-issuer.pem"
    static let payload = "samples/payloads/sakura-pay-2026-10.json"

    /// `in/`: Sakura Pay's payload signed (first in byte order), nine envelopes that cannot be
    /// checked (each worker claims runs of ``Workers/run`` = 8 inputs, so the first run is the
    /// good envelope and seven bad ones), then the same coin and sequence with another `asOf`,
    /// signed by the same key: an equivocation whose two halves go to different workers.
    static func workspace() throws -> Workspace {
        let ws = try Workspace([.keys, .payloads, .privateKeys])
        let first = try ws.run("sign", "--key", key, payload)
        try #require(first.status == 0, "\(first)")
        try ws.write(first.stdout, to: "in/a-sakura.dsse.json")
        let original = String(decoding: try ws.read(payload), as: UTF8.self)
        let other = original.replacingOccurrences(
            of: #""asOf": "2026-10-31T15:00:00Z""#, with: #""asOf": "2026-10-31T16:00:00Z""#)
        try #require(other != original)
        try ws.write(other, to: "other.json")
        let second = try ws.run("sign", "--key", key, "other.json")
        try #require(second.status == 0, "\(second)")
        try ws.write(second.stdout, to: "in/z-sakura.dsse.json")
        for i in 1...9 {
            try ws.write(#"{"payloadType": "a", "payloadType": "\#(i)"}"#, to: "in/m-bad-\(i).json")
        }
        return ws
    }

    @Test func badEnvelopesAmongGoodOnesAndASplitEquivocationGiveTheSameReportAndLedger() throws {
        let ws = try Self.workspace()
        var reports: [RunResult] = []
        var states: [String] = []
        for jobs in ["1", "2"] {
            let db = "ledger-\(jobs).sqlite"
            let result = try ws.run(
                "verify", "in", "--at", Self.at, "--format", "json", "--db", db, "--jobs", jobs, "--quiet")
            reports.append(result)
            let status = try ws.run("status", "--db", db, "--format", "json", "--at", Self.at)
            #expect(status.status != 2, "\(status)")
            let history = try ws.run("history", "sakura-pay", "--db", db, "--format", "json")
            #expect(history.status != 2, "\(history)")
            let check = try ws.run("ledger", "verify", "--db", db)
            #expect(check.status == 0, "\(check)")
            states.append(
                (status.output + history.output + check.output).replacingOccurrences(of: db, with: "LEDGER"))
        }
        let one = reports[0]
        let two = reports[1]
        #expect(one.status == 2, "\(one)")
        #expect(two.status == one.status, "\(two)")
        #expect(two.output.replacingOccurrences(of: "ledger-2", with: "ledger-1") == one.output)
        #expect(two.stderr == one.stderr)
        #expect(states[1] == states[0])
        // Every bad envelope is named with its error, in input order.
        let bad: [String] = (1...9).map { "in/m-bad-\($0).json" }
        var positions: [String.Index] = []
        for name in bad {
            if let range = one.stderr.range(of: name + ": ") { positions.append(range.lowerBound) }
        }
        #expect(positions.count == 9, "\(one.stderr)")
        #expect(positions == positions.sorted())
        // The later half of the pair, and only it, is the equivocation.
        let report = try JSONParser().parse(one.stdout)
        let inputs: [JSONValue] = try #require(report["attestations"]?.array, "\(one.output)")
        let sources: [String] = inputs.map { $0["source"]?.string ?? "" }
        #expect(sources == ["in/a-sakura.dsse.json"] + bad + ["in/z-sakura.dsse.json"])
        let first: [String] = (inputs.first?["verdict"]?["blocking"]?.array ?? []).compactMap { $0.string }
        let last: [String] = (inputs.last?["verdict"]?["blocking"]?.array ?? []).compactMap { $0.string }
        #expect(!first.contains("EQUIVOCATION"), "\(first)")
        #expect(last.contains("EQUIVOCATION"), "\(last)")
        #expect(inputs.first?["ledger"]?["accepted"]?.bool == true)
        #expect(inputs.last?["ledger"]?["accepted"]?.bool == false)
    }
}
