/// One problem a strict reader found: its stable code, where it is and what is wrong. Every
/// strict reader (``DecodeContext`` for the JSON inputs, the job file's YAML reader) records its
/// problems as these and words them one way, `<location>: <message>`, as a ``VerifierError``.
public struct ReaderProblem: Sendable, Hashable {
    public var code: VerifierError.Code
    public var location: ReaderLocation
    public var message: String

    public init(_ code: VerifierError.Code, _ location: ReaderLocation, _ message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    /// The error this problem is reported as: `reserves[3].value: must not be empty`.
    public var error: VerifierError { VerifierError(code, "\(location): \(message)") }

    /// A value of the wrong type (``VerifierError/Code-swift.enum/wrongType``) in a JSON
    /// document: `expected a string, found number`.
    public static func mismatch(_ expected: ExpectedType, found: String, at path: JSONPath) -> ReaderProblem {
        ReaderProblem(.wrongType, .path(path), expected.mismatch(found: found))
    }
}
