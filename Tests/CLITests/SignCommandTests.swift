import Foundation
import ReserveCore
import TestSupport
import Testing

/// `sign` makes DSSE envelopes that `verify` accepts against a trust store built with `keys add`.
@Suite struct SignCommandTests {
    static let at = "2026-11-22T00:00:00Z"
    static let payload = "samples/payloads/kizuna-yen-2026-10.json"

    /// A workspace with the sample payloads and a fresh openssl P-256 key for kizuna-yen's issuer.
    func workspace() throws -> Workspace {
        let ws = try Workspace([.payloads])
        try ws.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "issuer.key")
        try ws.openssl("pkey", "-in", "issuer.key", "-pubout", "-out", "issuer.pub")
        let add = try ws.run(
            "keys", "add", "--keys", "store", "--issuer", "kizuna-yen", "--role", "issuer", "issuer.pub")
        try #require(add.status == 0, "\(add)")
        return ws
    }

    func sigTrusted(_ report: JSONValue) -> JSONValue? {
        report["attestations"]?[0]?["findings"]?.array?.first { $0["rule"]?.string == "SIG-TRUSTED" }
    }

    @Test func signedPayloadVerifiesAgainstTheNewTrustStore() throws {
        let ws = try workspace()

        let signed = try ws.run("sign", "--key", "issuer.key", Self.payload)
        try #require(signed.status == 0, "\(signed)")
        try ws.write(signed.stdout, to: "out/kizuna.dsse.json")
        let result = try ws.run(
            "verify", "out/kizuna.dsse.json", "--keys", "store", "--format", "json", "--at", Self.at)

        #expect([0, 1].contains(result.status), "\(result)")
        let report = try result.json()
        #expect(sigTrusted(report)?["status"]?.string == "pass", "\(result)")
        #expect(report["attestations"]?[0]?["envelope"]?.string == "dsse")
        #expect(report["attestations"]?[0]?["signatures"]?[0]?["algorithm"]?.string == "ecdsa-p256-sha256")
        // Exit status follows the rules alone once the signature is trusted.
        let eligible = report["attestations"]?[0]?["verdict"]?["group1b"]?.string == "eligible"
        #expect(result.status == (eligible ? 0 : 1))
    }

    @Test func cosignAddsASecondSignatureThatSatisfiesACustodianPolicy() throws {
        let ws = try workspace()
        try ws.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "custodian.key")
        try ws.openssl("pkey", "-in", "custodian.key", "-pubout", "-out", "custodian.pub")
        try #require(
            try ws.run(
                "keys", "add", "--keys", "store", "--issuer", "kizuna-yen", "--role", "custodian", "custodian.pub"
            ).status == 0)
        try #require(
            try ws.run("keys", "require", "--keys", "store", "--issuer", "kizuna-yen", "issuer", "custodian").status
                == 0)

        let first = try ws.run("sign", "--key", "issuer.key", Self.payload)
        try #require(first.status == 0, "\(first)")
        try ws.write(first.stdout, to: "issuer-only.dsse.json")
        let second = try ws.run("sign", "--key", "custodian.key", "--cosign", "issuer-only.dsse.json")
        try #require(second.status == 0, "\(second)")
        try ws.write(second.stdout, to: "out/both.dsse.json")

        let envelope = try JSONParser().parse(second.stdout)
        #expect(envelope["signatures"]?.array?.count == 2)
        #expect(envelope["payload"] == (try JSONParser().parse(first.stdout))["payload"])

        let issuerOnly = try ws.run(
            "verify", "issuer-only.dsse.json", "--keys", "store", "--format", "json", "--at", Self.at, "--no-record")
        #expect(sigTrusted(try issuerOnly.json())?["status"]?.string == "fail", "\(issuerOnly)")
        let both = try ws.run(
            "verify", "out/both.dsse.json", "--keys", "store", "--format", "json", "--at", Self.at, "--no-record")
        #expect(sigTrusted(try both.json())?["status"]?.string == "pass", "\(both)")
        #expect(
            try both.json()["attestations"]?[0]?["signatures"]?.array?.compactMap { $0["role"]?.string } == [
                "issuer", "custodian",
            ])
    }

    @Test func signRefusesAnInvalidPayloadAndPrintsNothingOnStdout() throws {
        let ws = try workspace()
        let valid = String(decoding: try ws.read(Self.payload), as: UTF8.self)
        try ws.write(valid.replacingOccurrences(of: #""sequence": 12"#, with: #""sequence": 0"#), to: "invalid.json")

        let result = try ws.run("sign", "--key", "issuer.key", "invalid.json")

        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(
            result.stderr == """
                invalid.json: 1 problem; not signed
                  E009 out-of-range: sequence: "0" is outside 1...2147483647

                """, "\(result)")
    }
}
