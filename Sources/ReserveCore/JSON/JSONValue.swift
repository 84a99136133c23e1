/// A JSON value as read by ``JSONParser``: numbers keep their exact text, objects keep their key
/// order, and a duplicate key can never get this far (the parser rejects it).
///
/// Not `indirect`: arrays and objects already hold their elements on the heap, and a boxed value
/// per number cost 30x the input's size for `[0,0,…]` (issue 11, class 5).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number exactly as written, validated against RFC 8259's grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type's name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
