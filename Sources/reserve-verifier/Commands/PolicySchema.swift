import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

/// The JSON Schema of `bank-policy/1`, written from ``BankPolicy``'s decoder (field names, enums
/// and formats); a test decodes the documented example and checks every field is in the schema.
enum PolicySchema {
    static let dated: JSONValue = ["type": "string", "format": "date"]

    static func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        var props = JSONObject()
        for (key, value) in properties { props[key] = value }
        return [
            "type": "object", "additionalProperties": false, "properties": .object(props),
            "required": .strings(required),
        ]
    }

    static var document: JSONValue {
        let roles = JSONValue.strings(BankPolicy.Role.allCases.map(\.rawValue))
        let parameters = JSONValue.strings(BankPolicy.Parameter.allCases.map(\.rawValue))
        let text: JSONValue = ["type": "string", "minLength": 1]
        let regime = object(
            [("regulator", text), ("validFrom", dated), ("validUntil", dated)], required: ["regulator"])
        let party = object(
            [
                ("role", ["type": "string", "enum": roles]), ("name", text), ("validFrom", dated),
                ("validUntil", dated),
            ],
            required: ["role", "name"])
        let assessment = object(
            [
                ("network", text), ("mitigated", ["type": "boolean"]), ("reason", text), ("approver", text),
                ("date", dated),
            ], required: ["network", "mitigated", "reason", "approver", "date"])
        let calibration = object(
            [
                ("parameter", ["type": "string", "enum": parameters]), ("value", text), ("reason", text),
                ("approver", text), ("date", dated),
            ],
            required: ["parameter", "value", "reason", "approver", "date"])
        var root = object(
            [
                ("format", ["const": .string(BankPolicy.format)]), ("name", text),
                ("regimes", ["type": "array", "items": regime]), ("approved", ["type": "array", "items": party]),
                ("networkAssessments", ["type": "array", "items": assessment]),
                ("calibrations", ["type": "array", "items": calibration]),
            ], required: ["format", "name"])
        if case .object(var o) = root {
            o["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            o["title"] = "bank-policy/1: the bank's own registry and calibrations for reserve-verifier"
            root = .object(o)
        }
        return root
    }
}
