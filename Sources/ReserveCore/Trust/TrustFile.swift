/// One issuer's `keys/<issuer>/trust.json`: its signing policy and its keys.
///
/// ```json
/// { "format": "reserve-trust/1", "issuer": "kizuna-yen",
///   "policy": { "requiredRoles": ["issuer", "custodian"], "optionalRoles": ["auditor"],
///               "minimumSignatures": 2, "freshnessDays": 35 },
///   "keys": [ { "id": "<sha256 of SPKI DER, hex>", "file": "issuer-2026.pem",
///               "algorithm": "ecdsa-p256-sha256", "role": "issuer",
///               "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2027-12-31T23:59:59Z" } ] }
/// ```
public struct TrustFile: Sendable, Hashable {
    public static let format = "reserve-trust/1"
    public static let fileName = "trust.json"

    public var issuer: String
    public var policy: Policy
    public var keys: [KeyEntry]

    public struct Policy: Sendable, Hashable {
        /// Every one of these roles must sign with a valid key.
        public var requiredRoles: [KeyRole]
        /// These roles may co-sign; their valid signatures are reported but not required.
        public var optionalRoles: [KeyRole]
        /// Distinct valid keys needed in all (at least the number of required roles).
        public var minimumSignatures: Int
        /// Days after `asOf` at which the coin's newest attestation is stale. Default 35.
        public var freshnessDays: Int
        /// The largest step in `sequence` from the coin's newest accepted attestation that the
        /// ledger admits (`SEQUENCE-JUMP`); nil: ``defaultMaxSequenceStep``. Written to trust.json
        /// only when set.
        public var maxSequenceStep: Int?

        /// Tool calibration: 100 steps covers a daily issuer checked quarterly, and refuses the
        /// typo or forgery that would freeze a coin's history (a sequence of 2147483647).
        public static let defaultMaxSequenceStep = 100

        /// ``maxSequenceStep``, else the default.
        public var sequenceStepLimit: Int { maxSequenceStep ?? Self.defaultMaxSequenceStep }

        public init(
            requiredRoles: [KeyRole] = [.issuer], optionalRoles: [KeyRole] = [], minimumSignatures: Int = 1,
            freshnessDays: Int = 35, maxSequenceStep: Int? = nil
        ) {
            self.requiredRoles = requiredRoles
            self.optionalRoles = optionalRoles
            self.minimumSignatures = minimumSignatures
            self.freshnessDays = freshnessDays
            self.maxSequenceStep = maxSequenceStep
        }
    }

    public struct KeyEntry: Sendable, Hashable {
        public var id: String
        public var file: String
        public var algorithm: SignatureAlgorithm
        public var role: KeyRole
        public var notBefore: Timestamp?
        public var notAfter: Timestamp?
        public var revokedAt: Timestamp?

        public init(
            id: String, file: String, algorithm: SignatureAlgorithm, role: KeyRole,
            notBefore: Timestamp? = nil, notAfter: Timestamp? = nil, revokedAt: Timestamp? = nil
        ) {
            self.id = id
            self.file = file
            self.algorithm = algorithm
            self.role = role
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.revokedAt = revokedAt
        }
    }

    public init(issuer: String, policy: Policy = Policy(), keys: [KeyEntry] = []) {
        self.issuer = issuer
        self.policy = policy
        self.keys = keys
    }

    /// The fields of `trust.json`'s objects, declared once for the strict reader.
    public enum RootField: String, StrictFields {
        case format, issuer, policy, keys
        public static let required: Set<Self> = [.format, .issuer, .policy, .keys]
    }

    public enum PolicyField: String, StrictFields {
        case requiredRoles, optionalRoles, minimumSignatures, freshnessDays, maxSequenceStep
        public static let required: Set<Self> = [.requiredRoles]
    }

    public enum KeyField: String, StrictFields {
        case id, file, algorithm, role, notBefore, notAfter, revokedAt
        public static let required: Set<Self> = [.id, .file, .algorithm, .role]
    }

    /// Decodes strictly (same rules as attestations: unknown fields, duplicate keys, types).
    /// Messages name `trust.json` and the JSON path.
    /// Its limits are ``ReaderLimits/trustFile``.
    public static func decode(_ bytes: [UInt8], folder: String) throws(VerifierError) -> TrustFile {
        try DecodeContext.readFile(bytes, "\(folder)/trust.json", limits: .trustFile, as: .invalidTrustStore) {
            $0.trustFile($1)
        }
    }

    /// Deterministic JSON (sorted keys, two-space indent, final newline).
    public func encoded() -> [UInt8] {
        var policyObject = JSONObject()
        policyObject["requiredRoles"] = .array(policy.requiredRoles.map { .string($0.rawValue) })
        policyObject["optionalRoles"] = .array(policy.optionalRoles.map { .string($0.rawValue) })
        policyObject["minimumSignatures"] = .number(String(policy.minimumSignatures))
        policyObject["freshnessDays"] = .number(String(policy.freshnessDays))
        if let step = policy.maxSequenceStep { policyObject["maxSequenceStep"] = .number(String(step)) }
        let keyValues: [JSONValue] = keys.map { key in
            var o = JSONObject()
            o["id"] = .string(key.id)
            o["file"] = .string(key.file)
            o["algorithm"] = .string(key.algorithm.rawValue)
            o["role"] = .string(key.role.rawValue)
            if let t = key.notBefore { o["notBefore"] = .string(t.description) }
            if let t = key.notAfter { o["notAfter"] = .string(t.description) }
            if let t = key.revokedAt { o["revokedAt"] = .string(t.description) }
            return .object(o)
        }
        var root = JSONObject()
        root["format"] = .string(Self.format)
        root["issuer"] = .string(issuer)
        root["policy"] = .object(policyObject)
        root["keys"] = .array(keyValues)
        return Array((JSONWriter.write(.object(root)) + "\n").utf8)
    }

    /// A key file name: a plain name ending in `.pem`, no path separators.
    public static func isValidKeyFileName(_ name: String) -> Bool {
        name.hasSuffix(".pem") && name.utf8.count <= 128 && !name.hasPrefix(".")
            && name.utf8.allSatisfy {
                $0.isAlnum || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
    }
}

extension DecodeContext {
    mutating func trustFile(_ root: JSONValue) -> TrustFile? {
        guard let f = object(root, .root, TrustFile.RootField.self) else { return nil }
        let format = field(f, .format) { $0.text($1, $2) }
        if let format, format != TrustFile.format {
            report(
                .unsupportedFormat, f.at(.format), "\(quotedForMessage(format)) is not \"\(TrustFile.format)\"")
            return nil
        }
        let issuer = field(f, .issuer) { $0.issuerID($1, $2) }
        let policy = field(f, .policy) { c, v, p -> TrustFile.Policy? in
            guard let o = c.object(v, p, TrustFile.PolicyField.self) else { return nil }
            let required = c.field(o, .requiredRoles) { c, v, p in
                c.array(v, p, max: ReaderLimits.Lists.trustRoles, nonEmpty: true) {
                    $0.enumeration($1, $2, KeyRole.self)
                }
            }
            let optional = c.field(o, .optionalRoles) { c, v, p in
                c.array(v, p, max: ReaderLimits.Lists.trustRoles) { $0.enumeration($1, $2, KeyRole.self) }
            }
            let minimum = c.field(o, .minimumSignatures) { $0.integer($1, $2, 1...16) }
            let freshness = c.field(o, .freshnessDays) { $0.integer($1, $2, 1...3660) }
            let step = c.field(o, .maxSequenceStep) { $0.integer($1, $2, 1...1_000_000) }
            guard let required else { return nil }
            if Set(required).count != required.count {
                c.report(.inconsistent, o.at(.requiredRoles), "a role is listed twice")
                return nil
            }
            if let optional, Set(optional).count != optional.count {
                c.report(.inconsistent, o.at(.optionalRoles), "a role is listed twice")
                return nil
            }
            if let optional, !Set(optional).isDisjoint(with: required) {
                c.report(.inconsistent, o.at(.optionalRoles), "a role is both required and optional")
                return nil
            }
            let minimumSignatures = minimum ?? required.count
            if minimumSignatures < required.count {
                c.report(
                    .inconsistent, o.at(.minimumSignatures),
                    "\(minimumSignatures) is fewer than the \(required.count) required roles")
                return nil
            }
            return TrustFile.Policy(
                requiredRoles: required, optionalRoles: optional ?? [], minimumSignatures: minimumSignatures,
                freshnessDays: freshness ?? 35, maxSequenceStep: step)
        }
        let keys = field(f, .keys) { c, v, p in
            c.array(v, p, max: ReaderLimits.Lists.trustKeys) { c, v, p -> TrustFile.KeyEntry? in
                guard let o = c.object(v, p, TrustFile.KeyField.self) else { return nil }
                let id = c.field(o, .id) { $0.sha256Hex($1, $2) }
                let file = c.field(o, .file) { c, v, p -> String? in
                    guard let name = c.text(v, p) else { return nil }
                    guard TrustFile.isValidKeyFileName(name) else {
                        c.report(
                            .invalidValue, p,
                            "\(quotedForMessage(name)) is not a key file name in this folder "
                                + "(letters, digits, . _ -, ending in .pem)"
                        )
                        return nil
                    }
                    return name
                }
                let algorithm = c.field(o, .algorithm) { $0.enumeration($1, $2, SignatureAlgorithm.self) }
                let role = c.field(o, .role) { $0.enumeration($1, $2, KeyRole.self) }
                let notBefore = c.field(o, .notBefore) { $0.timestamp($1, $2) }
                let notAfter = c.field(o, .notAfter) { $0.timestamp($1, $2) }
                let revokedAt = c.field(o, .revokedAt) { $0.timestamp($1, $2) }
                if let notBefore, let notAfter, notAfter < notBefore {
                    c.report(.inconsistent, o.at(.notAfter), "notAfter is before notBefore")
                    return nil
                }
                guard let id, let file, let algorithm, let role else { return nil }
                return TrustFile.KeyEntry(
                    id: id, file: file, algorithm: algorithm, role: role, notBefore: notBefore,
                    notAfter: notAfter, revokedAt: revokedAt)
            }
        }
        if let keys {
            var seen = Set<String>()
            for (i, key) in keys.enumerated() where !seen.insert(key.id).inserted {
                report(
                    .inconsistent, f.at(.keys).index(i).key(TrustFile.KeyField.id.rawValue),
                    "key \(key.id) is listed twice")
            }
        }
        guard let issuer, let policy, let keys else { return nil }
        return TrustFile(issuer: issuer, policy: policy, keys: keys)
    }
}
