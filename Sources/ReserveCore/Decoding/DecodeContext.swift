/// The machinery of strict decoding: walks a ``JSONValue`` tree, records every problem with its
/// JSON path and stable code, and keeps going so that `lint` can report all of them at once.
///
/// Each `decode` function returns `nil` when its value is absent or invalid; an invalid value
/// has always recorded a problem, so a caller that sees any problem discards the result.
///
/// Objects are read against their declared fields (``StrictFields``): unknown keys are found by
/// ``StrictObject``, the check every strict reader shares, and whether a missing field is a
/// problem comes from the declaration, not from the call (`field(_:_:_:)`).
///
/// Each problem is a ``ReaderProblem`` located by its ``JSONPath``; a value of the wrong type is
/// worded by ``ExpectedType``, the set of mismatches every strict reader shares.
struct DecodeContext {
    /// The problems found, in the order found.
    private(set) var located: [ReaderProblem] = []
    let limits: DecodingLimits

    init(limits: DecodingLimits) {
        self.limits = limits
    }

    /// A reader of one of the small JSON files (trust store, bank policy) with that file's row of
    /// ``ReaderLimits``: its string limit here, its depth where the caller parses.
    init(reading file: ReaderLimits) {
        var limits = DecodingLimits.default
        limits.maxStringBytes = file.maxStringBytes
        limits.maxDepth = file.maxDepth
        self.limits = limits
    }

    /// One of the small strict JSON files (the trust store's): parsed within `limits`, decoded by
    /// `decode`; a problem (the parser's, else the first of the decoder's) is reported as `code`,
    /// after the file's `name`: `acme/trust.json: keys[0].role: required field is missing`.
    static func readFile<T>(
        _ bytes: [UInt8], _ name: String, limits: ReaderLimits, as code: VerifierError.Code,
        _ decode: (inout DecodeContext, JSONValue) -> T?
    ) throws(VerifierError) -> T {
        let root: JSONValue
        do {
            root = try JSONParser(maxDepth: limits.maxDepth).parse(bytes)
        } catch {
            throw VerifierError(code, "\(name): \(error.message)")
        }
        var context = DecodeContext(reading: limits)
        let value = decode(&context, root)
        if let problem = context.located.first { throw VerifierError(code, "\(name): \(problem.error.message)") }
        guard let value else { throw VerifierError(code, "\(name) could not be read") }
        return value
    }

    /// The problems as errors: `path: message`.
    var problems: [VerifierError] { located.map(\.error) }

    /// Whether any problem has been found.
    var hasProblems: Bool { !located.isEmpty }

    mutating func report(_ code: VerifierError.Code, _ path: JSONPath, _ message: String) {
        // A pathological document could produce millions of problems; a thousand is plenty.
        guard located.count < 1000 else { return }
        located.append(ReaderProblem(code, .path(path), message))
    }

    /// Reports `value`, found where `expected` belongs.
    mutating func mismatch(_ expected: ExpectedType, _ value: JSONValue, _ path: JSONPath) {
        guard located.count < 1000 else { return }
        located.append(.mismatch(expected, found: value.typeName, at: path))
    }

    // MARK: Objects

    /// A JSON object read against its declared fields `F`.
    struct Fields<F: StrictFields> {
        let object: JSONObject
        let path: JSONPath

        /// The path of `field` in this object.
        func at(_ field: F) -> JSONPath { path.key(field.rawValue) }
    }

    /// The object at `path`, its unknown fields reported (unless `checkUnknown` is false: the
    /// caller checks them once it knows what the object may hold).
    mutating func object<F: StrictFields>(
        _ value: JSONValue, _ path: JSONPath, _ declared: F.Type, checkUnknown: Bool = true
    ) -> Fields<F>? {
        guard case .object(let object) = value else {
            mismatch(.object, value, path)
            return nil
        }
        let fields = Fields<F>(object: object, path: path)
        if checkUnknown { self.checkUnknown(fields) }
        return fields
    }

    /// Reports each key that is not one of `allowed` (default: every declared field).
    mutating func checkUnknown<F>(_ fields: Fields<F>, allowed: Set<F>? = nil) {
        let unknown = StrictObject<F, JSONValue>(fields.object.entries, allowing: allowed).unknownKeys
        guard !unknown.isEmpty else { return }
        let names = (allowed.map { $0.map(\.rawValue) } ?? F.orderedNames).sorted().joined(separator: ", ")
        for key in unknown {
            report(
                .unknownField, fields.path.key(key),
                "unknown field \(quotedForMessage(key)) (the format defines: \(names))")
        }
    }

    /// The field's value decoded by `decode`; nil when it is absent (a problem when the
    /// declaration requires it) or invalid.
    mutating func field<F, T>(
        _ fields: Fields<F>, _ field: F,
        _ decode: (inout DecodeContext, JSONValue, JSONPath) -> T?
    ) -> T? {
        guard let value = fields.object[field.rawValue] else {
            if field.isRequired { report(.missingField, fields.at(field), "required field is missing") }
            return nil
        }
        return decode(&self, value, fields.at(field))
    }

    // MARK: Scalars

    /// Any string without control characters, at most `maxStringBytes` bytes, not empty.
    mutating func text(_ value: JSONValue, _ path: JSONPath) -> String? {
        guard case .string(let text) = value else {
            mismatch(.string, value, path)
            return nil
        }
        if text.isEmpty {
            report(.invalidValue, path, "must not be empty")
            return nil
        }
        if text.utf8.count > limits.maxStringBytes {
            report(
                .outOfRange, path,
                "string of \(text.utf8.count) bytes is longer than the limit of \(limits.maxStringBytes)")
            return nil
        }
        if UnsafeCharacters.contained(in: text) {
            report(.invalidValue, path, "contains a control or bidirectional-override character")
            return nil
        }
        return text
    }

    /// An identifier: 1 to 128 characters of `A-Z a-z 0-9 . _ : -`, starting with a letter or digit.
    mutating func identifier(_ value: JSONValue, _ path: JSONPath) -> String? {
        guard let text = text(value, path) else { return nil }
        guard isIdentifier(text, maxLength: 128) else {
            report(
                .invalidValue, path,
                "\(quotedForMessage(text)) is not an identifier "
                    + "(1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit)"
            )
            return nil
        }
        return text
    }

    /// An issuer id: lowercase `a-z 0-9 -`, 1 to 64 characters, starting with a letter or digit.
    /// It names a folder of the trust store, so nothing else (no `/`, no `..`) is allowed.
    mutating func issuerID(_ value: JSONValue, _ path: JSONPath) -> String? {
        guard let text = text(value, path) else { return nil }
        guard IssuerID.isValid(text) else {
            report(
                .invalidValue, path,
                "\(quotedForMessage(text)) is not an issuer id (1-64 of a-z 0-9 -, starting with a letter or digit)")
            return nil
        }
        return text
    }

    mutating func currency(_ value: JSONValue, _ path: JSONPath) -> String? {
        upperCode(value, path, length: 3, what: "an ISO 4217 currency code")
    }

    mutating func country(_ value: JSONValue, _ path: JSONPath) -> String? {
        upperCode(value, path, length: 2, what: "an ISO 3166-1 alpha-2 country code")
    }

    private mutating func upperCode(_ value: JSONValue, _ path: JSONPath, length: Int, what: String) -> String? {
        guard let text = text(value, path) else { return nil }
        guard text.utf8.count == length, text.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            report(.invalidValue, path, "\(quotedForMessage(text)) is not \(what)")
            return nil
        }
        return text
    }

    mutating func https(_ value: JSONValue, _ path: JSONPath) -> String? {
        guard let text = text(value, path) else { return nil }
        guard text.hasPrefix("https://"), text.utf8.count > 8, !text.contains(where: { $0 == " " }) else {
            report(.invalidValue, path, "\(quotedForMessage(text)) is not an https:// URL")
            return nil
        }
        return text
    }

    mutating func sha256Hex(_ value: JSONValue, _ path: JSONPath) -> String? {
        guard let text = text(value, path) else { return nil }
        guard text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else {
            report(.invalidValue, path, "not a SHA-256 digest (64 lowercase hex digits)")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue, _ path: JSONPath) -> Bool? {
        guard case .bool(let flag) = value else {
            mismatch(.bool, value, path)
            return nil
        }
        return flag
    }

    /// A JSON integer (no fraction, no exponent) within `range`.
    mutating func integer(_ value: JSONValue, _ path: JSONPath, _ range: ClosedRange<Int>) -> Int? {
        guard case .number(let text) = value else {
            mismatch(.integer, value, path)
            return nil
        }
        guard !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
            report(.invalidValue, path, ExpectedType.integer.mismatch(found: quotedForMessage(text)))
            return nil
        }
        guard let number = Int(text), range.contains(number) else {
            report(.outOfRange, path, "\(quotedForMessage(text)) is outside \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return number
    }

    /// A non-negative decimal amount written as a JSON string.
    mutating func amount(_ value: JSONValue, _ path: JSONPath) -> Amount? {
        guard case .string(let text) = value else {
            if case .number(let text) = value {
                report(
                    .wrongType, path,
                    "amounts are decimal strings, found the JSON number \(quotedForMessage(text)); "
                        + "write \(quotedForMessage(text))"
                )
            } else {
                mismatch(.decimal, value, path)
            }
            return nil
        }
        switch Amount.parse(text) {
        case .success(let amount):
            return amount
        case .failure(.negative):
            report(.outOfRange, path, "\(quotedForMessage(text)) is negative; amounts must be zero or more")
        case .failure(.tooManyDigits):
            report(.outOfRange, path, "\(quotedForMessage(text)) has more than \(Amount.maxDigits) digits")
        case .failure(.notADecimal):
            report(
                .invalidValue, path,
                "\(quotedForMessage(text)) is not a plain decimal (digits with an optional '.' and more digits; "
                    + "no sign, exponent, spaces or separators)"
            )
        }
        return nil
    }

    mutating func timestamp(_ value: JSONValue, _ path: JSONPath) -> Timestamp? {
        guard let text = text(value, path) else { return nil }
        guard let time = Timestamp.parse(text) else {
            report(.invalidValue, path, "\(quotedForMessage(text)) is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)")
            return nil
        }
        guard (CivilDate.earliestYear...CivilDate.latestYear).contains(time.date.year) else {
            report(.outOfRange, path, "\(text) is outside the years \(CivilDate.earliestYear)-\(CivilDate.latestYear)")
            return nil
        }
        return time
    }

    mutating func date(_ value: JSONValue, _ path: JSONPath) -> CivilDate? {
        guard let text = text(value, path) else { return nil }
        guard let date = CivilDate.parse(text) else {
            report(.invalidValue, path, "\(quotedForMessage(text)) is not a date (YYYY-MM-DD)")
            return nil
        }
        guard (CivilDate.earliestYear...CivilDate.latestYear).contains(date.year) else {
            report(.outOfRange, path, "\(text) is outside the years \(CivilDate.earliestYear)-\(CivilDate.latestYear)")
            return nil
        }
        return date
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ value: JSONValue, _ path: JSONPath, _ type: E.Type)
        -> E?
    where E.RawValue == String {
        guard let text = text(value, path) else { return nil }
        guard let match = E(rawValue: text) else {
            report(
                .invalidValue, path,
                "\(quotedForMessage(text)) is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return match
    }

    /// An array of at most `max` elements (at least one when `nonEmpty`), each decoded by `element`.
    mutating func array<T>(
        _ value: JSONValue, _ path: JSONPath, max: Int, nonEmpty: Bool = false,
        _ element: (inout DecodeContext, JSONValue, JSONPath) -> T?
    ) -> [T]? {
        guard case .array(let elements) = value else {
            mismatch(.array, value, path)
            return nil
        }
        if nonEmpty && elements.isEmpty {
            report(.emptyCollection, path, "must list at least one entry")
            return nil
        }
        if elements.count > max {
            report(.tooManyItems, path, "\(elements.count) entries exceed the limit of \(max)")
            return nil
        }
        var out: [T] = []
        out.reserveCapacity(elements.count)
        var failed = false
        for (i, item) in elements.enumerated() {
            if let decoded = element(&self, item, path.index(i)) { out.append(decoded) } else { failed = true }
        }
        return failed ? nil : out
    }
}

func isIdentifier(_ text: String, maxLength: Int) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, bytes.count <= maxLength, first.isAlnum else { return false }
    return bytes.allSatisfy {
        $0.isAlnum || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
            || $0 == UInt8(ascii: "-")
    }
}

extension UInt8 {
    var isAlnum: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
    var isLowerAlnum: Bool { (self >= 0x30 && self <= 0x39) || (self >= 0x61 && self <= 0x7A) }
}
