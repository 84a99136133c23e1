import Foundation
import TestSupport
import Testing

@testable import ReserveCore

/// A fully eligible `reserve-attestation/1` payload, built in code and mutated per test.
///
/// The default is shaped like `samples/payloads/kizuna-yen-2026-10.json`: a JPY coin (peg 1 JPY)
/// with 30,000,000,000 units outstanding on a permissioned network, reserves of 20,100,000,000 in
/// a callable deposit at an A+ bank and 10,050,000,000 at the Bank of Japan (coverage 1.005), no
/// other claims, and every declaration present. Tests change it through the path subscript
/// (`fixture["token", "redemption", "settlementDays"] = 6`, `= nil` removes a field) or by
/// replacing `reserves` with lines from ``RuleLine``, then decode it with the real decoder.
struct RuleFixture {
    /// `asOf` of the default payload; maturities in tests are counted from its date, 2026-10-31.
    static let asOf = Timestamp.parse("2026-10-31T15:00:00Z")!
    /// The evaluation time used throughout (as in the brief's sample runs).
    static let evaluatedAt = Timestamp.parse("2026-11-22T00:00:00Z")!
    static let asOfDate = CivilDate(year: 2026, month: 10, day: 31)!

    var root: JSONValue

    /// The eligible JPY coin described above.
    static func eligible() -> RuleFixture {
        RuleFixture(root: [
            "format": "reserve-attestation/1",
            "attestationId": "rule-fixture-2026-10-31",
            "sequence": 1,
            "asOf": "2026-10-31T15:00:00Z",
            "issuedAt": "2026-11-02T01:00:00Z",
            "issuer": [
                "id": "rule-fixture",
                "legalName": "Rule Fixture Bank (fictional)",
                "jurisdiction": "JP",
                "regulation": [
                    "regulator": "JFSA", "licence": "bank", "prudentialCapital": true, "prudentialLiquidity": true,
                ],
            ],
            "token": [
                "symbol": "RFJPY",
                "peg": ["currency": "JPY", "valuePerUnit": "1"],
                "stabilisation": "fiat-reserve",
                "outstanding": [["network": "fixture-net", "issued": "30000000000", "nonRedeemable": "0"]],
                "networks": [
                    [
                        "name": "fixture-net", "permissionless": false, "validatorsRegulated": true,
                        "riskAssessment": "https://fixture.example/risk/network",
                    ]
                ],
                "redemption": ["holders": "all", "settlementDays": 1, "feePercent": "0", "minimumUnits": "1"],
            ],
            "reserves": [
                RuleLine.deposit(
                    "dep-trust", "20100000000", bank: "Example Trust Bank", rating: "A+",
                    custody: "custodian-balance-sheet"),
                RuleLine.centralBank("dep-boj", "10050000000", issuer: "JP"),
            ],
            "otherClaims": [],
            "entities": [
                RuleFixture.entity("issuer", "Rule Fixture Bank"),
                RuleFixture.entity("reserve-custodian", "Example Trust Bank"),
                RuleFixture.entity("transfer-system-operator", "Fixture Network Operations K.K."),
            ],
            "legal": [
                "opinions": [["jurisdiction": "JP", "firm": "Example Partners", "date": "2026-02-10"]],
                "settlementFinality": true,
                "jurisdictions": ["JP"],
            ],
            "governance": [
                "operationalResilienceFramework": true, "reserveMandateUrl": "https://fixture.example/reserve-mandate",
            ],
            "disclosure": [
                "valueFrequencyDays": 1, "compositionFrequencyDays": 1, "lastPublished": "2026-11-02T01:00:00Z",
                "url": "https://fixture.example/reserves",
            ],
            "assurance": [RuleFixture.audit(periodEnd: "2026-09-30", opinionDate: "2026-10-20")],
        ])
    }

    /// A USD coin (peg 1 USD, `units` outstanding) with the given reserves; otherwise as ``eligible()``.
    static func usd(units: String, reserves: [JSONValue]) -> RuleFixture {
        var f = eligible()
        f.pegCurrency = "USD"
        f.issuedUnits = units
        f.reserves = reserves
        return f
    }

    // MARK: Mutation

    /// The value at a path of object keys (`String`) and array indices (`Int`); setting `nil`
    /// removes an object key.
    subscript(path: RulePathKey...) -> JSONValue? {
        get { root.ruleValue(at: path[...]) }
        set { root.ruleSet(newValue, at: path[...]) }
    }

    var reserves: [JSONValue] {
        get { if case .array(let lines)? = self["reserves"] { return lines } else { return [] } }
        set { self["reserves"] = .array(newValue) }
    }

    var pegCurrency: String {
        get { if case .string(let c)? = self["token", "peg", "currency"] { return c } else { return "" } }
        set { self["token", "peg", "currency"] = .string(newValue) }
    }

    /// Units issued on the single network (nonRedeemable stays 0).
    var issuedUnits: String {
        get { if case .string(let u)? = self["token", "outstanding", 0, "issued"] { return u } else { return "" } }
        set { self["token", "outstanding", 0, "issued"] = .string(newValue) }
    }

    /// Replaces `otherClaims` by one claim of `amount` (or `[]` for none).
    mutating func claims(_ amounts: String...) {
        self["otherClaims"] = .array(
            amounts.map { ["description": "claim secured on reserves", "amount": .string($0)] })
    }

    // MARK: Decoding and running rules

    /// Decodes through the real decoder; a fixture that does not decode fails the test.
    func attestation(sourceLocation: SourceLocation = #_sourceLocation) throws -> Attestation {
        switch AttestationDecoder().decodeAll(root) {
        case .success(let attestation):
            return attestation
        case .failure(let problems):
            let text = problems.problems.map { "\($0)" }.joined(separator: "; ")
            Issue.record("fixture does not decode: \(text)", sourceLocation: sourceLocation)
            throw RuleFixtureError.doesNotDecode(text)
        }
    }

    func context(_ profile: Profile = .bcbs, at time: Timestamp = RuleFixture.evaluatedAt) throws -> RuleContext {
        RuleContext(
            verified: VerifiedAttestation(uncheckedPayload: try attestation(), digest: "sha256:test"),
            profile: profile, evaluatedAt: time)
    }

    /// One rule's raw finding (before the evaluator applies gating and the tentative warn).
    func finding(_ rule: some Rule, _ profile: Profile = .bcbs, at time: Timestamp = RuleFixture.evaluatedAt) throws
        -> Finding
    {
        rule.evaluate(try context(profile, at: time))
    }

    /// All rules and the verdict, as `lint --rules` computes them.
    func evaluation(_ profile: Profile = .bcbs, at time: Timestamp = RuleFixture.evaluatedAt) throws -> Evaluation {
        Evaluator(profile: profile).evaluateDraft(try attestation(), at: time)
    }

    // MARK: Parts

    static func entity(_ role: String, _ name: String) -> JSONValue {
        [
            "role": .string(role), "name": .string(name), "regulated": true, "regulator": "JFSA",
            "governanceDisclosure": "https://fixture.example/governance",
        ]
    }

    static func audit(
        kind: String = "reserve-audit", periodEnd: String, opinionDate: String, opinion: String = "unqualified",
        coversReserves: Bool = true
    ) -> JSONValue {
        [
            "kind": .string(kind), "firm": "Example Audit LLC", "periodEnd": .string(periodEnd),
            "opinionDate": .string(opinionDate),
            "opinion": .string(opinion), "coversReserves": .bool(coversReserves), "independent": true,
        ]
    }

    static func marketData(
        referenced: Bool = true, cap: String = "10000000000", volume: String = "50000000",
        observations: Int = 100
    ) -> JSONValue {
        [
            "referencedByRegulatedProduct": .bool(referenced), "averageMarketCapitalisationUSD": .string(cap),
            "trimmedMeanDailyVolumeUSD": .string(volume), "priceObservations": .int(observations),
        ]
    }

    /// `asOf`'s date plus `days`, as `YYYY-MM-DD`.
    static func day(_ days: Int) -> String { asOfDate.adding(days: days).description }
    /// `asOf`'s date plus `years` (and `days`), as `YYYY-MM-DD`.
    static func year(_ years: Int, plusDays days: Int = 0) -> String {
        asOfDate.adding(years: years).adding(days: days).description
    }
}

enum RuleFixtureError: Error {
    case doesNotDecode(String)
}

/// Reserve lines for ``RuleFixture``, one function per class. Optional arguments left `nil` are
/// left out of the JSON.
enum RuleLine {
    static func deposit(
        _ id: String, _ value: String, bank: String, rating: String?, currency: String = "JPY",
        callable: Bool? = true, maturity: String? = nil, custody: String = "segregated"
    ) -> JSONValue {
        var counterparty: JSONObject = ["name": .string(bank), "regulated": true]
        counterparty["rating"] = rating.map(JSONValue.string)
        var o = common(id, "bank-deposit", value, currency, custody)
        o["counterparty"] = .object(counterparty)
        o["callable"] = callable.map(JSONValue.bool)
        o["maturity"] = maturity.map(JSONValue.string)
        return .object(o)
    }

    static func centralBank(_ id: String, _ value: String, issuer: String, currency: String = "JPY") -> JSONValue {
        var o = common(id, "central-bank-reserve", value, currency, "segregated")
        o["issuer"] = .string(issuer)
        return .object(o)
    }

    /// Any debt security: `sovereign-bill`, `sovereign-bond` (issuer a country), `corporate-debt`,
    /// `commercial-paper`, `covered-bond`.
    static func debt(
        _ id: String, _ cls: String, _ value: String, issuer: String, rating: String?, maturity: String?,
        currency: String = "JPY", acquiredVia: String? = nil
    ) -> JSONValue {
        var o = common(id, cls, value, currency, "segregated")
        o["issuer"] = .string(issuer)
        o["rating"] = rating.map(JSONValue.string)
        o["maturity"] = maturity.map(JSONValue.string)
        o["acquiredVia"] = acquiredVia.map(JSONValue.string)
        return .object(o)
    }

    static func reverseRepo(
        _ id: String, _ value: String, tenorDays: Int?, counterparty: String = "Example Dealer",
        rating: String? = "A+", currency: String = "JPY", collateral: JSONValue?
    ) -> JSONValue {
        var party: JSONObject = ["name": .string(counterparty), "regulated": true]
        party["rating"] = rating.map(JSONValue.string)
        var o = common(id, "reverse-repo", value, currency, "segregated")
        o["counterparty"] = .object(party)
        o["tenorDays"] = tenorDays.map(JSONValue.int)
        o["collateral"] = collateral
        return .object(o)
    }

    static func collateral(
        _ cls: String = "sovereign-bond", issuer: String, rating: String?, currency: String = "JPY",
        value: String, maturity: String?
    ) -> JSONValue {
        var o: JSONObject = [
            "class": .string(cls), "issuer": .string(issuer), "currency": .string(currency), "value": .string(value),
        ]
        o["rating"] = rating.map(JSONValue.string)
        o["maturity"] = maturity.map(JSONValue.string)
        return .object(o)
    }

    static func fund(_ id: String, _ value: String, holdsOnlyEligible: Bool?, wamDays: Int?, currency: String = "JPY")
        -> JSONValue
    {
        var o = common(id, "money-market-fund", value, currency, "segregated")
        o["name"] = "Example Government MMF"
        o["holdsOnlyEligible"] = holdsOnlyEligible.map(JSONValue.bool)
        o["weightedAverageMaturityDays"] = wamDays.map(JSONValue.int)
        return .object(o)
    }

    /// `equity`, `gold`, `cryptoasset`, `secured-loan`, `other`.
    static func named(
        _ id: String, _ cls: String, _ value: String, currency: String = "JPY", mainIndex: Bool? = nil,
        custody: String = "segregated"
    ) -> JSONValue {
        var o = common(id, cls, value, currency, custody)
        o["name"] = .string("\(cls) holding")
        o["mainIndex"] = mainIndex.map(JSONValue.bool)
        return .object(o)
    }

    /// `line` marked as obtained by `via` (`repo-borrowing`, `collateral-swap`).
    static func acquired(_ via: String, _ line: JSONValue) -> JSONValue {
        guard case .object(var o) = line else { return line }
        o["acquiredVia"] = .string(via)
        return .object(o)
    }

    private static func common(_ id: String, _ cls: String, _ value: String, _ currency: String, _ custody: String)
        -> JSONObject
    {
        [
            "id": .string(id), "class": .string(cls), "currency": .string(currency), "value": .string(value),
            "custody": .string(custody),
        ]
    }
}

/// One step of a ``RuleFixture`` path: an object key or an array index.
enum RulePathKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension JSONValue {
    fileprivate func ruleValue(at path: ArraySlice<RulePathKey>) -> JSONValue? {
        guard let first = path.first else { return self }
        switch (self, first) {
        case (.object(let o), .key(let k)): return o[k]?.ruleValue(at: path.dropFirst())
        case (.array(let a), .index(let i)) where a.indices.contains(i): return a[i].ruleValue(at: path.dropFirst())
        default: return nil
        }
    }

    fileprivate mutating func ruleSet(_ newValue: JSONValue?, at path: ArraySlice<RulePathKey>) {
        guard let first = path.first else {
            self = newValue ?? .null
            return
        }
        switch (self, first) {
        case (.object(var o), .key(let k)):
            if path.count == 1 {
                o[k] = newValue
            } else {
                var child = o[k] ?? .object(JSONObject())
                child.ruleSet(newValue, at: path.dropFirst())
                o[k] = child
            }
            self = .object(o)
        case (.array(var a), .index(let i)) where a.indices.contains(i):
            a[i].ruleSet(newValue, at: path.dropFirst())
            self = .array(a)
        default:
            preconditionFailure("RuleFixture path does not fit the payload")
        }
    }
}

extension Finding {
    /// The RRT-OC scenario object called `name` (`market`, `counterparty-default`, `combined`).
    func ruleScenario(_ name: String) -> OvercollateralisationEvidence.Scenario? {
        (evidence as? OvercollateralisationEvidence)?.scenarios?.first { $0.name == name }
    }

    /// RRT-OC `marketLossByLine[line]`, as written (a stressed amount, six decimals at most).
    func ruleMarketLoss(_ line: String) -> String? {
        (evidence as? OvercollateralisationEvidence)?.marketLossByLine?[line].map {
            $0.rounded(scale: 6).description
        }
    }
}

extension Evaluation {
    /// The single finding of `rule` (after gating and the tentative warn).
    func ruleFinding(_ rule: RuleID) -> Finding? { findings(for: rule).first }
}

/// Exact amount from text (never through `Double`); text that does not parse stops the run.
func ruleAmount(_ text: String) -> Amount {
    guard case .success(let amount) = Amount.parse(text) else { preconditionFailure("not a decimal: \(text)") }
    return amount
}

/// An exact decimal from text; a leading `-` for a negative figure (a shortfall's margin).
func ruleDecimal(_ text: String) -> Decimal {
    text.hasPrefix("-") ? -ruleAmount(String(text.dropFirst())).value.decimal : ruleAmount(text).value.decimal
}

/// Exact amount from text, as the rules hold it; a leading `-` for a negative figure.
func ruleMoney(_ text: String) -> Money {
    text.hasPrefix("-") ? -ruleAmount(String(text.dropFirst())).value : ruleAmount(text).value
}

/// Loads one of `samples/payloads/*.json`.
func ruleSample(_ name: String) throws -> Attestation {
    let url = packageRoot.appendingPathComponent("samples/payloads/\(name).json")
    let data = try #require(FileManager.default.contents(atPath: url.path), "missing sample \(url.path)")
    return try AttestationDecoder().decode([UInt8](data))
}

extension RuleFixture {
    /// The stress figures of a decoded attestation under `profile`.
    static func stress(of attestation: Attestation, _ profile: Profile = .bcbs) -> StressResult? {
        ReserveFigures(attestation, profile: profile).stress
    }
}
