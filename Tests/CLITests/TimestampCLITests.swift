import Foundation
import ReserveCore
import TestSupport
import Testing

/// `verify` with RFC 3161 tokens: `X.tsr` beside the envelope and `keys/_tsa/` in the store.
@Suite struct TimestampCLITests {
    static let envelope = "attestations/sakura-pay/sakura-pay-2026-10.dsse.json"
    static let at = "2026-11-22T00:00:00Z"

    /// Writes `keys/_tsa/` trusting `tsa`; the listed SHA-256 is computed by openssl.
    func trust(_ tsa: TestTSA, in ws: Workspace, sha256 override: String? = nil) throws {
        try ws.write(tsa.certificatePEM, to: "keys/_tsa/test-tsa.pem")
        try ws.openssl("x509", "-in", "keys/_tsa/test-tsa.pem", "-outform", "DER", "-out", "tsa.der")
        let output = try ws.openssl("dgst", "-sha256", "-r", "tsa.der")
        let digest = String(String(decoding: output, as: UTF8.self).prefix(64))
        try ws.write(
            #"{"format": "reserve-tsa/1", "authorities": [{"name": "test-tsa", "file": "test-tsa.pem", "#
                + #""sha256": "\#(override ?? digest)"}]}"#, to: "keys/_tsa/tsa.json")
    }

    @Test func validTokenBesideTheEnvelopeVerifiesAsBefore() throws {
        let ws = try Workspace([.attestations, .keys])
        let before = try ws.run("verify", Self.envelope, "--at", Self.at, "--no-record")
        let tsa = try TestTSA.make(name: "test-tsa")
        try trust(tsa, in: ws)
        let signatures = try EnvelopeReader().open(try ws.read(Self.envelope)).timestampedBytes
        try ws.write(try tsa.token(over: signatures), to: Self.envelope + ".tsr")

        let result = try ws.run("verify", Self.envelope, "--at", Self.at, "--no-record")

        // Sakura Pay is not eligible (exit 1); the token changes nothing the report shows yet.
        #expect(before.status == 1, "\(before)")
        #expect(result.status == before.status, "\(result)")
        #expect(result.output == before.output, "\(result)")
        #expect(!result.output.contains(".tsr"), "the token is not an input of its own: \(result)")
    }

    @Test func emptyTsrBesideTheEnvelopeIsAnErrorForThatInput() throws {
        let ws = try Workspace([.attestations, .keys])
        try ws.write([], to: Self.envelope + ".tsr")

        let result = try ws.run("verify", Self.envelope, "--at", Self.at, "--no-record")

        #expect(result.status == 2, "\(result)")
        #expect(
            result.stderr
                == "attestations/sakura-pay/sakura-pay-2026-10.dsse.json: error E020 malformed-envelope: "
                + "the .tsr timestamp file is empty\n", "\(result)")
    }

    @Test func tsaListWhoseDigestDoesNotMatchStopsTheRunWithE031() throws {
        let ws = try Workspace([.attestations, .keys])
        try trust(try TestTSA.make(name: "test-tsa"), in: ws, sha256: String(repeating: "0", count: 64))

        let result = try ws.run("verify", Self.envelope, "--at", Self.at, "--no-record")

        #expect(result.status == 2, "\(result)")
        #expect(result.reportedError?.code == "E031" && result.reportedError?.name == "invalid-trust-store")
        let mismatch = try Regex(
            "_tsa/test-tsa.pem has SHA-256 [0-9a-f]{64}, but tsa.json says " + String(repeating: "0", count: 64))
        #expect(result.reportedError?.message.wholeMatch(of: mismatch) != nil, "\(result)")
    }
}
