/// The JSON Schema (draft 2020-12) of `reserve-attestation/1`, printed by
/// `reserve-verifier schema`. The decoder is the authority; tests keep the schema's property
/// names equal to ``AttestationFields`` and validate the samples against it.
///
/// What JSON Schema cannot say is checked by the decoder only: duplicate keys, `asOf <= issuedAt`,
/// unique reserve ids, at most 38 digits per amount, calendar-valid dates.
public enum AttestationSchema {
    public static var json: String { JSONWriter.write(schema) + "\n" }

    static func s(_ description: String? = nil) -> JSONValue {
        var o: JSONObject = ["type": "string", "minLength": 1]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }
    static let amount: JSONValue = [
        "type": "string", "pattern": "^(0|[1-9][0-9]*)(\\.[0-9]+)?$",
        "description": "Non-negative decimal as a string: no sign, exponent or separators; at most 38 digits.",
    ]
    static let timestamp: JSONValue = [
        "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$",
        "description": "RFC 3339 UTC time, years 1970-2199.",
    ]
    static let date: JSONValue = [
        "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "Calendar date YYYY-MM-DD.",
    ]
    static let currency: JSONValue = ["type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 code."]
    static let country: JSONValue = [
        "type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 code.",
    ]
    static let identifier: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"]
    static let https: JSONValue = ["type": "string", "pattern": "^https://[^ ]+$"]
    static let bool: JSONValue = ["type": "boolean"]
    static func int(_ min: Int, _ max: Int) -> JSONValue {
        ["type": "integer", "minimum": .int(min), "maximum": .int(max)]
    }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .strings(values)] }
    static let rating = enumeration(Rating.allCases.map(\.rawValue))

    static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String], closed: Bool = true)
        -> JSONValue
    {
        var o: JSONObject = [
            "type": "object", "properties": .object(JSONObject(properties)), "required": .strings(required),
        ]
        if closed { o["additionalProperties"] = false }
        return .object(o)
    }
    static func array(_ items: JSONValue, minItems: Int = 0) -> JSONValue {
        ["type": "array", "items": items, "minItems": .int(minItems)]
    }

    static let reserveLine: JSONValue = {
        var properties = JSONObject([
            "id": identifier, "class": enumeration(ReserveClass.allCases.map(\.rawValue)), "currency": currency,
            "value": amount, "custody": enumeration(Custody.allCases.map(\.rawValue)),
            "custodian": object(["name": s(), "regulated": bool, "group": s()], required: ["name"]),
            "acquiredVia": enumeration(Acquisition.allCases.map(\.rawValue)), "description": s(),
            "issuer": s("ISO country code for sovereign and central-bank issuers, a name otherwise."), "rating": rating,
            "maturity": date, "faceValue": amount,
            "counterparty": object(
                ["name": s(), "rating": rating, "regulated": bool, "group": s()],
                required: ["name"]),
            "callable": bool, "tenorDays": int(0, 36500),
            "collateral": object(
                [
                    "class": enumeration(ReserveClass.allCases.map(\.rawValue)), "issuer": s(), "rating": rating,
                    "currency": currency, "value": amount, "maturity": date,
                ],
                required: ["class", "issuer", "currency", "value"]),
            "name": s(), "holdsOnlyEligible": bool, "weightedAverageMaturityDays": int(0, 36500), "mainIndex": bool,
            "holdings": [
                "type": "array", "minItems": 1, "items": ["$ref": "#/properties/reserves/items"],
                "description": "A fund's holdings (looked through; not another fund).",
            ],
        ])
        properties["value"] = amount
        // Which fields each class may carry, as if/then clauses; unevaluatedProperties closes the object.
        let clauses: [JSONValue] = ReserveClass.allCases.map { cls in
            let allowed = AttestationFields.reserveCommon.union(AttestationFields.reserveSpecific(cls)).sorted()
            return [
                "if": ["properties": ["class": ["const": .string(cls.rawValue)]], "required": ["class"]],
                "then": ["propertyNames": ["enum": .strings(allowed)]],
            ]
        }
        return [
            "type": "object", "properties": .object(properties),
            "required": .strings(["id", "class", "currency", "value", "custody"]),
            "additionalProperties": false, "allOf": .array(clauses),
        ]
    }()

    static let schema: JSONValue = {
        var root = JSONObject()
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://reserve-verifier.example/schema/reserve-attestation-1.json"
        root["title"] = "reserve-attestation/1"
        root["description"] =
            "A stablecoin issuer's reserve attestation, signed as exact bytes in a DSSE, JWS or detached envelope. Amounts are decimal strings."
        let top = object(
            [
                "format": ["const": .string(Attestation.format)],
                "attestationId": identifier,
                "sequence": int(1, Int(Int32.max)),
                "asOf": timestamp,
                "issuedAt": timestamp,
                "issuer": object(
                    [
                        "id": ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"], "legalName": s(),
                        "jurisdiction": country,
                        "group": s(),
                        "regulation": object(
                            ["regulator": s(), "licence": s(), "prudentialCapital": bool, "prudentialLiquidity": bool],
                            required: ["regulator", "licence"]),
                    ], required: ["id", "legalName", "jurisdiction"]),
                "token": object(
                    [
                        "symbol": identifier,
                        "peg": object(
                            ["currency": currency, "valuePerUnit": amount], required: ["currency", "valuePerUnit"]),
                        "stabilisation": enumeration(Stabilisation.allCases.map(\.rawValue)),
                        "outstanding": array(
                            object(
                                ["network": identifier, "contract": s(), "issued": amount, "nonRedeemable": amount],
                                required: ["network", "issued", "nonRedeemable"]), minItems: 1),
                        "networks": array(
                            object(
                                [
                                    "name": identifier, "permissionless": bool, "validatorsRegulated": bool,
                                    "riskAssessment": https, "mitigationEvidence": https,
                                    "mitigation": object(
                                        [
                                            "governance": https, "technology": https,
                                            "settlementFinality": https,
                                            "amlCft": https,
                                        ],
                                        required: [
                                            "governance", "technology",
                                            "settlementFinality", "amlCft",
                                        ]),
                                ],
                                required: ["name", "permissionless"])),
                        "redemption": object(
                            [
                                "holders": enumeration(RedemptionHolders.allCases.map(\.rawValue)),
                                "settlementDays": int(0, 3650),
                                "feePercent": amount, "minimumUnits": amount,
                            ], required: ["holders", "settlementDays"]),
                    ], required: ["symbol", "peg", "outstanding"]),
                "reserves": array(reserveLine, minItems: 1),
                "otherClaims": array(
                    object(["description": s(), "amount": amount], required: ["description", "amount"])),
                "entities": array(
                    object(
                        [
                            "role": enumeration(EntityRole.allCases.map(\.rawValue)), "name": s(), "regulated": bool,
                            "regulator": s(), "riskManagementStandards": bool, "governanceDisclosure": https,
                        ],
                        required: ["role", "name"])),
                "legal": object(
                    [
                        "opinions": array(
                            object(
                                ["jurisdiction": country, "firm": s(), "date": date],
                                required: ["jurisdiction", "firm", "date"])),
                        "settlementFinality": bool, "jurisdictions": array(country),
                    ], required: []),
                "governance": object(
                    ["operationalResilienceFramework": bool, "reserveMandateUrl": https], required: []),
                "disclosure": object(
                    [
                        "valueFrequencyDays": int(1, 3660), "compositionFrequencyDays": int(1, 3660),
                        "lastPublished": timestamp, "url": https,
                    ], required: []),
                "assurance": array(
                    object(
                        [
                            "kind": enumeration(AssuranceKind.allCases.map(\.rawValue)), "firm": s(), "periodEnd": date,
                            "opinionDate": date,
                            "opinion": enumeration(Opinion.allCases.map(\.rawValue)), "coversReserves": bool,
                            "independent": bool,
                            "reportSha256": ["type": "string", "pattern": "^[0-9a-f]{64}$"],
                        ], required: ["kind", "firm", "periodEnd", "opinionDate", "opinion", "coversReserves"])),
                "marketData": object(
                    [
                        "referencedByRegulatedProduct": bool, "averageMarketCapitalisationUSD": amount,
                        "trimmedMeanDailyVolumeUSD": amount, "priceObservations": int(0, 100_000),
                    ],
                    required: [
                        "referencedByRegulatedProduct", "averageMarketCapitalisationUSD", "trimmedMeanDailyVolumeUSD",
                        "priceObservations",
                    ]),
            ], required: ["format", "attestationId", "sequence", "asOf", "issuedAt", "issuer", "token", "reserves"])
        if case .object(let body) = top {
            for (key, value) in body.entries { root[key] = value }
        }
        return .object(root)
    }()
}
