/// A strict RFC 8259 JSON parser for untrusted input.
///
/// Stricter than Foundation's `JSONSerialization`/`JSONDecoder` where it matters for signed
/// data: a duplicate key is an error (``VerifierError/Code-swift.enum/duplicateKey``) instead of
/// "last one wins", a byte order mark, invalid UTF-8, unescaped control characters, lone UTF-16
/// surrogates and trailing bytes are errors, numbers keep their exact text (never binary floating point),
/// and nesting is bounded. Errors name the byte offset, line and column.
public struct JSONParser: Sendable {
    /// Deepest array/object nesting accepted.
    public var maxDepth: Int

    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Values and object keys a document may hold whatever its size; past them, one per
    /// ``bytesPerValue`` bytes of input (a string over 15 bytes, and each key of an object past its
    /// 16th, count once more: they cost a heap allocation or an index entry). A value costs far more
    /// memory than its text (`[0,0,…]` is two bytes a value): the bound keeps the parsed tree within
    /// a few times the input for any JSON shape. Real attestations hold one item per 12-16 bytes.
    public static let freeValues = 4_096
    public static let bytesPerValue = 8

    /// Parses one JSON text. - Throws: ``VerifierError`` with `malformedJSON`, `duplicateKey`,
    /// `nestingTooDeep`, or `tooManyItems` (more values than the input's size allows).
    public func parse(_ bytes: [UInt8]) throws(VerifierError) -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { (buffer) throws(VerifierError) -> JSONValue in
                try parse(buffer: buffer)
            }
        }
    }

    /// ``parse(_:)`` of bytes read in place.
    func parse(buffer: UnsafeBufferPointer<UInt8>) throws(VerifierError) -> JSONValue {
        var state = JSONParserState(bytes: buffer, maxDepth: maxDepth)
        return try state.parseDocument()
    }
}
