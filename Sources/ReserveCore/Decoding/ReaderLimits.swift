/// The limits of every strict reader, declared once: how deep a document may nest, how long a
/// string and how large a file may be, and how many entries each bounded list may hold. Each
/// reader applies its own row (the attestation's row is ``DecodingLimits``, which the command
/// line can change); the readers' messages name the limit they hit.
public struct ReaderLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects. The job file has no row of its own here: libyaml
    /// refuses nesting past 1000 levels (its own limit), and the composed tree's size is bounded
    /// by `YAMLBudget`.
    public var maxDepth: Int
    /// Longest string, in bytes.
    public var maxStringBytes: Int
    /// Largest file, in bytes: applied where the file is read, before any parsing (the command
    /// line reads each of these files within its limit).
    public var maxFileBytes: Int

    public init(maxDepth: Int, maxStringBytes: Int, maxFileBytes: Int) {
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxFileBytes = maxFileBytes
    }

    /// The longest string any strict reader accepts by default, in bytes.
    public static let defaultMaxStringBytes = 4096

    /// An issuer's `trust.json`.
    public static let trustFile = ReaderLimits(
        maxDepth: 16, maxStringBytes: defaultMaxStringBytes, maxFileBytes: 1 << 20)
    /// `keys/_tsa/tsa.json`.
    public static let timestampAuthorities = ReaderLimits(
        maxDepth: 8, maxStringBytes: defaultMaxStringBytes, maxFileBytes: 1 << 20)
    /// The bank's policy file (`bank-policy/1`).
    public static let bankPolicy = ReaderLimits(
        maxDepth: DecodingLimits.default.maxDepth, maxStringBytes: defaultMaxStringBytes, maxFileBytes: 1 << 20)
    /// A `watch` job file (YAML); `maxDepth` is libyaml's.
    public static let jobFile = ReaderLimits(
        maxDepth: 1000, maxStringBytes: defaultMaxStringBytes, maxFileBytes: 1 << 20)
    /// The file `RESERVE_VERIFIER_CONFIG` names (its reader applies the depth and the file size).
    public static let configFile = ReaderLimits(
        maxDepth: 4, maxStringBytes: defaultMaxStringBytes, maxFileBytes: 64 * 1024)

    /// The most entries of each bounded list, by the list.
    public enum Lists {
        /// `trust.json`'s `keys`.
        public static let trustKeys = 1000
        /// `trust.json`'s `requiredRoles` and `optionalRoles` (there are three roles).
        public static let trustRoles = 3
        /// `tsa.json`'s `authorities`.
        public static let timestampAuthorities = 100
        /// The job file's `sinks`.
        public static let jobSinks = 100
        /// The job file's `coins`.
        public static let jobCoins = 10_000
        /// A coin's `sources`.
        public static let jobSources = 100
        /// A coin's `alerts`.
        public static let jobAlerts = 100
        /// `http.redirectHosts`.
        public static let jobRedirectHosts = 100
        /// A command sink's `command` (the program and its arguments).
        public static let jobCommandArguments = 64
    }
}
