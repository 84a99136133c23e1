import Foundation
import ReserveCore
import TestSupport
import Testing

/// `keys add | require | revoke | list` on a trust store in a temporary folder.
@Suite struct KeysCommandTests {
    /// A fresh P-256 key pair made with openssl in `ws`: `name.key` (private) and `name.pub`.
    func makeKey(_ ws: Workspace, _ name: String, curve: String = "P-256") throws {
        try ws.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(curve)", "-out", "\(name).key")
        try ws.openssl("pkey", "-in", "\(name).key", "-pubout", "-out", "\(name).pub")
    }

    /// The key id as openssl computes it: SHA-256 of the DER SubjectPublicKeyInfo.
    func opensslKeyID(_ ws: Workspace, _ pub: String) throws -> String {
        try ws.openssl("pkey", "-pubin", "-in", pub, "-outform", "DER", "-out", "\(pub).der")
        let digest = String(decoding: try ws.openssl("dgst", "-sha256", "-r", "\(pub).der"), as: UTF8.self)
        return String(digest.prefix(64))
    }

    @Test func addPrintsTheKeyIdOpenSSLComputesAndCreatesTrustJSONRequiringIssuer() throws {
        let ws = try Workspace()
        try makeKey(ws, "issuer")

        let result = try ws.run(
            "keys", "add", "--keys", "store", "--issuer", "acme-usd", "--role", "issuer", "issuer.pub")

        #expect(result.status == 0, "\(result)")
        let printed = result.output.trimmingCharacters(in: .newlines)
        #expect(printed.count == 64 && printed.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(result)")
        #expect(printed == (try opensslKeyID(ws, "issuer.pub")))
        let trust = try #require(try? JSONParser().parse(ws.read("store/acme-usd/trust.json")))
        #expect(trust["issuer"]?.string == "acme-usd")
        #expect(trust["policy"]?["requiredRoles"]?.array?.compactMap(\.string) == ["issuer"])
        #expect(trust["keys"]?[0]?["id"]?.string == printed)
        #expect(trust["keys"]?[0]?["algorithm"]?.string == "ecdsa-p256-sha256")
        let file = try #require(trust["keys"]?[0]?["file"]?.string)
        #expect(ws.exists("store/acme-usd/\(file)"))
    }

    @Test func requireSetsTheRolesThatMustSign() throws {
        let ws = try Workspace()
        try makeKey(ws, "issuer")
        try #require(
            try ws.run("keys", "add", "--keys", "store", "--issuer", "acme-usd", "--role", "issuer", "issuer.pub")
                .status == 0)

        let result = try ws.run("keys", "require", "--keys", "store", "--issuer", "acme-usd", "issuer", "custodian")

        #expect(result.status == 0, "\(result)")
        let trust = try JSONParser().parse(ws.read("store/acme-usd/trust.json"))
        #expect(trust["policy"]?["requiredRoles"]?.array?.compactMap(\.string) == ["issuer", "custodian"])
        #expect(trust["policy"]?["minimumSignatures"]?.int == 2)
    }

    @Test func revokedKeyFailsAnAttestationIssuedAfterTheRevocation() throws {
        let ws = try Workspace([.attestations, .keys])
        // kizuna-yen's issuer key; the sample was issued at 2026-11-02T01:00:00Z.
        let issuerKey = "32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031"

        let revoke = try ws.run("keys", "revoke", "--issuer", "kizuna-yen", "--at", "2026-11-01T00:00:00Z", issuerKey)
        #expect(revoke.status == 0, "\(revoke)")

        let result = try ws.run("verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z")
        #expect(result.status == 1, "\(result)")
        let lines = result.output.components(separatedBy: "\n")
        #expect(
            lines.contains("  verdict: NOT ELIGIBLE: Group 2b under bcbs@2026-01-01; blocked by SIG-TRUSTED"),
            "\(result)")
        #expect(
            lines.contains(
                "  signature #0 issuer 32028d3bcb22…: revoked, key revoked at 2026-11-01T00:00:00Z; the signature is "
                    + "proven only from 2026-11-22T00:00:00Z (evaluation-time)"), "\(result)")
    }

    @Test func revocationAfterTheLedgerFirstSawTheEnvelopeLeavesTheAttestationValid() throws {
        let ws = try Workspace([.attestations, .keys])
        let issuerKey = "32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031"
        try #require(try ws.run("verify", "attestations/kizuna-yen", "--at", "2026-11-05T00:00:00Z").status == 0)
        try #require(
            try ws.run("keys", "revoke", "--issuer", "kizuna-yen", "--at", "2026-11-10T00:00:00Z", issuerKey).status
                == 0)

        let result = try ws.run("verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z")

        #expect(result.status == 0, "\(result)")
    }

    /// Regression (issue 10, class 3): the signed issuedAt (Nov 2) precedes the revocation (Nov 10),
    /// but nothing proves the signature existed before Nov 22: a stolen key backdates freely.
    @Test func revocationBeforeTheEvaluationFailsWhenNothingEarlierIsProven() throws {
        let ws = try Workspace([.attestations, .keys])
        let issuerKey = "32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031"
        try #require(
            try ws.run("keys", "revoke", "--issuer", "kizuna-yen", "--at", "2026-11-10T00:00:00Z", issuerKey).status
                == 0)

        for extra in [[], ["--no-record"]] {
            let result = try ws.run(
                arguments: ["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z"] + extra)
            #expect(result.status == 1, "\(result)")
            #expect(
                result.output.components(separatedBy: "\n").contains(
                    "  signature #0 issuer 32028d3bcb22…: revoked, key revoked at 2026-11-10T00:00:00Z; the signature "
                        + "is proven only from 2026-11-22T00:00:00Z (evaluation-time)"), "\(result)")
        }
    }

    @Test func listAsJSONGivesEveryKeyWithItsFingerprint() throws {
        let ws = try Workspace([.keys])

        let result = try ws.run("keys", "list", "--format", "json")

        #expect(result.status == 0, "\(result)")
        let issuers = try #require(try result.json()["issuers"]?.array)
        #expect(
            issuers.compactMap { $0["issuer"]?.string } == ["harbor-usd", "kizuna-yen", "sakura-pay", "tideline-usd"])
        let keys = issuers.flatMap { $0["keys"]?.array ?? [] }
        #expect(keys.count == 5)
        // One spelling of a key id: 64 lowercase hex (the short form in messages is its first 12 and "…").
        for key in keys {
            let id = try #require(key["id"]?.string)
            #expect(id.count == 64 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(key["fingerprint"] == nil)
        }
        let kizuna = issuers.first { $0["issuer"]?.string == "kizuna-yen" }
        #expect(
            kizuna?["keys"]?.array?.compactMap { $0["id"]?.string }
                == [
                    "32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031",
                    "d0fd6f405977a45a867e7116a7d5781fa105cf6da14152d7a68955e445b76a74",
                ])
    }

    @Test func addRefusesAPrivateKeyFileWithE030() throws {
        let ws = try Workspace()
        try makeKey(ws, "issuer")

        let result = try ws.run(
            "keys", "add", "--keys", "store", "--issuer", "acme-usd", "--role", "issuer", "issuer.key")

        #expect(result.status == 2, "\(result)")
        #expect(
            result.reportedError
                == ReportedError(
                    code: "E030", name: "invalid-key",
                    message: "issuer.key: public key file holds a private key: a trust store takes public keys only"),
            "\(result)")
        #expect(!ws.exists("store/acme-usd/trust.json"))
    }

    /// Issue 10, class 4: the compressed form of a listed EC key has the listed key's id, so it
    /// cannot be added again under another role to pass for a second signer.
    @Test func addRefusesTheCompressedFormOfAListedKeyUnderAnotherRole() throws {
        let ws = try Workspace()
        try makeKey(ws, "issuer")
        try ws.openssl(
            "pkey", "-pubin", "-in", "issuer.pub", "-ec_conv_form", "compressed", "-pubout",
            "-out", "twin.pub")
        let add = ["keys", "add", "--keys", "store", "--issuer", "acme-usd", "--role"]
        let first = try ws.run(arguments: add + ["issuer", "issuer.pub"])
        try #require(first.status == 0, "\(first)")
        let before = try ws.read("store/acme-usd/trust.json")

        let result = try ws.run(arguments: add + ["custodian", "twin.pub"])

        #expect(result.status == 2, "\(result)")
        let signerTwice = try Regex(
            #"key [0-9a-f]{64} is already in store/acme-usd as issuer-[0-9a-f]{16}\.pem \(role issuer\); "#
                + "one key is one signer: a second role needs a second key")
        #expect(result.reportedError?.code == "E031" && result.reportedError?.name == "invalid-trust-store")
        #expect(result.reportedError?.message.wholeMatch(of: signerTwice) != nil, "\(result)")
        #expect(try ws.read("store/acme-usd/trust.json") == before, "trust.json must not change")
    }

    /// Issue 10, class 5: a degenerate key is refused with E030 and the reason.
    @Test func addRefusesAnRSAKeyWithExponent3() throws {
        let ws = try Workspace()
        try ws.openssl(
            "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
            "-pkeyopt", "rsa_keygen_pubexp:3", "-out", "e3.key")
        try ws.openssl("pkey", "-in", "e3.key", "-pubout", "-out", "e3.pub")

        let result = try ws.run("keys", "add", "--keys", "store", "--issuer", "acme-usd", "--role", "issuer", "e3.pub")

        #expect(result.status == 2, "\(result)")
        #expect(
            result.reportedError
                == ReportedError(
                    code: "E030", name: "invalid-key",
                    message:
                        "e3.pub: RSA public exponent is 3; only 65537 is accepted (e = 1 makes any signature verify; "
                        + "small or even exponents are unsafe)"
                ), "\(result)")
        #expect(!ws.exists("store/acme-usd/trust.json"))
    }

    @Test(
        "an issuer id that could leave the store folder is a usage error",
        arguments: ["../evil", "acme/../../evil", "..", "Acme"])
    func addRefusesAnIssuerIdThatIsNotAPlainName(issuer: String) throws {
        let ws = try Workspace()
        try makeKey(ws, "issuer")

        let result = try ws.run("keys", "add", "--keys", "store", "--issuer", issuer, "--role", "issuer", "issuer.pub")

        #expect(result.status == 64, "\(result)")
        #expect(!ws.exists("store"), "nothing may be written")
        #expect(!ws.exists("evil"), "nothing may be written")
    }
}
