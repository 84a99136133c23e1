import Foundation
import ReserveCore
import ReserveIO

/// Defaults from the file named by `RESERVE_VERIFIER_CONFIG`: a small, strict JSON object giving
/// the trust store (`keys`), the ledger (`db`), the rule `profile`, the bank's `policy` file and the
/// output `format`. Precedence: an option on the command line, else the environment variable,
/// else this file, else the built-in default.
///
/// ```json
/// { "keys": "/etc/reserve-verifier/keys", "db": "/var/lib/reserve-verifier/ledger.sqlite",
///   "profile": "hkma", "policy": "bank-policy.json", "format": "json" }
/// ```
///
/// Strict like every other input, its keys checked by the shared ``StrictObject`` first (an unknown
/// key is reported before any value's problem): an unknown key is E005, a value of the wrong type
/// E007, an empty path, an unknown profile or format, a value longer than
/// `ReaderLimits.configFile.maxStringBytes` or holding one of the ``UnsafeCharacters`` E008,
/// malformed JSON E003, a repeated key E004.
/// Relative paths are resolved against the folder that holds the file.
struct ConfigFile: Sendable, Equatable {
    var keys: String?
    var db: String?
    var profile: String?
    var policy: String?
    var format: String?

    static let variable = "RESERVE_VERIFIER_CONFIG"
    /// The keys a configuration file may hold, declared once for the strict reader.
    enum Field: String, StrictFields {
        case keys, db, profile, policy, format
        static let required: Set<Self> = []
    }
    /// Every value `--format` takes on some command; each command uses the file's format only when it offers it.
    static let formats = ["text", "json", "csv", "markdown"]
    /// The configuration file's depth, string and file-size limits.
    static let limits = ReaderLimits.configFile

    /// The configuration of this run: the file `RESERVE_VERIFIER_CONFIG` names, read once; none
    /// when the variable is unset or empty.
    static let loaded: Result<ConfigFile, VerifierError> = {
        guard let path = Environment.value(variable) else { return .success(ConfigFile()) }
        do throws(VerifierError) {
            return .success(try read(path))
        } catch {
            return .failure(error)
        }
    }()

    /// The configuration's defaults (empty when the file is unusable: ``ReserveVerifier/main()``
    /// reports that error before any command runs).
    static var current: ConfigFile { (try? loaded.get()) ?? ConfigFile() }

    static func read(_ path: String) throws(VerifierError) -> ConfigFile {
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path, limit: limits.maxFileBytes)
        } catch {
            throw VerifierError(error.code, "\(variable): \(error.message)", detail: error.detail)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(bytes, path: path, folder: folder)
    }

    /// Parses a configuration file's bytes; `folder` anchors relative paths.
    static func parse(_ bytes: [UInt8], path: String, folder: String) throws(VerifierError) -> ConfigFile {
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: limits.maxDepth).parse(bytes)
        } catch {
            throw VerifierError(error.code, "\(path) (\(variable)): \(error.message)", detail: error.detail)
        }
        guard case .object(let object) = value else {
            throw VerifierError(
                .wrongType, "\(path) (\(variable)): the configuration must be a JSON object, not \(value.typeName)")
        }
        // The shared strict check first, as every reader does: an unknown key (a repeated key is
        // the parser's E004 already; no field is required).
        let strict = StrictObject<Field, JSONValue>(object.entries)
        switch strict.problems.first {
        case .unknown(let index)?:
            throw VerifierError(
                .unknownField,
                """
                \(path) (\(variable)): unknown key '\(object.entries[index].key)' (known keys: \
                \(Field.orderedNames.joined(separator: ", ")))
                """
            )
        case .duplicate(let index)?:
            throw VerifierError(
                .duplicateKey, "\(path) (\(variable)): duplicate key '\(object.entries[index].key)'")
        case .missing?, nil:
            break
        }
        var config = ConfigFile()
        for (key, entry) in object.entries {
            guard let field = Field(rawValue: key) else { continue }
            guard case .string(let text) = entry else {
                throw VerifierError(
                    .wrongType, "\(path) (\(variable)): '\(key)' must be a string, not \(entry.typeName)")
            }
            guard !text.isEmpty else {
                throw VerifierError(.invalidValue, "\(path) (\(variable)): '\(key)' must not be empty")
            }
            guard text.utf8.count <= limits.maxStringBytes else {
                throw VerifierError(
                    .invalidValue,
                    """
                    \(path) (\(variable)): '\(key)' is a string of \(text.utf8.count) bytes, longer than the limit of \
                    \(limits.maxStringBytes)
                    """
                )
            }
            guard !UnsafeCharacters.contained(in: text) else {
                throw VerifierError(
                    .invalidValue,
                    "\(path) (\(variable)): '\(key)' contains a control or bidirectional-override character")
            }
            switch field {
            case .profile:
                guard Profile.named(text) != nil else {
                    throw VerifierError(
                        .invalidValue,
                        """
                        \(path) (\(variable)): 'profile' is '\(text)', not one of \
                        \(Profile.all.map(\.name).joined(separator: ", "))
                        """
                    )
                }
                config.profile = text
            case .format:
                guard formats.contains(text) else {
                    throw VerifierError(
                        .invalidValue,
                        "\(path) (\(variable)): 'format' is '\(text)', not one of \(formats.joined(separator: ", "))")
                }
                config.format = text
            case .keys: config.keys = resolve(text, in: folder)
            case .db: config.db = resolve(text, in: folder)
            case .policy: config.policy = resolve(text, in: folder)
            }
        }
        return config
    }

    private static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).path
    }
}
