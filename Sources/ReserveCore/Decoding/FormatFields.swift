/// The fields of one object of the attestation format (``AttestationFields``): names and required
/// fields as every ``StrictFields``, and each field's JSON Schema, from which
/// ``AttestationSchema`` is generated.
public protocol FormatFields: StrictFields {
    /// The field's JSON Schema.
    var schema: JSONValue { get }
}

extension FormatFields {
    /// The object's JSON Schema: every field, the required ones, nothing else.
    public static var objectSchema: JSONValue {
        var properties = JSONObject()
        for field in allCases { properties[field.rawValue] = field.schema }
        return [
            "type": "object", "properties": .object(properties), "required": .strings(requiredNames),
            "additionalProperties": false,
        ]
    }
}
