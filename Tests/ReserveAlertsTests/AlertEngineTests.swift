import Foundation
import ReserveCore
import ReserveStore
import TestSupport
import Testing

@testable import ReserveAlerts

@Suite struct AlertEngineTests {
    let t0 = Timestamp.parse("2026-11-22T00:00:00Z")!  // constant

    func observation(
        eligible: Bool?, blocking: [RuleID] = [], digest: String = "sha256:a", asOf: String? = "2026-11-20T00:00:00Z",
        events: [CoinObservation.EventObservation] = [], unreachable: [String] = [],
        warnings: [CoinObservation.Warning]? = nil
    ) -> CoinObservation {
        var o = CoinObservation(issuer: "kizuna-yen", token: "KZJPY", freshnessDays: 35)
        o.eligible = eligible
        o.blocking = blocking
        o.digest = eligible == nil ? nil : digest
        o.asOf = asOf.flatMap(Timestamp.parse)
        o.sequence = 12
        o.coverage = "1.005"
        o.events = events
        o.unreachable = unreachable
        o.warnings = warnings
        return o
    }

    let coverageWarning = CoinObservation.Warning(
        key: "coverage", message: "coverage 100.50% is below the warning threshold 101.00%",
        value: "1.005", threshold: "1.01")
    let auditWarning = CoinObservation.Warning(
        key: "audit-lapse", message: "the audit lapses on 2026-12-01, in 9 days",
        value: "9", threshold: "30", rule: "RRT-AUDIT")

    @Test func aWarningFiresOncePerCrossingAndRecoveryReArmsIt() {
        let result = rounds([
            observation(eligible: true, warnings: []),
            observation(eligible: true, warnings: [coverageWarning]),
            observation(eligible: true, warnings: [coverageWarning]),
            observation(eligible: true, warnings: [coverageWarning, auditWarning]),
            observation(eligible: true, warnings: [auditWarning]),
            observation(eligible: true, warnings: [auditWarning, coverageWarning]),
        ])
        #expect(result == [[], [.marginWarning], [], [.marginWarning], [.marginRecovered], [.marginWarning]])
    }

    @Test func warningsNotEvaluatedThisRoundStayAsTheyWere() {
        let result = rounds([
            observation(eligible: true, warnings: [coverageWarning]),
            observation(eligible: true, warnings: nil),
            observation(eligible: true, warnings: [coverageWarning]),
        ])
        #expect(result == [[.marginWarning], [], []])
    }

    @Test func aWarningCarriesItsFiguresAndAKeyPerCrossing() throws {
        let alerts = raised([
            observation(eligible: true, warnings: [auditWarning]), observation(eligible: true, warnings: []),
            observation(eligible: true, warnings: [auditWarning]),
        ]).flatMap { $0 }
        let first = try #require(alerts.first)
        #expect(first.rules == ["RRT-AUDIT"])
        #expect(first.labels == ["warning": "audit-lapse"])
        #expect(first.figures["value"] == .string("9") && first.figures["threshold"] == .string("30"))
        #expect(first.message == "kizuna-yen/KZJPY: the audit lapses on 2026-12-01, in 9 days")
        #expect(Set(alerts.map(\.dedupKey)).count == 3)
    }

    /// Reads a stored state the way the ledger does: its `Codable` conformance over the JSON text.
    func decoded(_ text: String) throws -> CoinAlertState {
        try JSONDecoder().decode(CoinAlertState.self, from: Data(text.utf8))
    }

    @Test func aStoredStateNamingAnUnknownRuleFailsClearly() throws {
        let text = #"{"blocking":["RRT-OC","NO-SUCH-RULE"],"eligible":false,"stale":false}"#
        let error = #expect(throws: VerifierError.self) { try decoded(text) }
        #expect(error?.code == .ledgerDamaged)
        #expect(
            error?.message
                == #"the watch state's blocking names the rule "NO-SUCH-RULE", which this version does not know"#)
        #expect(try decoded(#"{"blocking":["RRT-OC"]}"#).blocking == [.rrtOC])
    }

    @Test func aStateWithoutWarningsIsStoredAsBeforeThem() throws {
        let state = CoinAlertState(
            eligible: true, blocking: [], stale: false, unreachable: [], lastAttestationRef: 3, digest: "sha256:a",
            transitions: 2)
        #expect(
            state.json
                == #"{"blocking":[],"digest":"sha256:a","eligible":true,"lastAttestationRef":3,"stale":false,"#
                + #""transitions":2,"unreachable":[]}"#
        )
        var warned = state
        warned.warnings = ["coverage"]
        #expect(try decoded(warned.json) == warned)
    }

    /// Runs observations round after round, returning the alerts raised per round.
    func raised(_ observations: [CoinObservation], at times: [Timestamp]? = nil) -> [[Alert]] {
        var state: CoinAlertState?
        var out: [[Alert]] = []
        for (i, o) in observations.enumerated() {
            let (next, alerts) = AlertEngine.evaluate(previous: state, observation: o, at: times?[i] ?? t0)
            // The state survives a round trip through its stored JSON.
            state = try? decoded(next.json)
            #expect(state == next)
            out.append(alerts)
        }
        return out
    }

    /// Runs observations round after round, returning the alert types per round.
    func rounds(_ observations: [CoinObservation], at times: [Timestamp]? = nil) -> [[AlertType]] {
        raised(observations, at: times).map { $0.map(\.type) }
    }

    @Test func eligibleThenNotEligibleThenEligibleRaisesExactlyTwoAlerts() {
        let result = rounds([
            observation(eligible: true, digest: "sha256:1"),
            observation(eligible: false, blocking: [.cc2Finality], digest: "sha256:2"),
            observation(eligible: true, digest: "sha256:3"),
        ])
        #expect(result == [[], [.notEligible], [.recovered]])
    }

    @Test func anUnchangedFailingCoinRaisesOneAlertNotOnePerRound() {
        let failing = observation(eligible: false, blocking: [.rrtOC])
        #expect(rounds([failing, failing, failing]) == [[.notEligible], [], []])
    }

    @Test func aNewlyFailingRuleOnANotEligibleCoinRaisesRuleFailed() {
        let result = rounds([
            observation(eligible: false, blocking: [.rrtOC], digest: "sha256:1"),
            observation(eligible: false, blocking: [.rrtOC, .rrtAudit], digest: "sha256:2"),
        ])
        #expect(result == [[.notEligible], [.ruleFailed]])
    }

    @Test func anOverdueCoinRaisesStaleOnceAndFreshWhenANewAttestationArrives() {
        let asOf = Timestamp.parse("2026-10-01T00:00:00Z")!  // constant
        let times = [
            asOf.adding(seconds: 30 * 86_400), asOf.adding(seconds: 36 * 86_400), asOf.adding(seconds: 37 * 86_400),
            asOf.adding(seconds: 38 * 86_400),
        ]
        let old = observation(eligible: true, asOf: "2026-10-01T00:00:00Z")
        let new = observation(eligible: true, digest: "sha256:b", asOf: "2026-11-06T00:00:00Z")
        #expect(rounds([old, old, old, new], at: times) == [[], [.stale], [], [.fresh]])
    }

    @Test func aCoinWithNoAcceptedAttestationIsOverdueOnce() {
        let none = observation(eligible: nil, asOf: nil)
        #expect(rounds([none, none]) == [[.stale], []])
    }

    @Test func signatureRollbackAndEquivocationEventsRaiseTheirAlertsOnce() {
        let events: [CoinObservation.EventObservation] = [
            .init(
                digest: "sha256:x", sequence: 13, failedRules: [.sigTrusted],
                messages: ["SIG-TRUSTED": "no valid signature"]),
            .init(
                digest: "sha256:y", sequence: 11, failedRules: [.rollback],
                messages: ["ROLLBACK": "sequence 11 is not after 12"]),
            .init(digest: "sha256:z", sequence: 12, failedRules: [.equivocation], messages: [:]),
        ]
        let (_, alerts) = AlertEngine.evaluate(
            previous: nil, observation: observation(eligible: true, events: events), at: t0)
        #expect(alerts.map(\.type) == [.signatureFailure, .rollback, .equivocation])
        #expect(alerts.map(\.type.severity) == ["critical", "warning", "critical"])
        #expect(Set(alerts.map(\.dedupKey)).count == 3)
        #expect(alerts[0].labels["digest"] == "sha256:x")
    }

    @Test func anUnreachableSourceAlertsOnceAndItsRecoveryOnce() {
        let source = "https://kizuna.example/latest.dsse.json"
        let result = rounds([
            observation(eligible: true),
            observation(eligible: true, unreachable: [source]),
            observation(eligible: true, unreachable: [source]),
            observation(eligible: true),
        ])
        #expect(result == [[], [.sourceUnreachable], [], [.sourceRecovered]])
    }

    @Test func alertsCarryTheRulesAndFiguresAndAStableDedupKey() throws {
        let (_, alerts) = AlertEngine.evaluate(
            previous: nil, observation: observation(eligible: false, blocking: [.rrtOC], digest: "sha256:q"), at: t0)
        let alert = try #require(alerts.first)
        #expect(alert.rules == ["RRT-OC"])
        #expect(alert.figures["coverage"] == .string("1.005"))
        #expect(alert.dedupKey == "kizuna-yen/KZJPY/not-eligible/sha256:q/1")
        #expect(Alert(json: alert.json) == alert)
    }

    /// Issue 11, class 4: the key was coin/type/digest, so a coin that went back to a digest it had
    /// before (a re-evaluation) raised an alert the outbox already held, and the sinks never got it.
    @Test func aCoinThatFlipsTwiceOnTheSameDigestRaisesEveryChangeWithItsOwnKey() {
        let alerts = raised([
            observation(eligible: false, blocking: [.rrtOC], digest: "sha256:x"),
            observation(eligible: true, digest: "sha256:x"),
            observation(eligible: false, blocking: [.rrtOC], digest: "sha256:x"),
            observation(eligible: true, digest: "sha256:x"),
        ]).flatMap { $0 }
        #expect(alerts.map(\.type) == [.notEligible, .recovered, .notEligible, .recovered])
        #expect(Set(alerts.map(\.dedupKey)).count == 4, "\(alerts.map(\.dedupKey))")
        // The same condition on the next round still raises nothing.
        #expect(
            rounds([
                observation(eligible: false, blocking: [.rrtOC]),
                observation(
                    eligible: false,
                    blocking: [.rrtOC]),
            ])
                == [[.notEligible], []])
    }

    /// Issue 11, class 1: a folder of junk must not raise an alert per file, nor a message without end.
    @Test func sourceErrorsAndMessagesAreCappedAndSaySoInTheAlert() throws {
        var o = observation(eligible: true)
        o.malformed = (0..<10_000).map { ("feed/\($0).json", "sha256:\($0)", "E003 malformed") }
        let (_, alerts) = AlertEngine.evaluate(previous: CoinAlertState(eligible: true), observation: o, at: t0)
        let errors = alerts.filter { $0.type == .sourceError }
        #expect(errors.count == AlertEngine.maxSourceErrorsPerRound + 1)
        #expect(
            errors.last?.message.hasSuffix("… and 9,980 more inputs that cannot be checked this round") == true,
            "\(errors.last?.message ?? "")")

        var long = observation(eligible: true)
        long.malformed = [("feed/a.json", "sha256:a", String(repeating: "#0 invalid, ", count: 10_000))]
        let (_, capped) = AlertEngine.evaluate(previous: CoinAlertState(eligible: true), observation: long, at: t0)
        let message = try #require(capped.first { $0.type == .sourceError }?.message)
        #expect(message.count <= AlertEngine.maxMessageCharacters)
        #expect(message.hasSuffix(", #0 invalid, … and 118,129 more characters"), "\(message.suffix(80))")
        let short = AlertEngine.capped("a short message")
        #expect(short == "a short message")
    }

    /// The labels of the one alert in an Alertmanager payload.
    func alertmanagerLabels(_ alert: Alert) throws -> JSONObject {
        guard case .array(let list) = SinkPayloads.alertmanager(alert), list.count == 1,
            case .object(let posted) = list[0],
            case .object(let labels)? = posted["labels"]
        else {
            throw TestFailure("not a one-alert Alertmanager payload: \(SinkPayloads.alertmanager(alert))")
        }
        return labels
    }

    @Test func alertmanagerRecoveryCarriesTheProblemsLabels() throws {
        // Each recovery after its problem, as the engine raises them over rounds.
        let source = "https://kizuna.example/latest.dsse.json"
        let asOf = Timestamp.parse("2026-10-01T00:00:00Z")!  // constant
        let old = observation(eligible: true, asOf: "2026-10-01T00:00:00Z")
        let new = observation(eligible: true, digest: "sha256:b", asOf: "2026-11-06T00:00:00Z")
        let scenarios: [(problem: AlertType, recovery: AlertType, rounds: [[Alert]])] = [
            (
                .notEligible, .recovered,
                raised([
                    observation(eligible: true, digest: "sha256:1"),
                    observation(eligible: false, blocking: [.cc2Finality], digest: "sha256:2"),
                    observation(eligible: true, digest: "sha256:3"),
                ])
            ),
            (.stale, .fresh, raised([old, old, new], at: [30, 36, 38].map { asOf.adding(seconds: $0 * 86_400) })),
            (
                .sourceUnreachable, .sourceRecovered,
                raised([
                    observation(eligible: true), observation(eligible: true, unreachable: [source]),
                    observation(eligible: true),
                ])
            ),
            (
                .marginWarning, .marginRecovered,
                raised([
                    observation(eligible: true, warnings: []), observation(eligible: true, warnings: [coverageWarning]),
                    observation(eligible: true, warnings: []),
                ])
            ),
        ]
        #expect(
            Set(scenarios.map(\.recovery)) == Set(AlertType.allCases.filter(\.isRecovery)),
            "a recovery type has no scenario")
        for (problemType, recoveryType, rounds) in scenarios {
            let alerts = rounds.flatMap { $0 }
            let problem = try #require(alerts.first { $0.type == problemType }, "no \(problemType.rawValue) alert")
            let recovery = try #require(alerts.first { $0.type == recoveryType }, "no \(recoveryType.rawValue) alert")
            let labels = try alertmanagerLabels(problem)
            #expect(labels["alertname"] == .string(problemType.alertName))
            #expect(labels["severity"] == .string(problemType.alertmanagerSeverity))
            #expect(
                try alertmanagerLabels(recovery) == labels,
                "\(recoveryType.rawValue) does not carry \(problemType.rawValue)'s labels")
        }
    }
}
