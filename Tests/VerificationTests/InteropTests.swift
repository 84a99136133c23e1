import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Envelopes made by real clients (the openssl command-line tool, JOSE by hand) verify.
@Suite struct InteropTests {
    enum Form: String, CaseIterable, Sendable, CustomStringConvertible {
        case dsse = "DSSE"
        case jws = "JWS compact"
        case detachedBinary = "detached .sig (raw/DER bytes)"
        case detachedBase64 = "detached .sig (base64 text)"
        var description: String { rawValue }
    }

    @Test(
        "an envelope signed by the openssl tool verifies with SIG-TRUSTED pass", arguments: Algorithm.allCases,
        Form.allCases)
    func opensslSignedEnvelopeVerifies(algorithm: Algorithm, form: Form) throws {
        let keys = try TestKeys.load()
        let key = algorithm.key(in: keys)
        let payload = try SamplePayload.kizunaYen()
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: key, algorithm: algorithm.signatureAlgorithm)])
        ])

        let verified: VerifiedAttestation
        let expectedKind: EnvelopeKind
        switch form {
        case .dsse:
            verified = try verifier.verify(try Fixture.dsse(payload, signedBy: key, algorithm), at: Fixture.signedAt)
            expectedKind = .dsse
        case .jws:
            verified = try verifier.verify(
                try JWS.signed(payload: payload, key: key, algorithm: algorithm), at: Fixture.signedAt)
            expectedKind = .jws
        case .detachedBinary:
            let signature = try OpenSSLSigner.sign(payload, with: key, algorithm: algorithm)
            verified = try verifier.verify(payload, detachedSignature: signature, at: Fixture.signedAt)
            expectedKind = .detached
        case .detachedBase64:
            let signature = try OpenSSLSigner.base64Text(
                try OpenSSLSigner.sign(payload, with: key, algorithm: algorithm))
            verified = try verifier.verify(payload, detachedSignature: signature, at: Fixture.signedAt)
            expectedKind = .detached
        }

        #expect(verified.envelope == expectedKind)
        #expect(verified.signatureFinding.rule == .sigTrusted)
        #expect(verified.signatureFinding.status == .pass, "\(verified.signatureFinding.message)")
        #expect(verified.statuses == [.valid], "\(verified.signatures.map(\.reason))")
        #expect(verified.signatures.first?.keyID == key.id)
        #expect(verified.signatures.first?.algorithm == algorithm.signatureAlgorithm)
        #expect(verified.attestation.issuer.id == SamplePayload.issuer)
    }

    @Test(
        "a JWS whose ECDSA signature is left in DER (not r || s) does not verify", arguments: [Algorithm.p256, .p384])
    func jwsWithDEREncodedECDSASignatureIsInvalid(algorithm: Algorithm) throws {
        let keys = try TestKeys.load()
        let key = algorithm.key(in: keys)
        let payload = try SamplePayload.kizunaYen()
        let header = #"{"alg":"\#(algorithm.jose)","kid":"\#(key.id)"}"#
        let der = try OpenSSLSigner.sign(
            JWS.signingInput(header: header, payload: payload), with: key, algorithm: algorithm)
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: key, algorithm: algorithm.signatureAlgorithm)])
        ])

        let verified = try verifier.verify(
            JWS.compact(header: header, payload: payload, signature: der), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }
}
