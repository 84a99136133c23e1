import Foundation
import ReserveCore
import ReserveReport
import TestSupport
import Testing

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
