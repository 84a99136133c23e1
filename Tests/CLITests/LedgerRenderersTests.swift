import Foundation
import ReserveCore
import TestSupport
import Testing

@testable import ReserveReport
@testable import ReserveStore

/// The renderers of `status`, `history` and `reevaluate` on cases the shipped samples do not reach
/// (stale, equivocation, CSV quoting, a withdrawal); the samples' outputs are covered by the
/// golden and CLI tests.
@Suite struct LedgerRenderersTests {
    let now = Timestamp.parse("2026-12-10T00:00:00Z")!  // constant

    func coin(sequence: Int = 5, eligible: Bool = true, blocking: [String] = [], equivocations: Int = 0) -> CoinStatus {
        CoinStatus(
            issuer: "acme", token: "AUSD", sequence: sequence, attestationId: "a-1",
            asOf: Timestamp.parse("2026-11-01T00:00:00Z")!, digest: "sha256:00", eligible: eligible,
            group: eligible ? "1b" : "2b", profile: "bcbs@2026-01-01", blocking: blocking.map { RuleID(rawValue: $0)! },
            coverage: "1.005",
            stressedCoverage: nil, evaluatedAt: "2026-11-02T00:00:00Z", freshnessDays: 35,
            equivocations: equivocations)
    }

    @Test func statusTextMarksStaleEquivocatingAndBlockedCoinsAndPushesALongSequenceRight() {
        let text = StatusRenderer.text(
            [
                coin(),
                coin(sequence: 1_234_567, eligible: false, blocking: ["RRT-OC", "CC4-ENTITIES"], equivocations: 2),
            ],
            at: now, profile: "bcbs", ledgerPath: "l.sqlite")
        #expect(
            text == """
                profile: bcbs
                ISSUER/TOKEN                SEQ   AS OF                 AGE   VERDICT          COVERAGE   STRESSED   NOTES
                acme/AUSD                   5     2026-11-01T00:00:00Z  39d   eligible 1b      100.50%    -          STALE (> 35 d)
                acme/AUSD                   1234567 2026-11-01T00:00:00Z  39d   not eligible 2b  100.50%    -          \
                STALE (> 35 d); EQUIVOCATION x2; blocked by RRT-OC,CC4-ENTITIES

                """)
        #expect(
            StatusRenderer.text([], at: now, profile: "mas", ledgerPath: "l.sqlite")
                == "no accepted attestations evaluated under profile mas in l.sqlite\n")
    }

    @Test func statusJSONGivesTheAgeAndStalenessAtTheGivenTime() throws {
        let json = try JSONParser().parse(Array(StatusRenderer.json([coin()], at: now, profile: "bcbs").utf8))
        guard case .object(let root) = json, case .array(let coins)? = root["coins"],
            case .object(let first)? = coins.first
        else { throw TestFailure("not a status document: \(json)") }
        #expect(root["format"] == .string("reserve-verifier/status@1"))
        #expect(first["ageSeconds"] == .number("3369600"))
        #expect(first["staleNow"] == .bool(true))
        #expect(first["stressedCoverage"] == .null)
    }

    @Test func sourcesTextSaysWhichFailAndTheirLastError() {
        let sources = [
            SourceState(source: "a/A folder x", updatedAt: "2026-12-01T00:00:00Z"),
            SourceState(
                source: "b/B https://b.example/a.json", consecutiveFailures: 3, lastError: "HTTP 503",
                lastSuccessAt: "2026-11-30T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z"),
        ]
        #expect(
            StatusRenderer.text(sources: sources, ledgerPath: "l.sqlite") == """
                a/A folder x
                  ok; last success never; checked 2026-12-01T00:00:00Z
                b/B https://b.example/a.json
                  FAILING x3; last success 2026-11-30T00:00:00Z; checked 2026-12-01T00:00:00Z
                  last error: HTTP 503

                """)
        #expect(
            StatusRenderer.json(sources: Array(sources.suffix(1)))
                == """
                {
                  "sources": [
                    {
                      "consecutiveFailures": 3,
                      "lastError": "HTTP 503",
                      "lastSuccessAt": "2026-11-30T00:00:00Z",
                      "source": "b/B https://b.example/a.json",
                      "updatedAt": "2026-12-01T00:00:00Z"
                    }
                  ]
                }

                """)
        #expect(StatusRenderer.text(sources: [], ledgerPath: "l.sqlite") == "no watched sources in l.sqlite\n")
    }

    func entry(profile: String, accepted: Bool, blocking: [String]) -> HistoryEntry {
        HistoryEntry(
            evaluationID: 9, sequence: 5, token: "AUSD", asOf: Timestamp.parse("2026-11-01T00:00:00Z")!,
            kind: .reevaluate, profile: profile, evaluatedAt: "2026-11-02T00:00:00Z", eligible: false, group: "2b",
            blocking: blocking.map { RuleID(rawValue: $0)! }, coverage: "0.99", stressedCoverage: nil,
            accepted: accepted, digest: "sha256:00")
    }

    @Test func historyJSONIsTheBytesJSONWriterWritesFromTheTree() {
        var odd = entry(
            profile: "bcbs \"q\" \\ \u{01}\n\t\r\u{7F} é", accepted: true, blocking: ["REPLAY", "CC4-ENTITIES"])
        odd.coverage = nil
        odd.stressedCoverage = "1.02"
        odd.eligible = true
        odd.token = "Ω\u{1F600}"
        let lists: [[HistoryEntry]] = [
            [], [entry(profile: "bcbs", accepted: false, blocking: [])],
            [odd, entry(profile: "hkma@2", accepted: true, blocking: ["REPLAY"]), odd],
        ]
        for list in lists {
            for issuer in ["acme", "a\"b\\c\u{0}"] {
                #expect(HistoryRenderer.json(list, issuer: issuer) == HistoryRenderer.jsonTree(list, issuer: issuer))
            }
        }
        // Not the same bytes for different entries (the comparison above is not vacuous).
        #expect(HistoryRenderer.json([odd], issuer: "acme") != HistoryRenderer.jsonTree([], issuer: "acme"))
        #expect(HistoryRenderer.json([odd], issuer: "acme").contains("\"token\": \"Ω\u{1F600}\""))
    }

    /// The percentage of a plain ratio, worked on its digits, is the text `Decimal` gives (ties
    /// rounded half-even both ways); anything else still goes through `Decimal`.
    @Test func aPlainRatioAsAPercentageIsDecimalsText() {
        func viaDecimal(_ ratio: String) -> String {
            Decimal(string: ratio).map { ($0 * 100).fixed(2) + "%" } ?? ratio
        }
        var ratios = [
            "0", "1", "1.005", "0.99995", "0.99985", "0.00005", "0.00015", "0.000050000001", "12.3456789",
            "999999999999.999999999999999999", "007", "0.5", "1.00004999", "2.12345", "2.12355", "0.0",
            "123456789012.5", "1.000000000000000005", "1.0303288659793814432989690721649484536",
            "1.02853929190792260980087558254483829965", "0.99999999999999999999999999999999999999",
            "1.00005000000000000000000000000000000001", "1.00004999999999999999999999999999999999",
            "999999999999.99999999999999999999999999999999999999",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let whole = String(UInt64.random(in: 0...999_999, using: &generator))
            let digits = (0..<Int.random(in: 1...38, using: &generator)).map { _ in
                String(Int.random(in: 0...9, using: &generator))
            }
            ratios.append(whole + "." + digits.joined())
        }
        var plain = 0
        for ratio in ratios {
            if let text = TextTable.plainPercent(ratio) {
                plain += 1
                #expect(text == viaDecimal(ratio), "\(ratio)")
            }
            #expect(TextTable.percent(ratio) == viaDecimal(ratio), "\(ratio)")
        }
        // Most are worked on their digits (a fifth decimal of 4 or 5 past 18 decimals is not).
        #expect(plain > ratios.count * 3 / 4)
        // Not plain: left to Decimal (and the same text as before).
        for ratio in [
            "", ".5", "5.", "-1.5", "1e3", "1.5x", " 1.5", "1234567890123.5",
            "1.00005000000000000000000000000000000001",
            "1.00004999999999999999999999999999999999", "1.000000000000000000000000000000000000001",
        ] {
            #expect(TextTable.plainPercent(ratio) == nil, "\(ratio)")
            #expect(TextTable.percent(ratio) == viaDecimal(ratio), "\(ratio)")
        }
        #expect(TextTable.percent("1.005") == "100.50%")
        #expect(TextTable.percent(nil) == "-")
    }

    /// Columns sized by characters, two spaces between them, the last not padded.
    @Test func aTextTablePadsEachColumnToItsWidestCell() {
        var table = TextTable("A", "BB", "C")
        table.append("ééé", "x", "last")
        table.append("1", "22222", "")
        #expect(table.text == "A    BB     C\nééé  x      last\n1    22222  \n")
    }

    @Test func historyCSVQuotesFieldsWithCommasAndQuotes() {
        let csv = HistoryRenderer.csv([
            entry(profile: "bank \"a\", v2", accepted: false, blocking: ["RRT-OC", "REPLAY"])
        ])
        #expect(
            csv == """
                evaluation,token,sequence,as_of,kind,profile,evaluated_at,group1b,group,blocking,coverage,stressed_coverage,accepted,digest
                9,AUSD,5,2026-11-01T00:00:00Z,reevaluate,"bank ""a"", v2",2026-11-02T00:00:00Z,not-eligible,2b,RRT-OC REPLAY,0.99,,false,sha256:00

                """)
    }

    @Test func historyTextSaysWhatWasNotAccepted() {
        #expect(
            HistoryRenderer.text([entry(profile: "bcbs", accepted: false, blocking: ["REPLAY"])], issuer: "acme") == """
                EVAL  TOKEN  SEQ  AS OF                 EVALUATED AT          KIND        PROFILE  VERDICT          \
                COVERAGE  STRESSED  BLOCKING
                9     AUSD   5    2026-11-01T00:00:00Z  2026-11-02T00:00:00Z  reevaluate  bcbs     not eligible 2b  \
                99.00%    -         REPLAY (not accepted)

                """)
        #expect(HistoryRenderer.text([], issuer: "acme") == "no evaluations for issuer acme\n")
    }

    @Test func reevaluateNamesAChangeABlockAndAWithdrawal() throws {
        let results = [
            Reevaluation(
                issuer: "acme", token: "AUSD", sequence: 5, previousEligible: true, previousProfile: "bcbs@2026-01-01",
                eligible: false, profile: "hkma@2025-08-01", blocking: [.rrtOC, .cc4Entities],
                withdrawal: "key revoked at 2026-10-01T00:00:00Z"),
            Reevaluation(
                issuer: "acme", token: "AUSD", sequence: 6, previousEligible: true, previousProfile: "bcbs@2026-01-01",
                eligible: true, profile: "bcbs@2026-01-01", blocking: [], withdrawal: nil),
        ]
        #expect(
            ReevaluationRenderer.text(results, ledgerPath: "l.sqlite") == """
                CHANGED  acme/AUSD #5: eligible (bcbs@2026-01-01) -> not eligible (hkma@2025-08-01); \
                blocked by RRT-OC, CC4-ENTITIES; WITHDRAWN from the coin's history: key revoked at 2026-10-01T00:00:00Z
                same     acme/AUSD #6: eligible (bcbs@2026-01-01) -> eligible (bcbs@2026-01-01)

                """)
        #expect(ReevaluationRenderer.text([], ledgerPath: "l.sqlite") == "no accepted attestations in l.sqlite\n")
        let json = try JSONParser().parse(Array(ReevaluationRenderer.json(results, evaluatedAt: now).utf8))
        guard case .object(let root) = json, case .array(let list)? = root["attestations"],
            case .object(let first)? = list.first
        else { throw TestFailure("not a reevaluate document: \(json)") }
        #expect(root["evaluatedAt"] == .string("2026-12-10T00:00:00Z"))
        #expect(first["changed"] == .bool(true))
        #expect(first["withdrawn"] == .bool(true))
        #expect(first["blocking"] == .array([.string("RRT-OC"), .string("CC4-ENTITIES")]))
        #expect(first["now"] == .string("not-eligible"))
    }
}
