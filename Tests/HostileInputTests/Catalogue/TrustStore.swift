import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import TestSupport

/// The shipped Sakura Pay trust folder, copied into `scratch/keys/sakura-pay`, with `edit` applied
/// to its trust.json text and `files` written beside it; then the whole store is loaded.
func loadSakuraStore(
    _ scratch: TemporaryDirectory, trust edit: (String) throws -> String = { $0 },
    files: [String: [UInt8]] = [:]
) throws -> Outcome {
    let source = packageRoot.appendingPathComponent("keys/sakura-pay")
    let trust = try String(contentsOf: source.appendingPathComponent("trust.json"), encoding: .utf8)
    let edited = Array(try edit(trust).utf8)
    SeedExport.record(edited, target: "envelope")  // fuzz-envelope also decodes trust.json
    try scratch.write(edited, to: "keys/sakura-pay/trust.json")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".pem") {
        try scratch.write(
            [UInt8](try Data(contentsOf: source.appendingPathComponent(name))), to: "keys/sakura-pay/\(name)")
    }
    for (name, bytes) in files { try scratch.write(bytes, to: "keys/sakura-pay/\(name)") }
    return Outcome.of { () throws(VerifierError) in
        let store = try TrustStoreLoader.load(scratch.path("keys"))
        return .accepted("issuers: \(store.issuers.keys.sorted())")
    }
}

/// The Sakura issuer key file's name and its PEM.
func sakuraKeyFile() throws -> (name: String, pem: [UInt8]) {
    let folder = packageRoot.appendingPathComponent("keys/sakura-pay")
    guard
        let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: {
            $0.hasSuffix(".pem")
        })
    else {
        throw TestFailure("keys/sakura-pay has no .pem")
    }
    return (name, [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
}

func samplePrivateKeyPEM(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY/\(name).pem")))
}

/// `keys add` into `scratch/keys` with `pem` as the key file; checks that a refused key leaves
/// nothing behind (no folder, no trust.json, no copied PEM).
func keysAdd(_ scratch: TemporaryDirectory, issuer: String = "acme", pem: [UInt8]) throws -> Outcome {
    let file = try scratch.write(pem, to: "candidate.pem")
    let outcome = try CLI.run(
        ["keys", "add", "--keys", scratch.path("keys"), "--issuer", issuer, "--role", "issuer", file], in: scratch.url)
    if case .process(let status, _, _) = outcome, status != 0 {
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: scratch.path("keys"))) ?? []
        if !written.isEmpty { throw TestFailure("a refused key left files behind: \(written)") }
    }
    return outcome
}

extension HostileCatalogue {
    static let trustStore: [HostileCase] = [
        // MARK: Key files
        HostileCase(
            "trust-private-key", .trustStore, "the issuer's key file holds its private key",
            expect: .error(.invalidKey),
            mentions: ["sakura-pay/", "private key"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            return try loadSakuraStore(scratch, files: [name: try samplePrivateKeyPEM("sakura-issuer")])
        },
        HostileCase(
            "trust-certificate", .trustStore, "the issuer's key file holds an X.509 certificate of the key",
            expect: .error(.invalidKey),
            mentions: ["sakura-pay/", "holds a certificate"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            try scratch.write(try samplePrivateKeyPEM("sakura-issuer"), to: "private.pem")
            try OpenSSLTool.locate().check(
                [
                    "req", "-new", "-x509", "-key", "private.pem", "-subj", "/CN=sakura-pay", "-days", "1", "-out",
                    "cert.pem",
                ], in: scratch.url)
            return try loadSakuraStore(scratch, files: [name: try scratch.read("cert.pem")])
        },
        HostileCase(
            "trust-two-keys", .trustStore, "the issuer's key file holds two public keys", expect: .error(.invalidKey),
            mentions: ["sakura-pay/", "2 PEM blocks"]
        ) { _, scratch in
            let (name, pem) = try sakuraKeyFile()
            let other = [UInt8](
                try Data(
                    contentsOf: packageRoot.appendingPathComponent("keys/harbor-usd").appendingPathComponent(
                        try FileManager.default.contentsOfDirectory(
                            atPath: packageRoot.appendingPathComponent("keys/harbor-usd").path
                        ).first { $0.hasSuffix(".pem") }!)))
            return try loadSakuraStore(scratch, files: [name: pem + other])
        },
        HostileCase(
            "trust-pkcs1-rsa", .trustStore, "an RSA key as a PKCS#1 'RSA PUBLIC KEY' block",
            expect: .error(.invalidKey),
            mentions: ["RSA PUBLIC KEY"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            try scratch.write(try samplePrivateKeyPEM("harbor-issuer"), to: "harbor.pem")
            try OpenSSLTool.locate().check(
                ["rsa", "-in", "harbor.pem", "-RSAPublicKey_out", "-out", "pkcs1.pem"], in: scratch.url)
            return try loadSakuraStore(scratch, files: [name: try scratch.read("pkcs1.pem")])
        },
        HostileCase(
            "trust-key-then-garbage", .trustStore, "a public key followed by a line of text",
            expect: .error(.invalidKey),
            mentions: ["text outside its PEM block"]
        ) { _, scratch in
            let (name, pem) = try sakuraKeyFile()
            return try loadSakuraStore(scratch, files: [name: pem + Array("ssh-ed25519 AAAA attacker\n".utf8)])
        },
        HostileCase(
            "trust-empty-key-file", .trustStore, "a 0-byte key file", expect: .error(.invalidKey),
            mentions: ["sakura-pay/", "empty"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            return try loadSakuraStore(scratch, files: [name: []])
        },
        HostileCase(
            "trust-huge-key-file", .trustStore, "a 1 MiB key file", expect: .error(.inputTooLarge),
            mentions: ["sakura-pay/", "over the limit of 65536"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            return try loadSakuraStore(scratch, files: [name: [UInt8](repeating: 0x41, count: 1 << 20)])
        },
        HostileCase(
            "trust-key-base64-garbled", .trustStore, "a PUBLIC KEY block whose base64 is garbled",
            expect: .error(.invalidKey),
            mentions: ["public key"]
        ) { _, scratch in
            let (name, pem) = try sakuraKeyFile()
            var text = String(decoding: pem, as: UTF8.self)
            text = text.replacingOccurrences(of: "\n", with: "\n!!", options: [], range: text.range(of: "KEY-----\n"))
            return try loadSakuraStore(scratch, files: [name: Array(text.utf8)])
        },

        // MARK: trust.json
        HostileCase(
            "trust-issuer-dotdot", .trustStore, "trust.json naming issuer \"../kizuna-yen\"",
            expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json", "is not an issuer id"]
        ) { _, scratch in
            try loadSakuraStore(
                scratch, trust: { try replacing($0, "\"issuer\": \"sakura-pay\"", "\"issuer\": \"../kizuna-yen\"") })
        },
        HostileCase(
            "trust-file-dotdot", .trustStore, "trust.json pointing a key at \"../../kizuna-yen/issuer.pem\"",
            expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json", "keys[0].file", "not a key file name"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            return try loadSakuraStore(
                scratch, trust: { try replacing($0, "\"\(name)\"", "\"../../kizuna-yen/issuer.pem\"") })
        },
        HostileCase(
            "trust-folder-issuer-mismatch", .trustStore, "keys/sakura-pay/trust.json naming issuer kizuna-yen",
            expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json names issuer \"kizuna-yen\""]
        ) { _, scratch in
            try loadSakuraStore(
                scratch, trust: { try replacing($0, "\"issuer\": \"sakura-pay\"", "\"issuer\": \"kizuna-yen\"") })
        },
        HostileCase(
            "trust-key-id-mismatch", .trustStore, "trust.json listing another key id for the key file",
            expect: .error(.invalidTrustStore),
            mentions: ["has key id", "but trust.json says"]
        ) { _, scratch in
            try loadSakuraStore(scratch, trust: { try replacing($0, "\"id\": \"f1a7", "\"id\": \"e1a7") })
        },
        HostileCase(
            "trust-duplicate-key", .trustStore, "trust.json with issuer given twice",
            expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json", "duplicate key \"issuer\""]
        ) { _, scratch in
            try loadSakuraStore(
                scratch,
                trust: {
                    try replacing(
                        $0, "\"issuer\": \"sakura-pay\",", "\"issuer\": \"sakura-pay\", \"issuer\": \"harbor-usd\",")
                })
        },
        HostileCase(
            "trust-duplicate-key-in-policy", .trustStore, "trust.json with policy.minimumSignatures given twice",
            expect: .error(.invalidTrustStore),
            mentions: ["duplicate key \"minimumSignatures\" at policy.minimumSignatures"]
        ) { _, scratch in
            try loadSakuraStore(
                scratch,
                trust: {
                    try replacing(
                        $0, "\"minimumSignatures\": 1,", "\"minimumSignatures\": 1, \"minimumSignatures\": 0,")
                })
        },
        HostileCase(
            "trust-bom", .trustStore, "trust.json starting with a byte order mark", expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json", "byte order mark"]
        ) { _, scratch in
            try loadSakuraStore(scratch, trust: { "\u{FEFF}" + $0 })
        },
        HostileCase(
            "trust-missing-key-file", .trustStore, "trust.json listing a key file that is not there",
            expect: .error(.invalidTrustStore),
            mentions: ["lists issuer-0000.pem, which is not in the folder"]
        ) { _, scratch in
            let (name, _) = try sakuraKeyFile()
            return try loadSakuraStore(scratch, trust: { try replacing($0, "\"\(name)\"", "\"issuer-0000.pem\"") })
        },
        HostileCase(
            "trust-empty-trust-json", .trustStore, "a 0-byte trust.json", expect: .error(.invalidTrustStore),
            mentions: ["sakura-pay/trust.json", "empty"]
        ) { _, scratch in
            try loadSakuraStore(scratch, trust: { _ in "" })
        },
        HostileCase(
            "trust-no-trust-json", .trustStore, "an issuer folder without trust.json",
            expect: .error(.invalidTrustStore),
            mentions: ["has no trust.json"]
        ) { _, scratch in
            try scratch.write(Array("x".utf8), to: "keys/lonely/issuer.pem")
            return Outcome.of { () throws(VerifierError) in
                .accepted("\(try TrustStoreLoader.load(scratch.path("keys")).issuers.count)")
            }
        },
        HostileCase(
            "trust-freshness-10000-digits", .trustStore, "policy.freshnessDays of 10,000 digits",
            expect: .error(.invalidTrustStore),
            mentions: ["policy.freshnessDays", "is outside"]
        ) { _, scratch in
            try loadSakuraStore(
                scratch, trust: { try replacing($0, "\"freshnessDays\": 35", "\"freshnessDays\": \(digits(10_000))") })
        },
        HostileCase(
            "trust-algorithm-mismatch", .trustStore, "a P-256 key listed as ed25519",
            expect: .error(.invalidTrustStore),
            mentions: ["is a EC P-256 key, which cannot sign ed25519"]
        ) { _, scratch in
            try loadSakuraStore(scratch, trust: { try replacing($0, "\"ecdsa-p256-sha256\"", "\"ed25519\"") })
        },
        HostileCase(
            "trust-keys-is-a-file", .trustStore, "--keys naming a file", expect: .error(.invalidTrustStore),
            mentions: ["is not a folder"]
        ) { _, scratch in
            let file = try scratch.write(Array("{}".utf8), to: "keys")
            return Outcome.of { () throws(VerifierError) in
                .accepted("\(try TrustStoreLoader.load(file).issuers.count)")
            }
        },
        HostileCase(
            "trust-symlink-loop-in-keys", .trustStore, "a symbolic link loop inside keys/: skipped, the rest loads",
            expect: .accepted,
            mentions: ["sakura-pay"]
        ) { _, scratch in
            try FileManager.default.createDirectory(atPath: scratch.path("keys"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: scratch.path("keys/loop"), withDestinationPath: "loop")
            return try loadSakuraStore(scratch)
        },

        // MARK: keys add
        HostileCase(
            "trust-add-private-key", .trustStore, "keys add given a private key: refused, nothing written",
            expect: .exit(2, .invalidKey),
            mentions: ["candidate.pem: ", "private key"]
        ) { _, scratch in
            try keysAdd(scratch, pem: try samplePrivateKeyPEM("sakura-issuer"))
        },
        HostileCase(
            "trust-add-certificate", .trustStore, "keys add given a certificate: refused, nothing written",
            expect: .exit(2, .invalidKey),
            mentions: ["candidate.pem: ", "holds a certificate"]
        ) { _, scratch in
            try scratch.write(try samplePrivateKeyPEM("sakura-issuer"), to: "private.pem")
            try OpenSSLTool.locate().check(
                ["req", "-new", "-x509", "-key", "private.pem", "-subj", "/CN=acme", "-days", "1", "-out", "cert.pem"],
                in: scratch.url)
            return try keysAdd(scratch, pem: try scratch.read("cert.pem"))
        },
        HostileCase(
            "trust-add-two-keys", .trustStore, "keys add given a file with two public keys: refused, nothing written",
            expect: .exit(2, .invalidKey), mentions: ["candidate.pem: ", "2 PEM blocks"]
        ) { _, scratch in
            let (_, pem) = try sakuraKeyFile()
            return try keysAdd(scratch, pem: pem + pem)
        },
        HostileCase(
            "trust-add-issuer-dotdot", .trustStore,
            "keys add --issuer ../escape: a usage error, no folder outside keys/",
            expect: .exit(64, nil), mentions: ["not an issuer id"]
        ) { _, scratch in
            let (_, pem) = try sakuraKeyFile()
            let outcome = try keysAdd(scratch, issuer: "../escape", pem: pem)
            if scratch.exists("escape") { throw TestFailure("keys add created a folder outside keys/") }
            return outcome
        },
    ]
}
