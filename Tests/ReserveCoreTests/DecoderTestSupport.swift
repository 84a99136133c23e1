import Testing

@testable import ReserveCore

// Shared helpers for the JSON, model, decoder, envelope and trust-file tests. Everything here is
// prefixed `Decoder` so that it cannot clash with the rule tests' fixtures.

/// UTF-8 bytes of a string literal.
func decoderBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A location inside a JSON value written as the decoder's messages write it: `reserves[1].value`.
/// Only identifier-like keys are supported, which is all the format uses.
struct DecoderPath: ExpressibleByStringLiteral, CustomStringConvertible, Sendable {
    enum Step: Sendable {
        case key(String)
        case index(Int)
    }

    let steps: [Step]
    let description: String

    init(stringLiteral text: String) {
        description = text
        var steps: [Step] = []
        var current = ""
        var inIndex = false
        func flushKey() {
            if !current.isEmpty { steps.append(.key(current)) }
            current = ""
        }
        for character in text {
            switch character {
            case "." where !inIndex:
                flushKey()
            case "[":
                flushKey()
                inIndex = true
            case "]":
                // A path literal in a test: a bad one is a bug in the test itself.
                steps.append(.index(Int(current)!))
                current = ""
                inIndex = false
            default:
                current.append(character)
            }
        }
        flushKey()
        self.steps = steps
    }
}

extension JSONValue {
    /// The value at `path`, or nil when any step is missing.
    subscript(decoderPath path: DecoderPath) -> JSONValue? {
        var value: JSONValue? = self
        for step in path.steps {
            switch (step, value) {
            case (.key(let key), .object(let object)?): value = object[key]
            case (.index(let i), .array(let elements)?) where elements.indices.contains(i): value = elements[i]
            default: return nil
            }
        }
        return value
    }

    /// Sets (or with nil removes) the value at `steps`; every step but the last must exist.
    mutating func decoderSet(_ steps: ArraySlice<DecoderPath.Step>, _ newValue: JSONValue?) {
        guard let step = steps.first else {
            // Removing the root itself is not meaningful; setting it replaces it.
            if let newValue { self = newValue }
            return
        }
        let rest = steps.dropFirst()
        switch (step, self) {
        case (.key(let key), .object(var object)):
            if rest.isEmpty {
                object[key] = newValue
            } else {
                var child = object[key] ?? .null
                child.decoderSet(rest, newValue)
                object[key] = child
            }
            self = .object(object)
        case (.index(let i), .array(var elements)):
            if rest.isEmpty {
                if let newValue {
                    if i == elements.count { elements.append(newValue) } else { elements[i] = newValue }
                } else {
                    elements.remove(at: i)
                }
            } else {
                elements[i].decoderSet(rest, newValue)
            }
            self = .array(elements)
        default:
            Issue.record("test fixture: cannot follow \(step) into \(typeName)")
        }
    }
}

/// A complete, valid `reserve-attestation/1` payload built in code (modelled on
/// samples/payloads/kizuna-yen-2026-10.json), with every optional section present, so that a test
/// can change exactly one thing and see exactly one problem.
///
/// Reserve lines: `reserves[0]` is a `sovereign-bond`, `reserves[1]` a `bank-deposit`,
/// `reserves[2]` a `reverse-repo`. All amounts are distinct so that text edits can find them.
struct DecoderPayload {
    var root: JSONValue

    init() {
        root = [
            "format": "reserve-attestation/1",
            "attestationId": "kizuna-yen-2026-10-31",
            "sequence": 12,
            "asOf": "2026-10-31T15:00:00Z",
            "issuedAt": "2026-11-02T01:00:00Z",
            "issuer": Self.issuer,
            "token": Self.token,
            "reserves": .array([Self.sovereignBond, Self.bankDeposit, Self.reverseRepo]),
            "otherClaims": Self.otherClaims,
            "entities": Self.entities,
            "legal": Self.legal,
            "governance": Self.governance,
            "disclosure": Self.disclosure,
            "assurance": Self.assurance,
            "marketData": Self.marketData,
        ]
    }

    // Split into pieces so the type checker handles each literal quickly.
    static let issuer: JSONValue = [
        "id": "kizuna-yen",
        "legalName": "Kizuna Yen Consortium (fictional)",
        "jurisdiction": "JP",
        "regulation": ["regulator": "JFSA", "licence": "bank", "prudentialCapital": true, "prudentialLiquidity": true],
    ]
    static let outstanding: JSONValue = [
        ["network": "kizuna-net", "contract": "0xabc", "issued": "30000000000", "nonRedeemable": "7"]
    ]
    static let networks: JSONValue = [
        [
            "name": "kizuna-net", "permissionless": false, "validatorsRegulated": true,
            "riskAssessment": "https://kizuna-yen.example/risk/network",
            "mitigationEvidence": "https://kizuna-yen.example/risk/mitigation",
        ]
    ]
    static let token: JSONValue = [
        "symbol": "KZJPY",
        "peg": ["currency": "JPY", "valuePerUnit": "1"],
        "stabilisation": "fiat-reserve",
        "outstanding": outstanding,
        "networks": networks,
        "redemption": ["holders": "all", "settlementDays": 1, "feePercent": "0.25", "minimumUnits": "1000"],
    ]
    static let sovereignBond: JSONValue = [
        "id": "jgb-1", "class": "sovereign-bond", "currency": "JPY", "value": "9600000000", "faceValue": "9610000000",
        "issuer": "JP", "rating": "A+", "maturity": "2027-03-20", "custody": "segregated",
        "custodian": ["name": "Example Trust Bank", "regulated": true], "acquiredVia": "outright",
        "description": "Japanese government bonds",
    ]
    static let bankDeposit: JSONValue = [
        "id": "dep-1", "class": "bank-deposit", "currency": "JPY", "value": "20100000000",
        "custody": "custodian-balance-sheet", "callable": true,
        "counterparty": ["name": "Example Bank", "rating": "A", "regulated": true],
    ]
    static let collateral: JSONValue = [
        "class": "sovereign-bill", "issuer": "JP", "rating": "A+", "currency": "JPY", "value": "460000000",
        "maturity": "2027-01-15",
    ]
    static let reverseRepo: JSONValue = [
        "id": "repo-1", "class": "reverse-repo", "currency": "JPY", "value": "450000000", "custody": "segregated",
        "counterparty": ["name": "Example Securities", "rating": "A-", "regulated": true], "tenorDays": 1,
        "collateral": collateral,
    ]
    static let otherClaims: JSONValue = [["description": "accrued fees secured on reserves", "amount": "1000000"]]
    static let entities: JSONValue = [
        [
            "role": "reserve-custodian", "name": "Example Trust Bank", "regulated": true, "regulator": "JFSA",
            "riskManagementStandards": true, "governanceDisclosure": "https://trust-bank.example/governance",
        ]
    ]
    static let legal: JSONValue = [
        "opinions": [["jurisdiction": "JP", "firm": "Example Partners", "date": "2026-02-10"]],
        "settlementFinality": true, "jurisdictions": ["JP"],
    ]
    static let governance: JSONValue = [
        "operationalResilienceFramework": true, "reserveMandateUrl": "https://kizuna-yen.example/mandate",
    ]
    static let disclosure: JSONValue = [
        "valueFrequencyDays": 1, "compositionFrequencyDays": 7, "lastPublished": "2026-11-02T01:00:00Z",
        "url": "https://kizuna-yen.example/reserves",
    ]
    static let assurance: JSONValue = [
        [
            "kind": "reserve-audit", "firm": "Example Audit LLC", "periodEnd": "2026-09-30",
            "opinionDate": "2026-10-20",
            "opinion": "unqualified", "coversReserves": true, "independent": true,
            "reportSha256": .string(String(repeating: "ab", count: 32)),
        ]
    ]
    static let marketData: JSONValue = [
        "referencedByRegulatedProduct": false, "averageMarketCapitalisationUSD": "200000000",
        "trimmedMeanDailyVolumeUSD": "5000000", "priceObservations": 250,
    ]

    /// Sets the value at `path` (a new key is added; an index one past the end appends).
    func setting(_ path: DecoderPath, _ value: JSONValue) -> DecoderPayload {
        var copy = self
        copy.root.decoderSet(path.steps[...], value)
        return copy
    }

    /// Removes the key or array element at `path`.
    func removing(_ path: DecoderPath) -> DecoderPayload {
        var copy = self
        copy.root.decoderSet(path.steps[...], nil)
        return copy
    }

    subscript(path: DecoderPath) -> JSONValue? { root[decoderPath: path] }

    /// Deterministic JSON from ``JSONWriter`` (keys sorted).
    var text: String { JSONWriter.write(root) }
    var bytes: [UInt8] { Array(text.utf8) }

    /// The JSON text with keys in the order they were inserted (the format's own order, as the
    /// samples are written), for tests where the order in the document matters.
    var textInInsertionOrder: String { decoderWriteInInsertionOrder(root) }
}

private func decoderWriteInInsertionOrder(_ value: JSONValue) -> String {
    switch value {
    case .array(let elements):
        return "[" + elements.map(decoderWriteInInsertionOrder).joined(separator: ",") + "]"
    case .object(let object):
        return "{"
            + object.entries.map {
                JSONWriter.write(.string($0.key), pretty: false) + ":" + decoderWriteInInsertionOrder($0.value)
            }.joined(separator: ",") + "}"
    default:
        return JSONWriter.write(value, pretty: false)
    }
}

/// The error thrown by `body`, recording an issue when it throws nothing or something else.
func decoderError(
    _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) -> VerifierError? {
    do {
        try body()
        Issue.record("expected a VerifierError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as VerifierError {
        return error
    } catch {
        Issue.record("expected a VerifierError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
