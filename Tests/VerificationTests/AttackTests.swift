import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Envelopes an attacker (or a careless issuer) could produce: each must fail `SIG-TRUSTED` with
/// the right per-signature status, and the legitimate variants next to them must pass.
@Suite struct AttackTests {
    let keys: TestKeys
    let payload: [UInt8]

    init() throws {
        keys = try TestKeys.load()
        payload = try SamplePayload.kizunaYen()
    }

    /// kizuna-yen with one Ed25519 issuer key, policy: issuer alone.
    func issuerOnly(_ key: TrustedKeySpec? = nil, policy: TrustFile.Policy = TrustFile.Policy()) -> IssuerSpec {
        IssuerSpec(
            name: SamplePayload.issuer, policy: policy,
            keys: [key ?? TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519)])
    }

    // MARK: Tampering

    enum TamperForm: String, CaseIterable, Sendable, CustomStringConvertible {
        case dsse, jws, detached
        var description: String { rawValue }
    }

    @Test("a payload with one byte changed after signing fails as invalid", arguments: TamperForm.allCases)
    func payloadChangedAfterSigningIsInvalid(form: TamperForm) throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        ])
        // "20100000000" -> "20900000000": one byte, and the payload still decodes.
        let altered = try SamplePayload.replacing(
            #""value": "20100000000""#, with: #""value": "20900000000""#, in: payload)
        #expect(zip(payload, altered).filter { $0 != $1 }.count == 1)

        let verified: VerifiedAttestation
        switch form {
        case .dsse:
            let signed = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
            let original = try EnvelopeWriter.openDSSE(signed)
            verified = try verifier.verify(
                EnvelopeWriter.dsse(payload: altered, signatures: original.signatures), at: Fixture.signedAt)
        case .jws:
            let jws = String(
                decoding: try JWS.signed(payload: payload, key: keys.p256, algorithm: .p256), as: UTF8.self)
            let parts = jws.trimmingCharacters(in: .newlines).split(separator: ".", omittingEmptySubsequences: false)
            let forged = "\(parts[0]).\(JWS.b64url(altered)).\(parts[2])"
            verified = try verifier.verify(Array(forged.utf8), at: Fixture.signedAt)
        case .detached:
            let signature = try OpenSSLSigner.sign(payload, with: keys.p256, algorithm: .p256)
            verified = try verifier.verify(altered, detachedSignature: signature, at: Fixture.signedAt)
        }

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid], "\(verified.signatures.map(\.reason))")
    }

    @Test func payloadTypeChangedAfterSigningIsRejectedAsUnsupported() throws {
        let verifier = try Fixture.verifier([issuerOnly()])
        let signed = try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519)
        let original = try EnvelopeWriter.openDSSE(signed)
        let forged = EnvelopeWriter.dsse(
            payload: payload, signatures: original.signatures, payloadType: "application/json")

        let error = #expect(throws: VerifierError.self) { try verifier.verify(forged, at: Fixture.signedAt) }

        #expect(error?.code == .unsupportedPayloadType)
        #expect(error?.code.rawValue == "E021")
    }

    @Test func signatureOverAnotherPayloadTypeDoesNotVerifyUnderTheAttestationType() throws {
        // The PAE binds the type: a signature made for "application/json" is not one for ours.
        let verifier = try Fixture.verifier([issuerOnly()])
        let otherType = try Fixture.dsse(
            payload, signers: [(keys.ed25519, .ed25519, keyID: nil)], payloadType: "application/json")
        let signatures = try #require(try? JSONParser().parse(otherType)).signatureList
        let forged = EnvelopeWriter.dsse(payload: payload, signatures: signatures)

        let verified = try verifier.verify(forged, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }

    // MARK: Keys that are not the issuer's

    @Test func signatureByAnotherIssuersKeyIsUnknownKeyNamingThatIssuer() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(),
            IssuerSpec(name: "harbor-usd", keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)]),
        ])
        let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.unknownKey])
        let reason = try #require(verified.signatures.first?.reason)
        #expect(reason == "key \(keys.p256.id.prefix(12))… belongs to issuer harbor-usd, not kizuna-yen", "\(reason)")
    }

    @Test func issuerAbsentFromTheTrustStoreFails() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(name: "harbor-usd", keys: [TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519)])
        ])
        let envelope = try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519)

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.unknownKey])
        #expect(
            verified.signatureFinding.message
                == "no trusted keys for issuer kizuna-yen: add its keys with `reserve-verifier keys add`")
    }

    @Test func keyInARoleTheIssuerPolicyDoesNotAcceptIsWrongRole() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, policy: TrustFile.Policy(requiredRoles: [.issuer]),
                keys: [
                    TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, role: .issuer),
                    TrustedKeySpec(pair: keys.p384, algorithm: .ecdsaP384SHA384, role: .auditor),
                ])
        ])
        let envelope = try Fixture.dsse(payload, signedBy: keys.p384, .p384)

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.wrongRole])
        #expect(verified.signatures.first?.role == .auditor)
    }

    // MARK: Validity windows and revocation, judged at the proven signing time (never issuedAt)

    @Test(
        "a key revoked at or before the proven signing time fails as revoked",
        arguments: ["2026-11-01T00:00:00Z", "2026-11-02T01:00:00Z"])
    func keyRevokedAtOrBeforeTheProvenTimeIsRevoked(revokedAt: String) throws {
        let verifier = try Fixture.verifier([
            issuerOnly(TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, revokedAt: Fixture.time(revokedAt)))
        ])

        let verified = try verifier.verify(
            try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.revoked])
        #expect(verified.signingTime == SigningTimeProof(time: Fixture.signedAt, source: .evaluation))
    }

    /// Regression (issue 10, class 3): whoever holds a stolen key writes an issuedAt before its
    /// revocation. The signer's date proves nothing: with no earlier proof, the key is judged at
    /// the evaluation time, and fails.
    @Test func backdatingPastTheRevocationDoesNotHelpAStolenKey() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(
                TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, revokedAt: Fixture.time("2026-11-01T00:00:00Z"))
            )
        ])
        var backdated = try SamplePayload.replacing(
            #""issuedAt": "2026-11-02T01:00:00Z""#, with: #""issuedAt": "2026-10-31T20:00:00Z""#, in: payload)
        backdated = try SamplePayload.replacing(
            #""lastPublished": "2026-11-02T01:00:00Z""#, with: #""lastPublished": "2026-10-31T20:00:00Z""#,
            in: backdated)
        let envelope = try Fixture.dsse(backdated, signedBy: keys.ed25519, .ed25519)

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.attestation.issuedAt == Fixture.time("2026-10-31T20:00:00Z"))
        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.revoked])
        #expect(
            (verified.signatureFinding.evidence as? SignatureTrustEvidence)?.keysJudgedAtSource == "evaluation-time")
    }

    @Test func anEnvelopeTheLedgerSawBeforeTheRevocationStillPasses() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(
                TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, revokedAt: Fixture.time("2026-11-10T00:00:00Z"))
            )
        ])
        let envelope = try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519)

        let verified = try verifier.verify(
            envelope, at: Fixture.time("2026-11-20T00:00:00Z"), firstSeen: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .pass, "\(verified.signatures.map(\.reason))")
        #expect(verified.signingTime == SigningTimeProof(time: Fixture.signedAt, source: .ledger))
    }

    @Test func theEarliestProofWins() {
        let t1 = Fixture.time("2026-11-01T00:00:00Z")
        let t2 = Fixture.time("2026-11-05T00:00:00Z")
        let now = Fixture.time("2026-11-20T00:00:00Z")
        #expect(
            SigningTimeProof.earliest(timestamp: t2, firstSeen: t1, evaluation: now)
                == SigningTimeProof(time: t1, source: .ledger))
        #expect(
            SigningTimeProof.earliest(timestamp: t1, firstSeen: t2, evaluation: now)
                == SigningTimeProof(time: t1, source: .timestamp))
        #expect(
            SigningTimeProof.earliest(timestamp: nil, firstSeen: nil, evaluation: now)
                == SigningTimeProof(time: now, source: .evaluation))
        // A proof "from the future" never moves the judgement past the evaluation time.
        let later = Fixture.time("2027-01-01T00:00:00Z")
        #expect(SigningTimeProof.earliest(timestamp: later, firstSeen: later, evaluation: now).time == now)
    }

    @Test func keyWhoseNotAfterPrecedesTheProvenTimeIsExpired() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(
                TrustedKeySpec(
                    pair: keys.ed25519, algorithm: .ed25519, notBefore: Fixture.time("2025-01-01T00:00:00Z"),
                    notAfter: Fixture.time("2026-11-02T00:59:59Z")))
        ])

        let verified = try verifier.verify(
            try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.expired])
    }

    @Test func keyWhoseNotBeforeFollowsTheProvenTimeIsNotYetValid() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(
                TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, notBefore: Fixture.time("2026-11-02T01:00:01Z"))
            )
        ])

        let verified = try verifier.verify(
            try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.notYetValid])
    }

    /// Red team, round 2 (2026-12-02): the proven signing time is only an upper bound of when a
    /// signature was made, so a key whose window opens after the attestation's own `issuedAt`
    /// signed (by its own account) before it could speak for the issuer. Listed from Nov 10, the
    /// key signed an attestation issued on Nov 2; verified on Nov 20 it was valid.
    @Test func aKeyWhoseWindowOpensAfterTheAttestationsIssuedAtIsNotYetValid() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(
                TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, notBefore: Fixture.time("2026-11-10T00:00:00Z"))
            )
        ])

        let verified = try verifier.verify(
            try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519), at: Fixture.time("2026-11-20T00:00:00Z"))

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.notYetValid])
        #expect(verified.signatures.first?.reason.contains("issued at 2026-11-02T01:00:00Z") == true)
    }

    @Test func keyValidExactlyAtItsWindowEdgesPasses() throws {
        let at = Fixture.signedAt
        let verifier = try Fixture.verifier([
            issuerOnly(TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, notBefore: at, notAfter: at))
        ])

        let verified = try verifier.verify(try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519), at: at)

        #expect(verified.signatureFinding.status == .pass)
        #expect(verified.statuses == [.valid])
    }

    // MARK: Cost bounded by the policy (issue 11, class 5)

    @Test func signaturesAfterThePolicyIsSatisfiedAreNotChecked() throws {
        let verifier = try Fixture.verifier([issuerOnly()])
        let valid = try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519)
        let opened = try EnvelopeWriter.openDSSE(valid)
        let junk = (0..<15).map { i in
            EnvelopeWriter.Signature(keyID: "junk-\(i)", signature: [UInt8](repeating: UInt8(i), count: 64))
        }

        let first = try verifier.verify(
            EnvelopeWriter.dsse(payload: opened.payload, signatures: opened.signatures + junk),
            at: Fixture.signedAt)
        #expect(first.signatureFinding.status == .pass)
        #expect(first.statuses == [.valid] + Array(repeating: .notChecked, count: 15))

        // The valid signature last: every junk one before it is checked (and fails), then it passes.
        let last = try verifier.verify(
            EnvelopeWriter.dsse(payload: opened.payload, signatures: junk + opened.signatures),
            at: Fixture.signedAt)
        #expect(last.signatureFinding.status == .pass)
        #expect(last.statuses.last == .valid)
        #expect(!last.statuses.contains(.notChecked))
    }

    // MARK: Policy

    @Test func missingRequiredCustodianSignatureFailsNamingCustodian() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer,
                policy: TrustFile.Policy(requiredRoles: [.issuer, .custodian], minimumSignatures: 2),
                keys: [
                    TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519, role: .issuer),
                    TrustedKeySpec(pair: keys.p384, algorithm: .ecdsaP384SHA384, role: .custodian),
                ])
        ])

        let issuerOnlyEnvelope = try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519)
        let verified = try verifier.verify(issuerOnlyEnvelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.valid])
        #expect(
            verified.signatureFinding.message == "no valid signature for required role custodian",
            "\(verified.signatureFinding.message)")

        let both = try Fixture.dsse(
            payload, signers: [(keys.ed25519, .ed25519, keyID: nil), (keys.p384, .p384, keyID: nil)])
        let cosigned = try verifier.verify(both, at: Fixture.signedAt)
        #expect(cosigned.signatureFinding.status == .pass, "\(cosigned.signatureFinding.message)")
        #expect(cosigned.statuses == [.valid, .valid])
    }

    @Test func sameSignatureTwiceIsCountedOnce() throws {
        let verifier = try Fixture.verifier([
            issuerOnly(policy: TrustFile.Policy(requiredRoles: [.issuer], minimumSignatures: 2))
        ])
        let signed = try EnvelopeWriter.openDSSE(try Fixture.dsse(payload, signedBy: keys.ed25519, .ed25519))
        let signature = try #require(signed.signatures.first)
        let doubled = EnvelopeWriter.dsse(payload: payload, signatures: [signature, signature])

        let verified = try verifier.verify(doubled, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail, "\(verified.signatureFinding.message)")
        #expect(verified.signatures.count == 2)
        #expect(verified.signatures.map(\.duplicate) == [false, true])
    }

    @Test func twoDifferentSignaturesByTheSameKeyAreCountedOnce() throws {
        // ECDSA is randomised: signing twice gives two different, both valid, signatures.
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, policy: TrustFile.Policy(requiredRoles: [.issuer], minimumSignatures: 2),
                keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        ])
        let envelope = try Fixture.dsse(
            payload, signers: [(keys.p256, .p256, keyID: nil), (keys.p256, .p256, keyID: "")])
        let signatures = try EnvelopeWriter.openDSSE(envelope).signatures
        try #require(signatures.count == 2 && signatures[0].signature != signatures[1].signature)

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail, "\(verified.signatureFinding.message)")
        #expect(verified.statuses == [.valid, .valid])
        #expect(verified.signatures.map(\.duplicate) == [false, true])
    }

    @Test func dsseWithNoSignaturesFails() throws {
        let verifier = try Fixture.verifier([issuerOnly()])

        let verified = try verifier.verify(EnvelopeWriter.dsse(payload: payload, signatures: []), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.signatures.isEmpty)
    }

    @Test func bareUnsignedPayloadFails() throws {
        let verifier = try Fixture.verifier([issuerOnly()])

        let verified = try verifier.verify(payload, at: Fixture.signedAt)

        #expect(verified.envelope == .unsigned)
        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.signatures.isEmpty)
    }

    // MARK: The keyid is only a hint

    @Test func keyidNamingKeyAButSignedByTrustedKeyBPassesViaB() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer,
                keys: [
                    TrustedKeySpec(pair: keys.ed25519, algorithm: .ed25519),
                    TrustedKeySpec(pair: keys.ed25519B, algorithm: .ed25519),
                ])
        ])
        let envelope = try Fixture.dsse(payload, signers: [(keys.ed25519B, .ed25519, keyID: keys.ed25519.id)])

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .pass)
        #expect(verified.statuses == [.valid])
        #expect(verified.signatures.first?.keyID == keys.ed25519B.id)
    }

    @Test func emptyKeyidSignedByATrustedKeyPasses() throws {
        let verifier = try Fixture.verifier([issuerOnly()])
        let envelope = try Fixture.dsse(payload, signers: [(keys.ed25519, .ed25519, keyID: "")])

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .pass)
        #expect(verified.statuses == [.valid])
        #expect(verified.signatures.first?.keyID == keys.ed25519.id)
    }

    @Test func keyidOfATrustedKeyDoesNotMakeAnUntrustedSignatureValid() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        ])
        let envelope = try Fixture.dsse(payload, signers: [(keys.attackerP256, .p256, keyID: keys.p256.id)])

        let verified = try verifier.verify(envelope, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }

    // MARK: JWS header attacks

    @Test func jwsWithAlgNoneAndEmptySignatureFails() throws {
        let verifier = try Fixture.verifier([issuerOnly()])
        let header = #"{"alg":"none","kid":"\#(keys.ed25519.id)"}"#

        let verified = try verifier.verify(
            JWS.compact(header: header, payload: payload, signature: []), at: Fixture.signedAt)

        #expect(verified.envelope == .jws)
        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
        #expect(verified.signatures.first?.reason == #"JWS alg "none" is an unsigned token and is never accepted"#)
    }

    @Test func jwsHS256KeyedWithThePublicKeyPEMFails() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.rsa2048, algorithm: .rsaPKCS1SHA256)])
        ])
        let header = #"{"alg":"HS256","kid":"\#(keys.rsa2048.id)"}"#
        let mac = try OpenSSLSigner.hmacSHA256(
            JWS.signingInput(header: header, payload: payload), key: keys.rsa2048.publicPEM)

        let verified = try verifier.verify(
            JWS.compact(header: header, payload: payload, signature: mac), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
        #expect(
            verified.signatures.first?.reason
                == #"JWS alg "HS256" is not allowed (allowed: ES256, ES384, EdDSA, PS256, RS256)"#)
    }

    @Test func jwsCarryingTheAttackersOwnJWKFails() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        ])
        // The attacker's P-256 point from its SubjectPublicKeyInfo (last 65 bytes: 04 || x || y).
        let spki = try PublicKey(pem: keys.attackerP256.publicPEM).spkiDER
        let point = Array(spki.suffix(65))
        try #require(point.first == 0x04)
        let x = JWS.b64url(Array(point[1..<33]))
        let y = JWS.b64url(Array(point[33..<65]))
        let header = #"{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"\#(x)","y":"\#(y)"}}"#

        let jws = try JWS.signed(payload: payload, key: keys.attackerP256, algorithm: .p256, header: header)
        let verified = try verifier.verify(jws, at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
        #expect(
            verified.signatures.first?.reason
                == "the JWS header carries a key (jwk); keys come only from the trust store")
    }

    @Test func jwsWithAJWKHeaderIsRefusedEvenWhenSignedByTheTrustedKey() throws {
        let verifier = try Fixture.verifier([
            IssuerSpec(name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        ])
        let header = #"{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}"#

        let verified = try verifier.verify(
            try JWS.signed(payload: payload, key: keys.p256, algorithm: .p256, header: header), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }

    @Test func jwsWithUnknownCritFails() throws {
        let verifier = try Fixture.verifier([issuerOnly()])
        let header = #"{"alg":"EdDSA","crit":["exp"],"exp":1}"#

        let verified = try verifier.verify(
            try JWS.signed(payload: payload, key: keys.ed25519, algorithm: .ed25519, header: header),
            at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }

    @Test func jwsWhoseAlgDiffersFromTheTrustedKeysAlgorithmFails() throws {
        // trust.json pins rsa-pss-sha256; a PKCS#1 v1.5 signature by the same key is not accepted.
        let verifier = try Fixture.verifier([
            IssuerSpec(name: SamplePayload.issuer, keys: [TrustedKeySpec(pair: keys.rsa2048, algorithm: .rsaPSSSHA256)])
        ])

        let verified = try verifier.verify(
            try JWS.signed(payload: payload, key: keys.rsa2048, algorithm: .rsaPKCS1), at: Fixture.signedAt)

        #expect(verified.signatureFinding.status == .fail)
        #expect(verified.statuses == [.invalid])
    }
}

extension JSONValue {
    /// The DSSE `signatures` of an envelope parsed as JSON, for re-assembly.
    var signatureList: [EnvelopeWriter.Signature] {
        guard case .object(let o) = self, case .array(let list)? = o["signatures"] else { return [] }
        return list.compactMap { item in
            guard case .object(let s) = item, case .string(let sig)? = s["sig"],
                let bytes = Base64.decode(sig.utf8, alphabet: .standard)
            else { return nil }
            if case .string(let id)? = s["keyid"] { return EnvelopeWriter.Signature(keyID: id, signature: bytes) }
            return EnvelopeWriter.Signature(keyID: "", signature: bytes)
        }
    }
}
