/// The keys the verifier trusts, by issuer, loaded once per run.
///
/// Built from the `keys/` folder by the CLI (which reads the files) through a ``CryptoProvider``
/// (which parses the keys): key parsing costs more than a verification, so every key is parsed
/// exactly once. A key is used only for the issuer whose folder holds it.
public struct TrustStore: Sendable {
    public struct TrustedKey: Sendable {
        public let entry: TrustFile.KeyEntry
        public let key: any VerificationKey
    }

    public struct IssuerTrust: Sendable {
        public let file: TrustFile
        public let keys: [TrustedKey]
    }

    public private(set) var issuers: [String: IssuerTrust] = [:]
    /// The time-stamping authorities whose RFC 3161 tokens are trusted (`keys/_tsa/`).
    public var timestampAuthorities: [TimestampAuthority] = []
    /// Key id -> issuer folders that list it (to explain a signature by another issuer's key).
    private var owners: [String: [String]] = [:]

    public init() {}

    /// The raw content of one issuer folder.
    public struct Folder: Sendable {
        public var name: String
        public var trustJSON: [UInt8]
        /// File name -> content, for the PEM files in the folder.
        public var pemFiles: [String: [UInt8]]

        public init(name: String, trustJSON: [UInt8], pemFiles: [String: [UInt8]]) {
            self.name = name
            self.trustJSON = trustJSON
            self.pemFiles = pemFiles
        }
    }

    /// Loads folders, checking that each folder is named after its issuer, that every listed key
    /// file exists and hashes to its listed id, and that the key type fits the listed algorithm.
    public static func load(_ folders: [Folder], provider: any CryptoProvider) throws(VerifierError) -> TrustStore {
        var store = TrustStore()
        for folder in folders.sorted(by: { $0.name < $1.name }) {
            try store.add(folder, provider: provider)
        }
        return store
    }

    public mutating func add(_ folder: Folder, provider: any CryptoProvider) throws(VerifierError) {
        let file = try TrustFile.decode(folder.trustJSON, folder: folder.name)
        guard file.issuer == folder.name else {
            throw VerifierError(
                .invalidTrustStore,
                "\(folder.name)/trust.json names issuer \(quotedForMessage(file.issuer)); "
                    + "a folder holds the keys of the issuer it is named after"
            )
        }
        var keys: [TrustedKey] = []
        for entry in file.keys {
            guard let pem = folder.pemFiles[entry.file] else {
                throw VerifierError(
                    .invalidTrustStore, "\(folder.name)/trust.json lists \(entry.file), which is not in the folder")
            }
            let key: any VerificationKey
            do {
                key = try provider.publicKey(pem: pem)
            } catch {
                throw VerifierError(.invalidKey, "\(folder.name)/\(entry.file): \(error.message)", detail: error.detail)
            }
            // Key ids are canonical (one key, one id, whatever its PEM looks like), so this
            // catches a second copy of a key, e.g. its compressed form, under another role.
            if let twin = keys.first(where: { $0.key.id == key.id }) {
                throw VerifierError(
                    .invalidTrustStore,
                    "\(folder.name)/\(entry.file) holds the same public key as \(twin.entry.file) (key id \(key.id), "
                        + "role \(twin.entry.role.rawValue)); one key is one signer and is listed once")
            }
            guard key.id == entry.id else {
                throw VerifierError(
                    .invalidTrustStore,
                    "\(folder.name)/\(entry.file) has key id \(key.id), but trust.json says \(entry.id)")
            }
            guard entry.algorithm.accepts(key.type) else {
                throw VerifierError(
                    .invalidTrustStore,
                    "\(folder.name)/\(entry.file) is a \(key.type) key, which cannot sign \(entry.algorithm.rawValue)"
                        + ([.rsaPSSSHA256, .rsaPKCS1SHA256].contains(entry.algorithm)
                            ? " (RSA keys need at least 2048 bits)" : "")
                )
            }
            keys.append(TrustedKey(entry: entry, key: key))
            owners[entry.id, default: []].append(folder.name)
        }
        issuers[file.issuer] = IssuerTrust(file: file, keys: keys)
    }

    /// The issuer folders whose trust.json lists `keyID`.
    public func owners(of keyID: String) -> [String] { owners[keyID] ?? [] }
}
