import Foundation
import ReserveAlerts
import ReserveCore
import TestSupport
import Testing

@Suite struct JobFileTests {
    @Test func theShippedExampleJobDecodes() throws {
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("attestations/watch.yaml"), encoding: .utf8)
        let job = try JobFile.decode(text, file: "watch.yaml")
        #expect(job.coins.map(\.issuer) == ["kizuna-yen", "sakura-pay", "harbor-usd", "tideline-usd"])
        #expect(job.sinks.map(\.kind) == [.command])
        #expect(job.coins[3].freshnessDays == 31)
        #expect(job.keys == "../keys")
    }

    @Test func theWatchPagesExampleJobIsTheShippedOne() throws {
        let page = try String(contentsOf: packageRoot.appendingPathComponent("docs/WATCH.md"), encoding: .utf8)
        let shipped = try String(
            contentsOf: packageRoot.appendingPathComponent("attestations/watch.yaml"), encoding: .utf8)
        let begin = try #require(
            page.range(of: "<!-- watch-example:begin -->\n```yaml\n"),
            "docs/WATCH.md lacks the watch example markers")
        let end = try #require(
            page.range(of: "```\n<!-- watch-example:end -->", range: begin.upperBound..<page.endIndex))
        #expect(String(page[begin.upperBound..<end.lowerBound]) == shipped)
    }

    func failure(_ yaml: String) -> VerifierError? {
        do {
            _ = try JobFile.decode(yaml, file: "job.yaml")
            return nil
        } catch {
            return error
        }
    }

    static let minimal = """
        version: 1
        coins:
          - issuer: kizuna-yen
            token: KZJPY
            sources:
              - folder: kizuna-yen
        """

    @Test func aMinimalJobUsesTheDefaults() throws {
        let job = try JobFile.decode(Self.minimal, file: "job.yaml")
        #expect(job.profile == "bcbs")
        #expect(job.keys == "keys")
        #expect(job.unreachableAfterRounds == 3)
        #expect(job.delivery.attemptsPerRound == 4)
        #expect(job.coins[0].alerts == nil)
    }

    @Test(
        arguments: [
            (
                "version: 1\ncoins: []\nextra: 1\n", "job.yaml:3",
                "job.yaml:3: unknown key \"extra\" in the job file (allowed: version, ledger, keys, profile, "
                    + "metricsFile, unreachableAfterRounds, http, delivery, sinks, coins, warnings, dossiers)"
            ),
            (
                "version: 1\ncoins:\n  - issuer: a\n    token: B\n    sources: [{folder: x}]\n    colour: red\n",
                "job.yaml:6",
                "job.yaml:6: unknown key \"colour\" in a coin (allowed: issuer, token, sources, freshnessDays, "
                    + "alerts, warnings)"
            ),
            ("version: 1\nversion: 1\ncoins: []\n", "job.yaml", #"job.yaml:1: duplicated key "version""#),
            ("version: 2\ncoins: []\n", "job.yaml:1", "job.yaml:1: version must be 1"),
            ("coins: []\n", "job.yaml", "job.yaml:1: the job file needs \"version\""),
            ("version: 1\ncoins: {}\n", "job.yaml:2", "job.yaml:2: coins must be a list"),
            (
                "version: 1\nhttp:\n  timeoutSeconds: -1\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: http.timeoutSeconds must be a number of seconds in (0, 600]"
            ),
            (
                "version: 1\nsinks:\n  - name: s\n    type: webhook\n    url: http://hooks.example/x\ncoins: []\n",
                "job.yaml:5", "job.yaml:5: sink url must be https:// (plain http is allowed only to localhost)"
            ),
            (
                "version: 1\nsinks:\n  - name: s\n    type: pager\ncoins: []\n", "job.yaml:4",
                "job.yaml:4: sink type must be one of webhook, slack, alertmanager, command"
            ),
            (
                "version: 1\nsinks:\n  - name: s\n    type: command\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: a command sink needs `command` (a list: program and arguments)"
            ),
            (
                "version: 1\ncoins:\n  - issuer: a\n    token: B\n    sources: [{folder: x}]\n    alerts: [nowhere]\n",
                "job.yaml:6", #"job.yaml:6: alerts names "nowhere", which is not a sink"#
            ),
            (
                "version: 1\ncoins:\n  - issuer: ../etc\n    token: B\n    sources: [{folder: x}]\n", "job.yaml:3",
                "job.yaml:3: issuer \"../etc\" is not an issuer id"
            ),
            (
                "version: 1\ncoins:\n  - issuer: a\n    token: B\n    sources: [{folder: x, url: "
                    + "https://x.example/}]\n",
                "job.yaml:5", "job.yaml:5: a source is either `folder: PATH` or `url: URL`"
            ),
            ("version: 1\nprofile: fsa\ncoins: []\n", "job.yaml:2", #"job.yaml:2: unknown profile "fsa""#),
            (
                "version: 1\ncoins: [\n", "job.yaml",
                "job.yaml:3: not valid YAML: while parsing a flow node (line 3): did not find expected node content"
            ),
            (
                "version: 1\nwarnings:\n  coverageUnder: \"1.01\"\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: unknown key \"coverageUnder\" in warnings (allowed: coverageBelow, "
                    + "worstStressedCoverageBelow, auditLapsesWithinDays, ruleMarginsBelow)"
            ),
            (
                "version: 1\nwarnings:\n  coverageBelow: 1.0x\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: warnings.coverageBelow must be an exact decimal in (0, 100], e.g. \"1.01\""
            ),
            (
                "version: 1\nwarnings:\n  worstStressedCoverageBelow: \"-1\"\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: warnings.worstStressedCoverageBelow must be an exact decimal in (0, 100], e.g. \"1.01\""
            ),
            (
                "version: 1\nwarnings:\n  auditLapsesWithinDays: 0\ncoins: []\n", "job.yaml:3",
                "job.yaml:3: warnings.auditLapsesWithinDays must be a whole number in 1...3660"
            ),
            (
                "version: 1\nwarnings:\n  ruleMarginsBelow:\n    RRT-NOPE: \"0.1\"\ncoins: []\n", "job.yaml:4",
                "job.yaml:4: warnings.ruleMarginsBelow: \"RRT-NOPE\" is not a rule id"
            ),
            ("version: 1\nwarnings: [1]\ncoins: []\n", "job.yaml:2", "job.yaml:2: warnings must be a mapping"),
            (
                "version: 1\ncoins:\n  - issuer: a\n    token: B\n    sources: [{folder: x}]\n    warnings: "
                    + "{coverage: \"1\"}\n",
                "job.yaml:6",
                "job.yaml:6: unknown key \"coverage\" in a/B warnings (allowed: coverageBelow, "
                    + "worstStressedCoverageBelow, auditLapsesWithinDays, ruleMarginsBelow)"
            ),
            (
                "version: 1\ndossiers: \"\"\ncoins: []\n", "job.yaml:2",
                "job.yaml:2: dossiers must be a non-empty string"
            ),
        ] as [(String, String, String)])
    func invalidJobFilesNameTheLine(yaml: String, place: String, message: String) throws {
        let error = try #require(failure(yaml), "accepted: \(yaml)")
        #expect(error.code == .invalidConfiguration)
        #expect(error.message == message, "\(error.message)")
    }

    @Test func warningsAndDossiersAreRead() throws {
        let job = try JobFile.decode(
            """
            version: 1
            dossiers: out/dossiers
            warnings:
              coverageBelow: "1.02"
              worstStressedCoverageBelow: 1.01
              auditLapsesWithinDays: 30
              ruleMarginsBelow:
                RRT-OC: "0.005"
            coins:
              - issuer: a
                token: B
                sources: [{folder: x}]
                warnings:
                  coverageBelow: "1.5"
              - issuer: c
                token: D
                sources: [{folder: y}]
            """, file: "job.yaml")
        #expect(job.dossiers == "out/dossiers")
        var expected = JobFile.Warnings()
        expected.coverageBelow = Decimal(string: "1.02")
        expected.worstStressedCoverageBelow = Decimal(string: "1.01")
        expected.auditLapsesWithinDays = 30
        expected.ruleMarginsBelow = [.rrtOC: Decimal(string: "0.005")!]  // constant
        #expect(job.warnings == expected)
        #expect(job.coins[0].warnings?.coverageBelow == Decimal(string: "1.5"))
        #expect(job.coins[0].warnings?.auditLapsesWithinDays == nil)
        #expect(job.coins[1].warnings == nil)
    }

    @Test func plainHTTPIsAllowedOnlyToThisMachine() throws {
        let job = try JobFile.decode(
            """
            version: 1
            sinks:
              - name: am
                type: alertmanager
                url: http://127.0.0.1:9093
            coins:
              - issuer: a
                token: B
                sources:
                  - url: http://localhost:8080/latest.dsse.json
            """, file: "job.yaml")
        #expect(job.sinks[0].url == "http://127.0.0.1:9093")
    }

    // The billion-laughs shapes (as a value, as a key) are catalogue cases: job-billion-laughs*.

    @Test func keysNestedInKeysAreRefusedWhenHashingThemWouldCostTooMuch() throws {
        // A 5,001-node anchor used once as the innermost of 300 nested keys: 10,000 nodes or so,
        // but Yams hashes the anchor again for every enclosing key, 1.5 million nodes in all.
        let big = "[" + Array(repeating: "x", count: 5_000).joined(separator: ", ") + "]"
        var key = "*big"
        for _ in 0..<300 { key = "{? \(key) : v}" }
        let yaml = "version: 1\ncoins: []\nbig: &big \(big)\nnested: \(key)\n"
        let refused = try #require(failure(yaml))
        #expect(refused.code == .invalidConfiguration)
        #expect(refused.message.hasPrefix("job.yaml:4:"), "\(refused.message)")
        #expect(
            refused.message
                == "job.yaml:4: the YAML has mapping keys of more than 1000000 nodes in all once aliases are expanded",
            "\(refused.message)")
    }

    @Test func ordinaryAliasesStillWork() throws {
        let job = try JobFile.decode(
            """
            version: 1
            sinks:
              - name: ops
                type: command
                command: [/bin/true]
            coins:
              - issuer: a
                token: A
                sources: &both [{folder: a}, {folder: shared}]
                alerts: &ops [ops]
              - issuer: b
                token: B
                sources: *both
                alerts: *ops
            """, file: "job.yaml")
        #expect(job.coins.map(\.sources.count) == [2, 2])
        #expect(job.coins[1].alerts == ["ops"])
    }

    /// The job file's mappings go through the shared strict reader: the first problem in the
    /// file's order (an unknown key, a key that is not a plain name), then a missing field.
    @Test(
        arguments: [
            (
                "bogus: 1\n? [a]\n: 1\ncoins: []\n",
                "job.yaml:1: unknown key \"bogus\" in the job file (allowed: version, ledger, keys, profile, "
                    + "metricsFile, unreachableAfterRounds, http, delivery, sinks, coins, warnings, dossiers)"
            ),
            ("? [a]\n: 1\nversion: 1\n", "job.yaml:1: the job file: keys must be plain names"),
            ("version: 1\n? [a]\n: 1\n", "job.yaml:2: the job file: keys must be plain names"),
            ("version: 1\n", "job.yaml:1: the job file needs \"coins\""),
            (
                "version: 1\ncoins:\n  - issuer: kizuna-yen\n    token: KZJPY\n",
                "job.yaml:3: a coin needs \"sources\""
            ),
            ("version: 1\nsinks:\n  - type: command\ncoins: []\n", "job.yaml:3: a sink needs \"name\""),
        ] as [(String, String)])
    func mappingProblemsComeInTheFilesOrder(yaml: String, message: String) {
        do {
            _ = try JobFile.decode(yaml, file: "job.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message == message)
        }
    }
}
