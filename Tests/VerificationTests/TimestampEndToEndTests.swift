import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import TestSupport
import Testing

/// RFC 3161 tokens from disk to ``VerifiedAttestation/timestamp``: `X.tsr` beside an envelope,
/// the DSSE `timestamp` field, and the trust store's `keys/_tsa/`.
@Suite struct TimestampEndToEndTests {
    static let tsa: Result<TestTSA, TestFailure> = .setUp("could not make the test TSA") {
        try TestTSA.make(name: "test-tsa")
    }

    let keys: TestKeys
    let tsa: TestTSA
    let payload: [UInt8]

    init() throws {
        keys = try TestKeys.load()
        tsa = try Self.tsa.get()
        payload = try SamplePayload.kizunaYen()
    }

    /// `keys/` with kizuna-yen (one P-256 issuer key) and, unless `tsaJSON` is nil, `_tsa/`.
    func writeTrustStore(
        in dir: TemporaryDirectory, tsaJSON: String? = nil,
        certificate: [UInt8]? = nil
    ) throws -> String {
        let keysPath = try dir.folder("keys")
        let issuer = try dir.folder("keys/\(SamplePayload.issuer)")
        let spec = IssuerSpec(
            name: SamplePayload.issuer,
            keys: [TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)])
        let folder = spec.folder
        try Data(folder.trustJSON).write(to: URL(fileURLWithPath: issuer + "/trust.json"))
        for (name, pem) in folder.pemFiles { try Data(pem).write(to: URL(fileURLWithPath: issuer + "/" + name)) }
        if let tsaJSON {
            let tsaFolder = try dir.folder("keys/_tsa")
            try Data(tsaJSON.utf8).write(to: URL(fileURLWithPath: tsaFolder + "/tsa.json"))
            try Data(certificate ?? tsa.certificatePEM).write(to: URL(fileURLWithPath: tsaFolder + "/test-tsa.pem"))
        }
        return keysPath
    }

    func tsaJSON(sha256: String? = nil, extra: String = "") throws -> String {
        let digest = try sha256 ?? OpenSSLProvider().sha256(TimestampToken.certificateDER(pem: tsa.certificatePEM)).hex
        return #"{"format": "reserve-tsa/1", "authorities": [{"name": "test-tsa", "file": "test-tsa.pem", "#
            + #""sha256": "\#(digest)"\#(extra)}]}"#
    }

    // MARK: End to end

    @Test func tsrBesideADSSEEnvelopeReachesVerifiedTimestamp() throws {
        try withTemporaryDirectory { dir in
            let keysPath = try writeTrustStore(in: dir, tsaJSON: try tsaJSON())
            let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
            let signatures = try EnvelopeReader().open(envelope).timestampedBytes
            let inbox = try dir.folder("in")
            try dir.write(envelope, to: "in/a.dsse")
            try dir.write(try tsa.token(over: signatures), to: "in/a.dsse.tsr")

            let inputs = try Inputs.collect([inbox])
            #expect(inputs.count == 1, "\(inputs.map(\.path))")  // the .tsr is not an input of its own
            let input = try #require(inputs.first)
            let tsrPath = try #require(input.timestampPath)
            #expect(tsrPath.hasSuffix("a.dsse.tsr"))
            let store = try TrustStoreLoader.load(keysPath)
            #expect(store.timestampAuthorities.map(\.name) == ["test-tsa"])
            let verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
            let verified = try verifier.verify(
                try Files.read(input.path, limit: 1 << 20),
                timestampToken: try Files.read(tsrPath, limit: 1 << 16),
                at: Fixture.signedAt)
            #expect(verified.isTrusted)
            let timestamp = try #require(verified.timestamp)
            #expect(timestamp.status == .valid, "\(timestamp.reason)")
            #expect(timestamp.authority == "test-tsa")
            #expect(timestamp.time != nil)
        }
    }

    /// Issue 10, class 3: a trusted timestamp proves when the signatures existed, so a key revoked
    /// after the token's time still counts, with no ledger; without the token it is judged at the
    /// evaluation time and fails.
    @Test func aValidTokenProvesTheSigningTimeBeforeALaterRevocation() throws {
        let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
        let token = try tsa.token(over: try EnvelopeReader().open(envelope).timestampedBytes)
        var store = try Fixture.store([
            IssuerSpec(
                name: SamplePayload.issuer,
                keys: [
                    TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256)
                ])
        ])
        store.timestampAuthorities = try storeWithTSA().timestampAuthorities
        let stamped = try AttestationVerifier(store: store, provider: OpenSSLProvider())
            .verify(envelope, timestampToken: token, at: Fixture.signedAt)
        let genTime = try #require(stamped.timestamp?.time)

        // The same key, revoked a day after the token's time; evaluated ten days after it.
        var revoking = try Fixture.store([
            IssuerSpec(
                name: SamplePayload.issuer,
                keys: [
                    TrustedKeySpec(
                        pair: keys.p256, algorithm: .ecdsaP256SHA256, revokedAt: genTime.adding(seconds: 86_400))
                ])
        ])
        revoking.timestampAuthorities = store.timestampAuthorities
        let later = genTime.adding(seconds: 10 * 86_400)
        let verifier = AttestationVerifier(store: revoking, provider: OpenSSLProvider())
        let withToken = try verifier.verify(envelope, timestampToken: token, at: later)
        #expect(withToken.isTrusted, "\(withToken.signatures.map(\.reason))")
        #expect(withToken.signingTime == SigningTimeProof(time: genTime, source: .timestamp))
        let without = try verifier.verify(envelope, at: later)
        #expect(!without.isTrusted)
        #expect(without.signatures.map(\.status) == [.revoked])
        // A token from a TSA the store does not list proves nothing.
        var untrusting = revoking
        untrusting.timestampAuthorities = []
        #expect(
            !(try AttestationVerifier(store: untrusting, provider: OpenSSLProvider()).verify(
                envelope, timestampToken: token, at: later)).isTrusted)
    }

    /// Red team, round 2 (2026-12-02): a token proves the signature existed at its time, not that
    /// the key could sign what the attestation says happened later. An attestation dated 30 days
    /// ahead, signed and time-stamped now (before the key's revocation or the end of its window,
    /// a day from now), was trusted once its `issuedAt` came: a key pre-signs for after its end.
    @Test(arguments: ["revokedAt", "notAfter"])
    func aTokenDoesNotCarryAKeyPastItsEndToALaterIssuedAt(end: String) throws {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        let issued = now.adding(seconds: 30 * 86_400)
        let presigned = try SamplePayload.replacing(
            #""issuedAt": "2026-11-02T01:00:00Z""#, with: "\"issuedAt\": \"\(issued)\"", in: payload)
        let envelope = try Fixture.dsse(presigned, signedBy: keys.p256, .p256)
        let token = try tsa.token(over: try EnvelopeReader().open(envelope).timestampedBytes)
        let endsAt = now.adding(seconds: 86_400)
        var store = try Fixture.store([
            IssuerSpec(
                name: SamplePayload.issuer,
                keys: [
                    TrustedKeySpec(
                        pair: keys.p256, algorithm: .ecdsaP256SHA256, notAfter: end == "notAfter" ? endsAt : nil,
                        revokedAt: end == "revokedAt" ? endsAt : nil)
                ])
        ])
        store.timestampAuthorities = try storeWithTSA().timestampAuthorities

        let verified = try AttestationVerifier(store: store, provider: OpenSSLProvider())
            .verify(envelope, timestampToken: token, at: issued.adding(seconds: 3_600))

        #expect(verified.timestamp?.status == .valid, "\(verified.timestamp?.reason ?? "no token")")
        #expect(verified.signingTime.source == .timestamp)
        #expect(!verified.isTrusted)
        #expect(verified.statuses == [end == "revokedAt" ? .revoked : .expired])
    }

    @Test func tsrBesideADetachedPairCoversTheDecodedSignature() throws {
        try withTemporaryDirectory { dir in
            let keysPath = try writeTrustStore(in: dir, tsaJSON: try tsaJSON())
            let signature = try OpenSSLSigner.sign(payload, with: keys.p256, algorithm: .p256)
            try dir.write(payload, to: "a.json")
            try dir.write(try OpenSSLSigner.base64Text(signature), to: "a.json.sig")
            try dir.write(try tsa.token(over: signature), to: "a.json.tsr")
            let input = try #require(try Inputs.collect([dir.path("a.json")]).first)
            #expect(input.signaturePath != nil)
            let verifier = AttestationVerifier(store: try TrustStoreLoader.load(keysPath), provider: OpenSSLProvider())
            let verified = try verifier.verify(
                try Files.read(input.path, limit: 1 << 20),
                detachedSignature: try Files.read(try #require(input.signaturePath), limit: 1 << 16),
                timestampToken: try Files.read(try #require(input.timestampPath), limit: 1 << 16), at: Fixture.signedAt)
            #expect(verified.timestamp?.status == .valid, "\(verified.timestamp?.reason ?? "nil")")
        }
    }

    @Test func jwsTimestampCoversTheDecodedSignature() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let jws = try JWS.signed(payload: payload, key: keys.p256, algorithm: .p256)
        let signature = try EnvelopeReader().open(jws).timestampedBytes
        #expect(signature.count == 64)  // raw r || s, as decoded from base64url
        let verified = try verifier.verify(jws, timestampToken: try tsa.token(over: signature), at: Fixture.signedAt)
        #expect(verified.timestamp?.status == .valid, "\(verified.timestamp?.reason ?? "nil")")
    }

    @Test func tokenOverAnotherEnvelopesSignaturesIsInvalid() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
        let another = try Fixture.dsse(payload, signedBy: keys.p256, .p256)  // ECDSA: new signature bytes
        let token = try tsa.token(over: try EnvelopeReader().open(another).timestampedBytes)
        let verified = try verifier.verify(envelope, timestampToken: token, at: Fixture.signedAt)
        #expect(verified.isTrusted)
        #expect(verified.timestamp?.status == .invalid)
        #expect(verified.timestamp?.reason.contains("message imprint mismatch") == true)
    }

    @Test func noTokenMeansNoTimestamp() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let verified = try verifier.verify(try Fixture.dsse(payload, signedBy: keys.p256, .p256), at: Fixture.signedAt)
        #expect(verified.isTrusted)
        #expect(verified.timestamp == nil)
    }

    @Test func tokenForAnUnsignedPayloadIsInvalid() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let verified = try verifier.verify(payload, timestampToken: try tsa.token(over: []), at: Fixture.signedAt)
        #expect(verified.timestamp?.status == .invalid)
        #expect(verified.timestamp?.reason == "the envelope has no signature for the timestamp to cover")
    }

    // MARK: Inside DSSE

    /// The DSSE envelope with a `timestamp` member (our extension) added after `signatures`.
    func withTimestampField(_ envelope: [UInt8], _ value: String) throws -> [UInt8] {
        let text = String(decoding: envelope, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasSuffix("}"))
        return Array((String(text.dropLast()) + #", "timestamp": \#(value)}"#).utf8)
    }

    @Test func dsseTimestampFieldReachesVerifiedTimestamp() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
        let token = try tsa.token(over: try EnvelopeReader().open(envelope).timestampedBytes)
        let stamped = try withTimestampField(envelope, "\"\(Base64.encode(token))\"")
        #expect(try EnvelopeReader().open(stamped).timestampToken == token)
        let verified = try verifier.verify(stamped, at: Fixture.signedAt)
        #expect(verified.isTrusted)
        #expect(verified.timestamp?.status == .valid, "\(verified.timestamp?.reason ?? "nil")")
        // The field and a .tsr beside it: one or the other.
        let error = #expect(throws: VerifierError.self) {
            try verifier.verify(stamped, timestampToken: token, at: Fixture.signedAt)
        }
        #expect(error?.code == .malformedEnvelope)
        #expect(
            error?.message == "the DSSE envelope carries a timestamp and a .tsr file sits beside it; one or the other")
    }

    /// `sign --cosign` reads the envelope through EnvelopeWriter.openDSSE and writes a new one:
    /// the token, which would no longer cover every signature, is not carried over.
    @Test func coSigningDropsTheTimestampMember() throws {
        let envelope = try Fixture.dsse(payload, signedBy: keys.p256, .p256)
        let token = try tsa.token(over: try EnvelopeReader().open(envelope).timestampedBytes)
        let stamped = try withTimestampField(envelope, "\"\(Base64.encode(token))\"")
        let opened = try EnvelopeWriter.openDSSE(stamped)
        let extra = EnvelopeWriter.Signature(keyID: keys.p384.id, signature: [1, 2, 3])
        let cosigned = EnvelopeWriter.dsse(payload: opened.payload, signatures: opened.signatures + [extra])
        #expect(try EnvelopeReader().open(stamped).timestampToken == token)
        #expect(try EnvelopeReader().open(cosigned).timestampToken == nil)
    }

    @Test(arguments: ["42", "\"not base64!\"", "\"\"", "null"])
    func dsseTimestampFieldMustBeCanonicalBase64(_ value: String) throws {
        let envelope = try withTimestampField(try Fixture.dsse(payload, signedBy: keys.p256, .p256), value)
        let error = #expect(throws: VerifierError.self) { try EnvelopeReader().open(envelope) }
        #expect(error?.code == .malformedEnvelope)
        #expect(error?.message.hasPrefix("DSSE envelope: timestamp must be") == true, "\(String(describing: error))")
    }

    @Test func dsseTimestampFieldOver64KiBIsTooLarge() throws {
        let token = [UInt8](repeating: 0x30, count: 64 * 1024 + 1)
        let envelope = try withTimestampField(
            try Fixture.dsse(payload, signedBy: keys.p256, .p256),
            "\"\(Base64.encode(token))\"")
        let error = #expect(throws: VerifierError.self) { try EnvelopeReader().open(envelope) }
        #expect(error?.code == .inputTooLarge)
        #expect(
            error?.message.hasPrefix("DSSE envelope: timestamp decodes to 65537 bytes") == true,
            "\(String(describing: error))")
    }

    @Test func emptyTsrIsMalformed() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let error = #expect(throws: VerifierError.self) {
            try verifier.verify(
                try Fixture.dsse(payload, signedBy: keys.p256, .p256), timestampToken: [],
                at: Fixture.signedAt)
        }
        #expect(error?.code == .malformedEnvelope)
    }

    @Test func oversizedTsrIsTooLarge() throws {
        let verifier = AttestationVerifier(store: try storeWithTSA(), provider: OpenSSLProvider())
        let error = #expect(throws: VerifierError.self) {
            try verifier.verify(
                try Fixture.dsse(payload, signedBy: keys.p256, .p256),
                timestampToken: [UInt8](repeating: 0x30, count: 64 * 1024 + 1), at: Fixture.signedAt)
        }
        #expect(error?.code == .inputTooLarge)
    }

    // MARK: keys/_tsa

    func storeWithTSA() throws -> TrustStore {
        try withTemporaryDirectory { dir in
            try TrustStoreLoader.load(try writeTrustStore(in: dir, tsaJSON: try tsaJSON()))
        }
    }

    @Test func trustStoreWithoutTSAFolderTrustsNoTSA() throws {
        let store = try withTemporaryDirectory { dir in try TrustStoreLoader.load(try writeTrustStore(in: dir)) }
        #expect(store.timestampAuthorities.isEmpty)
        let verified = try AttestationVerifier(store: store, provider: OpenSSLProvider()).verify(
            try Fixture.dsse(payload, signedBy: keys.p256, .p256), timestampToken: try tsa.token(over: [1]),
            at: Fixture.signedAt)
        #expect(verified.timestamp?.status == .invalid)
    }

    @Test func tsaValidityFromTheListIsKept() throws {
        let store = try withTemporaryDirectory { dir in
            let validity = #", "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2030-01-01T00:00:00Z""#
            return try TrustStoreLoader.load(try writeTrustStore(in: dir, tsaJSON: try tsaJSON(extra: validity)))
        }
        #expect(store.timestampAuthorities.first?.notBefore == Timestamp.parse("2026-01-01T00:00:00Z"))
        #expect(store.timestampAuthorities.first?.notAfter == Timestamp.parse("2030-01-01T00:00:00Z"))
    }

    enum BadTSAFolder: String, CaseIterable, Sendable {
        case unknownField, duplicateName, missingFile, wrongDigest, wrongFormat, notACertificate, noList, emptyList,
            badFileName, notAfterBeforeNotBefore, duplicateJSONKey
    }

    @Test(arguments: BadTSAFolder.allCases)
    func malformedTSAFolderIsAnInvalidTrustStore(_ bad: BadTSAFolder) throws {
        let good = try tsaJSON()
        let digest = try OpenSSLProvider().sha256(TimestampToken.certificateDER(pem: tsa.certificatePEM)).hex
        var json: String? = good
        var certificate: [UInt8]? = nil
        var fragment: String
        switch bad {
        case .unknownField:
            json = try tsaJSON(extra: #", "url": "https://tsa.example""#)
            fragment = "url"
        case .duplicateName:
            json =
                #"{"format": "reserve-tsa/1", "authorities": ["#
                + #"{"name": "test-tsa", "file": "test-tsa.pem", "sha256": "\#(digest)"}, "#
                + #"{"name": "test-tsa", "file": "b.pem", "sha256": "\#(digest)"}]}"#
            fragment = "listed twice"
        case .missingFile:
            json = try replacing(good, "test-tsa.pem", "absent.pem")
            fragment = "absent.pem, which is not in the folder"
        case .wrongDigest:
            json = try tsaJSON(sha256: String(repeating: "ab", count: 32))
            fragment = "but tsa.json says"
        case .wrongFormat:
            json = try replacing(good, "reserve-tsa/1", "reserve-tsa/2")
            fragment = "reserve-tsa/2"
        case .notACertificate:
            certificate = keys.p256.publicPEM
            fragment = "_tsa/test-tsa.pem"
        case .noList:
            json = nil
            fragment = "has no tsa.json"
        case .emptyList:
            json = #"{"format": "reserve-tsa/1", "authorities": []}"#
            fragment = "authorities"
        case .badFileName:
            json = try replacing(good, "test-tsa.pem", "../test-tsa.pem")
            fragment = "not a certificate file name"
        case .notAfterBeforeNotBefore:
            json = try tsaJSON(extra: #", "notBefore": "2030-01-01T00:00:00Z", "notAfter": "2026-01-01T00:00:00Z""#)
            fragment = "notAfter is before notBefore"
        case .duplicateJSONKey:
            json = try tsaJSON(extra: #", "name": "again""#)
            fragment = "name"
        }
        let error = try withTemporaryDirectory { dir in
            let keysPath = try writeTrustStore(in: dir, tsaJSON: json ?? good, certificate: certificate)
            if json == nil { try FileManager.default.removeItem(atPath: keysPath + "/_tsa/tsa.json") }
            return #expect(throws: VerifierError.self) { try TrustStoreLoader.load(keysPath) }
        }
        #expect(error?.code == .invalidTrustStore, "\(String(describing: error))")
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }
}
