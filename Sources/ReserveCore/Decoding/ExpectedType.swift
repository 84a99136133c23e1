/// What a strict reader expected where it found something else: the one set of type-mismatch
/// errors the readers share. A JSON reader words a mismatch after the path, "expected a string,
/// found number" (``mismatch(found:)``); the job file's YAML reader, which cannot tell a number
/// from a string, words what a key must be after the line, "token must be a non-empty string"
/// (``requirement(_:)``).
public enum ExpectedType: Sendable, Hashable, CaseIterable {
    /// A JSON object; a YAML mapping.
    case object
    /// A JSON array; a YAML list.
    case array
    /// A string (in YAML, a non-empty scalar).
    case string
    /// A whole number.
    case integer
    /// `true` or `false`.
    case bool
    /// An exact decimal: in JSON a decimal string, never a JSON number.
    case decimal
    /// A number of seconds (the job file's timeouts and backoffs).
    case seconds

    /// The type as a JSON reader names it: `an object`, `a string`, `true or false`.
    public var jsonName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .bool: "true or false"
        case .decimal: "a decimal string"
        case .seconds: "a number of seconds"
        }
    }

    /// The type as the YAML reader names it: `a mapping`, `a list`, `a non-empty string`.
    public var yamlName: String {
        switch self {
        case .object: "a mapping"
        case .array: "a list"
        case .string: "a non-empty string"
        case .integer: "a whole number"
        case .bool: "true or false"
        case .decimal: "an exact decimal"
        case .seconds: "a number of seconds"
        }
    }

    /// A JSON reader's message: `expected a string, found number`.
    public func mismatch(found: String) -> String { "expected \(jsonName), found \(found)" }

    /// The YAML reader's message: `token must be a non-empty string`; `qualifier` follows the
    /// type (a range, an example).
    public func requirement(_ what: String, _ qualifier: String = "") -> String {
        "\(what) must be \(yamlName)\(qualifier)"
    }
}
