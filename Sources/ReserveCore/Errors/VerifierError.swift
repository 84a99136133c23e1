/// An error: the verifier could not check something (as opposed to a ``Finding``, where the
/// check ran and the answer was no).
///
/// Every error carries a stable ``Code``; its raw value is part of the tool's contract (scripts
/// match on it), so a code is never reused or renumbered. The message is one sentence for a
/// person and names the JSON path or file at fault; `detail` holds what only a developer needs
/// (for example the drained OpenSSL error queue).
///
/// ```swift
/// do { _ = try Amount.parse("1e3", at: JSONPath.root.key("value")) }
/// catch let error as VerifierError where error.code == .invalidValue { /* E008 */ }
/// ```
public struct VerifierError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable, Hashable {
        // Reading input.
        case unreadableInput = "E001"
        case inputTooLarge = "E002"
        case malformedJSON = "E003"
        case duplicateKey = "E004"
        // The attestation's content.
        case unknownField = "E005"
        case missingField = "E006"
        case wrongType = "E007"
        case invalidValue = "E008"
        case outOfRange = "E009"
        case inconsistent = "E010"
        case tooManyItems = "E011"
        case emptyCollection = "E012"
        case unsupportedFormat = "E013"
        case nestingTooDeep = "E014"
        // Envelopes.
        case malformedEnvelope = "E020"
        case unsupportedPayloadType = "E021"
        case unsignedPayload = "E022"
        // Keys and the trust store.
        case invalidKey = "E030"
        case invalidTrustStore = "E031"
        case unknownIssuer = "E032"
        // Libraries.
        case cryptoLibrary = "E040"
        case storage = "E050"
        case incompatibleDatabase = "E051"
        case ledgerDamaged = "E052"
        case invalidCheckpoint = "E053"
        case invalidRecord = "E054"
        // Job files and configuration.
        case invalidConfiguration = "E060"
        case network = "E061"

        /// A short name for people and JSON output, e.g. `malformed-json`.
        public var name: String {
            switch self {
            case .unreadableInput: "unreadable-input"
            case .inputTooLarge: "input-too-large"
            case .malformedJSON: "malformed-json"
            case .duplicateKey: "duplicate-key"
            case .unknownField: "unknown-field"
            case .missingField: "missing-field"
            case .wrongType: "wrong-type"
            case .invalidValue: "invalid-value"
            case .outOfRange: "out-of-range"
            case .inconsistent: "inconsistent"
            case .tooManyItems: "too-many-items"
            case .emptyCollection: "empty-collection"
            case .unsupportedFormat: "unsupported-format"
            case .nestingTooDeep: "nesting-too-deep"
            case .malformedEnvelope: "malformed-envelope"
            case .unsupportedPayloadType: "unsupported-payload-type"
            case .unsignedPayload: "unsigned-payload"
            case .invalidKey: "invalid-key"
            case .invalidTrustStore: "invalid-trust-store"
            case .unknownIssuer: "unknown-issuer"
            case .cryptoLibrary: "crypto-library"
            case .storage: "storage"
            case .incompatibleDatabase: "incompatible-database"
            case .ledgerDamaged: "ledger-damaged"
            case .invalidCheckpoint: "invalid-checkpoint"
            case .invalidRecord: "invalid-record"
            case .invalidConfiguration: "invalid-configuration"
            case .network: "network"
            }
        }

        /// What the code means, for the table in docs/ERRORS.md and `--help` texts.
        public var summary: String {
            switch self {
            case .unreadableInput: "A file, folder or URL could not be read."
            case .inputTooLarge: "The input is larger than the configured size limit."
            case .malformedJSON: "The bytes are not strict JSON (RFC 8259, UTF-8, no BOM)."
            case .duplicateKey: "A JSON object names the same key twice."
            case .unknownField: "A field that the format does not define."
            case .missingField: "A required field is absent."
            case .wrongType: "A field has the wrong JSON type."
            case .invalidValue: "A field's text is not a valid value (amount, date, enum, identifier)."
            case .outOfRange: "A value lies outside its allowed range (negative amount, sequence < 1, date bounds)."
            case .inconsistent:
                "Fields contradict each other (asOf after issuedAt, duplicate reserve ids, a network described twice in `token.networks`)."
            case .tooManyItems: "A list is longer than the configured limit."
            case .emptyCollection: "A list that must not be empty is empty."
            case .unsupportedFormat: "The format string is not one this version reads."
            case .nestingTooDeep: "JSON nested deeper than the limit."
            case .malformedEnvelope: "The envelope (DSSE, JWS or detached signature) is malformed."
            case .unsupportedPayloadType: "The DSSE payloadType is not the reserve attestation type."
            case .unsignedPayload: "A bare payload with no signature beside it."
            case .invalidKey: "A key file is not a usable public key."
            case .invalidTrustStore: "The trust store (keys/) is malformed or inconsistent."
            case .unknownIssuer: "The trust store has no folder for the attestation's issuer."
            case .cryptoLibrary: "OpenSSL failed (not an invalid signature: the library itself)."
            case .storage: "The SQLite ledger could not be read or written."
            case .incompatibleDatabase: "The database is not a Reserve Verifier ledger this version can use."
            case .ledgerDamaged:
                "A ledger row no longer matches its hash or its link: the ledger was edited or damaged."
            case .invalidCheckpoint:
                "A checkpoint is malformed, not signed by the verifier's key, or not held by the ledger."
            case .invalidRecord: "A verification record is malformed, not in-toto, or not signed by the verifier's key."
            case .invalidConfiguration: "A job file or option is invalid."
            case .network: "An HTTPS source could not be fetched."
            }
        }
    }

    public var code: Code
    /// One sentence for a person: what failed, where, what to do.
    public var message: String
    /// Extra detail for developers, shown with `--verbose`.
    public var detail: String?
    /// `#fileID:#line` of the throw, for bug reports.
    public var location: String

    public init(
        _ code: Code, _ message: String, detail: String? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.location = "\(file):\(line)"
    }

    public var description: String { "\(code.rawValue) \(code.name): \(message)" }

    // Location is diagnostic only; two errors are the same when they say the same thing.
    public static func == (a: VerifierError, b: VerifierError) -> Bool {
        a.code == b.code && a.message == b.message && a.detail == b.detail
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
    }
}
