import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReserveReport

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the trust store: add, revoke and list keys; set the roles that must sign.",
        subcommands: [Add.self, Revoke.self, Require.self, List.self])

    /// `--keys`, shared with every command that reads the trust store.
    typealias StoreOptions = KeysOption

    struct IssuerOption: ParsableArguments {
        @Option(help: "Issuer id (lowercase letters, digits, '-').")
        var issuer: String

        func validate() throws {
            guard IssuerID.isValid(issuer) else {
                throw ValidationError(
                    "'\(issuer)' is not an issuer id (1-64 of a-z 0-9 -, starting with a letter or digit)")
            }
        }
    }

    static func trustPath(_ keys: String, _ issuer: String) -> String { "\(keys)/\(issuer)/\(TrustFile.fileName)" }

    static func readTrust(_ keys: String, _ issuer: String) throws(VerifierError) -> TrustFile {
        let path = trustPath(keys, issuer)
        guard Files.exists(path) else {
            throw VerifierError(.unknownIssuer, "\(path) does not exist: add a key for issuer \(issuer) first")
        }
        return try TrustFile.decode(
            try Files.read(path, limit: ReaderLimits.trustFile.maxFileBytes), folder: "\(keys)/\(issuer)")
    }

    static func run(_ body: () throws(VerifierError) -> Void) throws {
        try body()
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a PEM public key for an issuer and print its key id.",
            discussion:
                "Creates the issuer's folder and trust.json when missing; a new issuer requires the issuer role.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var issuerOption: IssuerOption

        @Option(help: "Role the key signs in: issuer, custodian or auditor.")
        var role: String

        @Option(
            help:
                """
                Signature algorithm (default from the key: ed25519, ecdsa-p256-sha256, ecdsa-p384-sha384, \
                rsa-pss-sha256 for RSA).
                """
        )
        var algorithm: AlgorithmArgument?

        @Option(help: "First instant the key is valid (RFC 3339 UTC).")
        var notBefore: Timestamp?

        @Option(help: "Last instant the key is valid (RFC 3339 UTC).")
        var notAfter: Timestamp?

        @Argument(help: "The public key (PEM SubjectPublicKeyInfo).", completion: .file(extensions: ["pem"]))
        var pemFile: String

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard KeyRole(rawValue: role) != nil else {
                throw ValidationError("role must be issuer, custodian or auditor")
            }
            if let notBefore, let notAfter, notAfter < notBefore {
                throw ValidationError("--not-after is before --not-before")
            }
        }

        func run() throws {
            try Keys.run { () throws(VerifierError) in
                let issuer = issuerOption.issuer
                let pem = try Files.read(pemFile, limit: 64 * 1024)
                let key: PublicKey
                do throws(VerifierError) {
                    key = try PublicKey(pem: pem)
                } catch {
                    throw VerifierError(error.code, "\(pemFile): \(error.message)", detail: error.detail)
                }
                let chosen: SignatureAlgorithm
                if let named = algorithm?.algorithm {
                    chosen = named
                } else {
                    switch key.type {
                    case .ed25519: chosen = .ed25519
                    case .ecP256: chosen = .ecdsaP256SHA256
                    case .ecP384: chosen = .ecdsaP384SHA384
                    case .rsa: chosen = .rsaPSSSHA256
                    case .unsupported(let name):
                        throw VerifierError(.invalidKey, "\(pemFile) is a \(name) key, which the verifier does not use")
                    }
                }
                guard chosen.accepts(key.type) else {
                    throw VerifierError(
                        .invalidKey, "\(pemFile) is a \(key.type) key, which cannot sign \(chosen.rawValue)")
                }
                let folder = "\(store.keys)/\(issuer)"
                var trust: TrustFile
                if Files.exists(Keys.trustPath(store.keys, issuer)) {
                    trust = try Keys.readTrust(store.keys, issuer)
                } else {
                    do {
                        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    } catch {
                        throw VerifierError(.unreadableInput, "\(folder) cannot be created")
                    }
                    trust = TrustFile(issuer: issuer)
                }
                // Ids are canonical: a compressed copy of a listed EC key has the listed key's id.
                if let listed = trust.keys.first(where: { $0.id == key.id }) {
                    throw VerifierError(
                        .invalidTrustStore,
                        "key \(key.id) is already in \(folder) as \(listed.file) (role \(listed.role.rawValue)); "
                            + "one key is one signer: a second role needs a second key")
                }
                let keyRole = KeyRole(rawValue: role) ?? .issuer
                let fileName = "\(keyRole.rawValue)-\(key.id.prefix(16)).pem"
                try Files.writeAtomically(pem, to: "\(folder)/\(fileName)")
                trust.keys.append(
                    TrustFile.KeyEntry(
                        id: key.id, file: fileName, algorithm: chosen, role: keyRole,
                        notBefore: notBefore, notAfter: notAfter))
                try Files.writeAtomically(trust.encoded(), to: Keys.trustPath(store.keys, issuer))
                Console.out(key.id + "\n")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a key from a time on: attestations issued at or after it fail, earlier ones stay valid.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var issuerOption: IssuerOption

        @Option(help: "Revocation time (RFC 3339 UTC).")
        var at: Timestamp

        @Argument(help: "The key id (hex SHA-256 of its SubjectPublicKeyInfo).")
        var keyID: String

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Keys.run { () throws(VerifierError) in
                var trust = try Keys.readTrust(store.keys, issuerOption.issuer)
                guard let index = trust.keys.firstIndex(where: { $0.id == keyID }) else {
                    throw VerifierError(
                        .invalidTrustStore, "issuer \(issuerOption.issuer) has no key \(quotedForMessage(keyID))")
                }
                if let existing = trust.keys[index].revokedAt, existing <= at {
                    if !global.quiet { Console.err("key \(keyID) is already revoked at \(existing); unchanged\n") }
                    return
                }
                trust.keys[index].revokedAt = at
                try Files.writeAtomically(trust.encoded(), to: Keys.trustPath(store.keys, issuerOption.issuer))
                Console.out("revoked \(keyID) at \(at)\n")
            }
        }
    }

    struct Require: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "require",
            abstract: "Set the roles that must sign an issuer's attestations.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var issuerOption: IssuerOption

        @Argument(help: "Roles: issuer, custodian, auditor.")
        var roles: [String]

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !roles.isEmpty else { throw ValidationError("name at least one role") }
            for role in roles where KeyRole(rawValue: role) == nil {
                throw ValidationError("'\(role)' is not a role (issuer, custodian, auditor)")
            }
            guard Set(roles).count == roles.count else { throw ValidationError("a role is named twice") }
        }

        func run() throws {
            try Keys.run { () throws(VerifierError) in
                var trust = try Keys.readTrust(store.keys, issuerOption.issuer)
                let required = roles.compactMap(KeyRole.init(rawValue:))
                trust.policy.requiredRoles = required
                trust.policy.optionalRoles.removeAll { required.contains($0) }
                trust.policy.minimumSignatures = max(trust.policy.minimumSignatures, required.count)
                try Files.writeAtomically(trust.encoded(), to: Keys.trustPath(store.keys, issuerOption.issuer))
                Console.out(
                    "issuer \(issuerOption.issuer) now requires: \(required.map(\.rawValue).joined(separator: ", "))\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List trusted keys with their fingerprints, roles and validity.")

        @OptionGroup var store: StoreOptions

        @OptionGroup var output: FormatOption<OutputFormat>
        var format: OutputFormat { output.value }

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Keys.run { () throws(VerifierError) in
                let trustStore = try TrustStoreLoader.load(store.keys)
                let issuers = trustStore.issuers.keys.sorted()
                switch format {
                case .json:
                    let list: [JSONValue] = issuers.compactMap { id in
                        guard let trust = trustStore.issuers[id] else { return nil }
                        return [
                            "issuer": .string(id),
                            "requiredRoles": .strings(trust.file.policy.requiredRoles.map(\.rawValue)),
                            "optionalRoles": .strings(trust.file.policy.optionalRoles.map(\.rawValue)),
                            "minimumSignatures": .int(trust.file.policy.minimumSignatures),
                            "freshnessDays": .int(trust.file.policy.freshnessDays),
                            "keys": .array(
                                trust.keys.map { k in
                                    var o = JSONObject()
                                    o["id"] = .string(k.entry.id)
                                    o["file"] = .string(k.entry.file)
                                    o["algorithm"] = .string(k.entry.algorithm.rawValue)
                                    o["keyType"] = .string(k.key.type.description)
                                    o["role"] = .string(k.entry.role.rawValue)
                                    o["notBefore"] = k.entry.notBefore.map { .string($0.description) } ?? .null
                                    o["notAfter"] = k.entry.notAfter.map { .string($0.description) } ?? .null
                                    o["revokedAt"] = k.entry.revokedAt.map { .string($0.description) } ?? .null
                                    return .object(o)
                                }),
                        ]
                    }
                    Console.out(JSONWriter.write(["issuers": .array(list)]) + "\n")
                case .text:
                    var out = ""
                    for id in issuers {
                        guard let trust = trustStore.issuers[id] else { continue }
                        let p = trust.file.policy
                        out += "\(id)  requires \(p.requiredRoles.map(\.rawValue).joined(separator: " + "))"
                        if !p.optionalRoles.isEmpty {
                            out += ", optional \(p.optionalRoles.map(\.rawValue).joined(separator: ", "))"
                        }
                        out +=
                            """
                            , at least \(p.minimumSignatures) signature\(p.minimumSignatures == 1 ? "" : "s"), fresh \
                            for \(p.freshnessDays) days\n
                            """
                        var table = TextTable("  ROLE", "KEY ID", "ALGORITHM", "FILE", "VALID")
                        for k in trust.keys {
                            let e = k.entry
                            var valid = [e.notBefore.map { "from \($0)" }, e.notAfter.map { "until \($0)" }].compactMap
                            { $0 }
                            .joined(separator: " ")
                            if let t = e.revokedAt { valid += (valid.isEmpty ? "" : "; ") + "REVOKED at \(t)" }
                            table.append(
                                "  " + e.role.rawValue, e.id, e.algorithm.rawValue, e.file, valid.isEmpty ? "-" : valid)
                        }
                        out += table.text
                    }
                    Console.out(out)
                }
            }
        }
    }
}
