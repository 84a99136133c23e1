/// The JSON Schema (draft 2020-12) of `reserve-attestation/1`, printed by
/// `reserve-verifier schema` and committed as `docs/schemas/reserve-attestation.schema.json`.
/// It is generated from ``AttestationFields``, the same declarations the decoder checks fields
/// against; this type holds only the schema of each kind of value and the reserve line's
/// per-class clauses.
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

    static func array(_ items: JSONValue, minItems: Int = 0) -> JSONValue {
        ["type": "array", "items": items, "minItems": .int(minItems)]
    }

    /// A reserve line: every field of any class, and which fields each class may carry as if/then
    /// clauses.
    static let reserveLine: JSONValue = {
        guard case .object(var line) = AttestationFields.Line.objectSchema else { return .null }
        line["allOf"] = .array(
            ReserveClass.allCases.map { cls in
                let allowed = AttestationFields.Line.allowed(for: cls).map(\.rawValue).sorted()
                return [
                    "if": ["properties": ["class": ["const": .string(cls.rawValue)]], "required": ["class"]],
                    "then": ["propertyNames": ["enum": .strings(allowed)]],
                ]
            })
        return .object(line)
    }()

    static let schema: JSONValue = {
        var root = JSONObject()
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://reserve-verifier.example/schema/reserve-attestation-1.json"
        root["title"] = "reserve-attestation/1"
        root["description"] = .string(
            "A stablecoin issuer's reserve attestation, signed as exact bytes in a DSSE, JWS or detached envelope. "
                + "Amounts are decimal strings.")
        if case .object(let body) = AttestationFields.Top.objectSchema {
            for (key, value) in body.entries { root[key] = value }
        }
        return .object(root)
    }()
}
