import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// A trust store that is inconsistent refuses to load, with a message naming the file at fault.
@Suite struct TrustStoreLoadingTests {
    let keys: TestKeys

    init() throws {
        keys = try TestKeys.load()
    }

    func loadError(_ issuer: IssuerSpec) -> VerifierError? {
        #expect(throws: VerifierError.self) { try Fixture.store([issuer]) }
    }

    @Test func consistentFolderLoads() throws {
        let store = try Fixture.store([
            IssuerSpec(
                name: "kizuna-yen",
                keys: [
                    TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519),
                    TrustedKeySpec(pair: keys.p384, algorithm: .ecdsaP384SHA384, role: .custodian),
                    TrustedKeySpec(pair: keys.rsa2048, algorithm: .rsaPKCS1SHA256, role: .auditor),
                ])
        ])

        let trust = try #require(store.issuers["kizuna-yen"])
        #expect(trust.keys.map(\.entry.id) == [keys.ed25519.id, keys.p384.id, keys.rsa2048.id])
        #expect(store.owners(of: keys.p384.id) == ["kizuna-yen"])
    }

    @Test func keyFileWhoseHashDiffersFromTheListedIdIsRefused() {
        let error = loadError(
            IssuerSpec(
                name: "kizuna-yen",
                keys: [
                    TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, listedID: keys.ed25519B.id)
                ]))

        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message
                == "kizuna-yen/ed25519.pem has key id \(keys.ed25519.id), but trust.json says \(keys.ed25519B.id)",
            "\(String(describing: error))")
    }

    @Test func algorithmThatDoesNotFitTheKeyTypeIsRefused() {
        let error = loadError(
            IssuerSpec(name: "kizuna-yen", keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ed25519)]))

        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message == "kizuna-yen/p256.pem is a EC P-256 key, which cannot sign ed25519",
            "\(String(describing: error))")
    }

    @Test(
        "an RSA-1024 key is refused for both RSA algorithms",
        arguments: [SignatureAlgorithm.rsaPSSSHA256, .rsaPKCS1SHA256])
    func rsa1024KeyIsRefused(algorithm: SignatureAlgorithm) {
        let error = loadError(
            IssuerSpec(name: "kizuna-yen", keys: [TrustedKeySpec(pair: keys.rsa1024, algorithm: algorithm)]))

        #expect(error?.code == .invalidKey)
        #expect(
            error?.message == "kizuna-yen/rsa1024.pem: RSA modulus is 1024 bits; the verifier needs at least 2048",
            "\(String(describing: error))")
    }

    @Test func folderNamedAfterAnotherIssuerIsRefused() {
        let error = loadError(
            IssuerSpec(
                name: "kizuna-yen", keys: [TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519)],
                trustIssuer: "harbor-usd"))

        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message
                == #"kizuna-yen/trust.json names issuer "harbor-usd"; a folder holds the keys of the issuer it is "#
                + #"named after"#,
            "\(String(describing: error))")
    }

    @Test func listedKeyFileMissingFromTheFolderIsRefused() {
        let error = loadError(
            IssuerSpec(
                name: "kizuna-yen", keys: [TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519)],
                includePEMFiles: false))

        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message == "kizuna-yen/trust.json lists ed25519.pem, which is not in the folder",
            "\(String(describing: error))")
    }

    @Test func privateKeyInAKeyFileIsRefused() {
        let folder = TrustStore.Folder(
            name: "kizuna-yen",
            trustJSON: TrustFile(
                issuer: "kizuna-yen",
                keys: [
                    TrustFile.KeyEntry(id: keys.ed25519.id, file: "issuer.pem", algorithm: .ed25519, role: .issuer)
                ]
            ).encoded(),
            pemFiles: ["issuer.pem": keys.ed25519.privatePEM])

        let error = #expect(throws: VerifierError.self) { try TrustStore.load([folder], provider: OpenSSLProvider()) }

        #expect(error?.code == .invalidKey)
        #expect(
            error?.message
                == "kizuna-yen/issuer.pem: public key file holds a private key: a trust store takes public keys only",
            "\(String(describing: error))")
    }

    @Test func trustFileWithAnUnknownFieldIsRefused() {
        var json = String(decoding: TrustFile(issuer: "kizuna-yen").encoded(), as: UTF8.self)
        json = json.replacingOccurrences(of: #""format""#, with: #""trustEveryone": true, "format""#)
        let folder = TrustStore.Folder(name: "kizuna-yen", trustJSON: Array(json.utf8), pemFiles: [:])

        let error = #expect(throws: VerifierError.self) { try TrustStore.load([folder], provider: OpenSSLProvider()) }

        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message
                == #"kizuna-yen/trust.json: trustEveryone: unknown field "trustEveryone" (the format defines: "#
                + #"format, issuer, keys, policy)"#,
            "\(String(describing: error))")
    }
}
