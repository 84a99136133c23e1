/// `keys/_tsa/tsa.json`: the time-stamping authorities the verifier trusts.
///
/// ```json
/// { "format": "reserve-tsa/1",
///   "authorities": [ { "name": "example-tsa", "file": "example-tsa.pem",
///                      "sha256": "<hex SHA-256 of the certificate's DER>",
///                      "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2030-12-31T23:59:59Z" } ] }
/// ```
public struct TimestampAuthorityFile: Sendable, Hashable {
    public static let format = "reserve-tsa/1"
    public static let folderName = "_tsa"
    public static let fileName = "tsa.json"

    public struct Entry: Sendable, Hashable {
        public var name: String
        public var file: String
        /// Lowercase hex SHA-256 of the certificate's DER.
        public var sha256: String
        public var notBefore: Timestamp?
        public var notAfter: Timestamp?

        public init(
            name: String, file: String, sha256: String, notBefore: Timestamp? = nil,
            notAfter: Timestamp? = nil
        ) {
            self.name = name
            self.file = file
            self.sha256 = sha256
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    public var authorities: [Entry]

    public init(authorities: [Entry]) {
        self.authorities = authorities
    }

    /// Decodes strictly, like `trust.json`: unknown fields, duplicate JSON keys, wrong types,
    /// duplicate names, files or certificates are errors (E031) naming the JSON path. Its limits are
    /// ``ReaderLimits/timestampAuthorities``.
    public static func decode(_ bytes: [UInt8]) throws(VerifierError) -> TimestampAuthorityFile {
        try DecodeContext.readFile(
            bytes, "\(folderName)/\(fileName)", limits: .timestampAuthorities, as: .invalidTrustStore
        ) { $0.timestampAuthorityFile($1) }
    }

    /// A certificate file name: a plain name ending in `.pem`, no path separators.
    public static func isValidCertificateFileName(_ name: String) -> Bool {
        TrustFile.isValidKeyFileName(name)
    }
}

extension TimestampAuthorityFile {
    /// The fields of the file's objects, declared once for the strict reader.
    enum RootField: String, StrictFields {
        case format, authorities
        static let required: Set<Self> = [.format, .authorities]
    }
    enum EntryField: String, StrictFields {
        case name, file, sha256, notBefore, notAfter
        static let required: Set<Self> = [.name, .file, .sha256]
    }
}

extension DecodeContext {
    mutating func timestampAuthorityFile(_ root: JSONValue) -> TimestampAuthorityFile? {
        guard let f = object(root, .root, TimestampAuthorityFile.RootField.self) else { return nil }
        let format = field(f, .format) { $0.text($1, $2) }
        if let format, format != TimestampAuthorityFile.format {
            report(
                .unsupportedFormat, f.at(.format),
                "\(quotedForMessage(format)) is not \"\(TimestampAuthorityFile.format)\"")
            return nil
        }
        let entries = field(f, .authorities) { c, v, p in
            c.array(v, p, max: ReaderLimits.Lists.timestampAuthorities, nonEmpty: true) {
                c, v, p -> TimestampAuthorityFile.Entry? in
                guard let o = c.object(v, p, TimestampAuthorityFile.EntryField.self) else { return nil }
                let name = c.field(o, .name) { $0.issuerID($1, $2) }
                let file = c.field(o, .file) { c, v, p -> String? in
                    guard let name = c.text(v, p) else { return nil }
                    guard TimestampAuthorityFile.isValidCertificateFileName(name) else {
                        c.report(
                            .invalidValue, p,
                            "\(quotedForMessage(name)) is not a certificate file name in "
                                + "this folder (letters, digits, . _ -, ending in .pem)")
                        return nil
                    }
                    return name
                }
                let sha256 = c.field(o, .sha256) { $0.sha256Hex($1, $2) }
                let notBefore = c.field(o, .notBefore) { $0.timestamp($1, $2) }
                let notAfter = c.field(o, .notAfter) { $0.timestamp($1, $2) }
                if let notBefore, let notAfter, notAfter < notBefore {
                    c.report(.inconsistent, o.at(.notAfter), "notAfter is before notBefore")
                    return nil
                }
                guard let name, let file, let sha256 else { return nil }
                return TimestampAuthorityFile.Entry(
                    name: name, file: file, sha256: sha256, notBefore: notBefore,
                    notAfter: notAfter)
            }
        }
        if let entries {
            var names = Set<String>()
            var files = Set<String>()
            var digests = Set<String>()
            for (i, entry) in entries.enumerated() {
                let path = f.at(.authorities).index(i)
                if !names.insert(entry.name).inserted {
                    report(.inconsistent, path.key("name"), "authority \(entry.name) is listed twice")
                } else if !files.insert(entry.file).inserted {
                    report(.inconsistent, path.key("file"), "file \(entry.file) is listed twice")
                } else if !digests.insert(entry.sha256).inserted {
                    report(.inconsistent, path.key("sha256"), "certificate \(entry.sha256) is listed twice")
                }
            }
        }
        guard let entries else { return nil }
        return TimestampAuthorityFile(authorities: entries)
    }
}
