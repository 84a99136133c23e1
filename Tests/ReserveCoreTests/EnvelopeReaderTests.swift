import Testing

@testable import ReserveCore

@Suite struct EnvelopeReaderTests {
    static let payload = decoderBytes(#"{"format": "reserve-attestation/1"}"#)
    static let signature: [UInt8] = Array(0..<64)

    func open(_ bytes: [UInt8], detached: [UInt8]? = nil, limits: DecodingLimits = .default) throws(VerifierError)
        -> Envelope
    {
        try EnvelopeReader(limits: limits).open(bytes, detachedSignature: detached)
    }

    /// A DSSE envelope as JSON text, from parts that a test may spoil.
    func dsse(
        payloadType: String = EnvelopeReader.dssePayloadType, payload: String? = nil,
        signatures: JSONValue? = nil, extra: (String, JSONValue)? = nil
    ) -> [UInt8] {
        var object = JSONObject()
        object["payloadType"] = .string(payloadType)
        object["payload"] = .string(payload ?? Base64.encode(Self.payload))
        object["signatures"] = signatures ?? [["keyid": "k1", "sig": .string(Base64.encode(Self.signature))]]
        if let extra { object[extra.0] = extra.1 }
        return Array(JSONWriter.write(.object(object)).utf8)
    }

    // MARK: DSSE

    @Test func paeMatchesTheDSSESpecificationExample() {
        let pae = EnvelopeReader.pae(payloadType: "http://example.com/HelloWorld", payload: decoderBytes("hello world"))
        #expect(pae == decoderBytes("DSSEv1 29 http://example.com/HelloWorld 11 hello world"))
    }

    @Test func paeCountsBytesNotCharacters() {
        let pae = EnvelopeReader.pae(payloadType: "t", payload: decoderBytes("é"))
        #expect(pae == decoderBytes("DSSEv1 1 t 2 é"))
        #expect(EnvelopeReader.pae(payloadType: "", payload: []) == decoderBytes("DSSEv1 0  0 "))
    }

    @Test func validDSSEIsOpenedWithPayloadSignaturesAndPAE() throws {
        let envelope = try open(dsse())
        #expect(envelope.kind == .dsse)
        #expect(envelope.payload == Self.payload)
        #expect(
            envelope.signedMessage
                == EnvelopeReader.pae(payloadType: EnvelopeReader.dssePayloadType, payload: Self.payload))
        #expect(envelope.signatures == [SignatureEntry(keyHint: "k1", signature: Self.signature)])
        #expect(envelope.signatures.first?.ecdsaEncoding == .der)
        #expect(envelope.signatures.first?.algorithm == nil)
    }

    @Test func dsseWrittenByEnvelopeWriterReadsBack() throws {
        let bytes = EnvelopeWriter.dsse(payload: Self.payload, signatures: [.init(keyID: "a", signature: [1, 2, 3])])
        let envelope = try open(bytes)
        #expect(envelope.payload == Self.payload)
        #expect(envelope.signatures.map(\.signature) == [[1, 2, 3]])
    }

    @Test func dsseWithURLSafeBase64PayloadIsAccepted() throws {
        let envelope = try open(dsse(payload: Base64.encode(Self.payload, alphabet: .url)))
        #expect(envelope.payload == Self.payload)
    }

    @Test func dsseWithZeroSignaturesParsesWithAnEmptyList() throws {
        let envelope = try open(dsse(signatures: []))
        #expect(envelope.kind == .dsse)
        #expect(envelope.signatures.isEmpty)
    }

    @Test func emptyKeyIDIsNoHint() throws {
        let envelope = try open(dsse(signatures: [["keyid": "", "sig": .string(Base64.encode(Self.signature))]]))
        #expect(envelope.signatures.first?.keyHint == nil)
    }

    @Test func dsseWithAnotherPayloadTypeIsUnsupported() {
        let error = decoderError { _ = try open(dsse(payloadType: "application/vnd.in-toto+json")) }
        #expect(error?.code == .unsupportedPayloadType)
        #expect(error?.code.rawValue == "E021")
        #expect(
            error?.message
                == #"DSSE payloadType "application/vnd.in-toto+json" is not "#
                + #""application/vnd.reserve-attestation.v1+json""#
        )
    }

    @Test(arguments: [
        ("unknown top-level field", "unknown"),
        ("unknown field in a signature entry", "signature"),
        ("payload not base64", "payload-not-base64"),
        ("payload base64 with a newline", "payload-newline"),
        ("payload base64 with a space", "payload-space"),
        ("payload in mixed alphabets", "payload-mixed"),
        ("sig not base64", "sig-not-base64"),
        ("sig a number", "sig-number"),
        ("keyid a number", "keyid-number"),
        ("signature entry not an object", "entry-string"),
        ("signatures not an array", "signatures-object"),
        ("payloadType not a string", "payloadType-number"),
        ("payload missing", "payload-missing"),
    ])
    func malformedDSSEIsRejected(name: String, variant: String) throws {
        let good = Base64.encode(Self.signature)
        let bytes: [UInt8]
        switch variant {
        case "unknown": bytes = dsse(extra: ("comment", "hi"))
        case "signature": bytes = dsse(signatures: [["keyid": "k", "sig": .string(good), "cert": "x"]])
        case "payload-not-base64": bytes = dsse(payload: "not base64!")
        case "payload-newline":
            let text = Base64.encode(Self.payload)
            bytes = dsse(payload: String(text.prefix(8)) + "\n" + String(text.dropFirst(8)))
        case "payload-space": bytes = dsse(payload: Base64.encode(Self.payload) + " ")
        case "payload-mixed": bytes = dsse(payload: "+/-_")
        case "sig-not-base64": bytes = dsse(signatures: [["keyid": "k", "sig": "%%%%"]])
        case "sig-number": bytes = dsse(signatures: [["keyid": "k", "sig": 12]])
        case "keyid-number": bytes = dsse(signatures: [["keyid": 1, "sig": .string(good)]])
        case "entry-string": bytes = dsse(signatures: [.string(good)])
        case "signatures-object": bytes = dsse(signatures: ["sig": .string(good)])
        case "payloadType-number":
            bytes = decoderBytes(#"{"payloadType": 1, "payload": "", "signatures": []}"#)
        case "payload-missing":
            bytes = decoderBytes(#"{"payloadType": "\#(EnvelopeReader.dssePayloadType)", "signatures": []}"#)
        default:
            Issue.record("unknown variant \(variant)")
            return
        }
        let error = decoderError { _ = try open(bytes) }
        #expect(error?.code == .malformedEnvelope, "\(name)")
    }

    @Test func dssePayloadOverTheLimitIsTooLarge() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: 600)
        let bytes = dsse(payload: Base64.encode(payload))
        var limits = DecodingLimits()
        limits.maxBytes = bytes.count
        #expect(try open(bytes, limits: limits).payload == payload)
        // Base64 is longer than what it encodes, so an envelope whose payload is over the limit is
        // itself over the limit: the envelope check fires first.
        limits.maxBytes = payload.count - 1
        let error = decoderError { _ = try open(bytes, limits: limits) }
        #expect(error?.code == .inputTooLarge)
    }

    @Test func dsseWithADetachedSignatureBesideItIsRejected() {
        let error = decoderError { _ = try open(dsse(), detached: decoderBytes("AAAA")) }
        #expect(error?.code == .malformedEnvelope)
    }

    // MARK: JWS

    func base64url(_ text: String) -> String { Base64.encode(decoderBytes(text), alphabet: .url) }

    func jws(
        header: String, payload: [UInt8] = EnvelopeReaderTests.payload,
        signature: [UInt8] = EnvelopeReaderTests.signature
    ) -> (bytes: [UInt8], signingInput: String) {
        let input = base64url(header) + "." + Base64.encode(payload, alphabet: .url)
        return (decoderBytes(input + "." + Base64.encode(signature, alphabet: .url)), input)
    }

    @Test func validJWSIsParsedWithAlgorithmRawEncodingAndKeyHint() throws {
        let token = jws(header: #"{"alg":"ES256","kid":"issuer-2026","typ":"JWT"}"#)
        let envelope = try open(token.bytes)
        #expect(envelope.kind == .jws)
        #expect(envelope.payload == Self.payload)
        #expect(envelope.signedMessage == decoderBytes(token.signingInput))
        let entry = try #require(envelope.signatures.first)
        #expect(envelope.signatures.count == 1)
        #expect(entry.algorithm == .ecdsaP256SHA256)
        #expect(entry.ecdsaEncoding == .raw)
        #expect(entry.keyHint == "issuer-2026")
        #expect(entry.signature == Self.signature)
        #expect(entry.rejection == nil)
    }

    @Test func jwsWithADetachedSignatureBesideItIsRefused() {
        let token = jws(header: #"{"alg":"EdDSA"}"#)
        do {
            _ = try EnvelopeReader().open(token.bytes, detachedSignature: [1, 2, 3])
            Issue.record("a JWS with a .sig beside it was accepted")
        } catch {
            #expect(error.code == .malformedEnvelope)
            #expect(error.message == "a JWS has a detached .sig file beside it; one or the other")
        }
    }

    @Test func jwsEndingInANewlineIsAccepted() throws {
        let token = jws(header: #"{"alg":"EdDSA"}"#)
        let envelope = try open(token.bytes + [0x0A])
        #expect(envelope.signedMessage == decoderBytes(token.signingInput))
        #expect(envelope.signatures.first?.algorithm == .ed25519)
        #expect(envelope.signatures.first?.keyHint == nil)
    }

    @Test(arguments: [
        ("ES256", SignatureAlgorithm.ecdsaP256SHA256), ("ES384", .ecdsaP384SHA384), ("EdDSA", .ed25519),
        ("PS256", .rsaPSSSHA256), ("RS256", .rsaPKCS1SHA256),
    ])
    func allowedAlgorithmsMapToTheirSignatureAlgorithm(alg: String, algorithm: SignatureAlgorithm) throws {
        let envelope = try open(jws(header: #"{"alg":"\#(alg)"}"#).bytes)
        #expect(envelope.signatures.first?.algorithm == algorithm)
        #expect(envelope.signatures.first?.rejection == nil)
    }

    @Test(arguments: [
        (#"{"alg":"none"}"#, "none"),
        (#"{"alg":"HS256"}"#, "HS256"),
        (#"{"alg":"ES512"}"#, "ES512"),
        (#"{"alg":"es256"}"#, "es256"),
        (#"{"alg":"ES256","jwk":{"kty":"EC"}}"#, "jwk"),
        (#"{"alg":"ES256","jku":"https://evil.example/keys"}"#, "jku"),
        (#"{"alg":"ES256","x5u":"https://evil.example/cert"}"#, "x5u"),
        (#"{"alg":"ES256","x5c":["MIIB"]}"#, "x5c"),
        (#"{"alg":"ES256","crit":["exp"],"exp":1}"#, "crit"),
        (#"{"alg":"ES256","b64":false,"crit":["b64"]}"#, "b64"),
        (#"{"alg":"ES256","b64":false}"#, "b64"),
    ])
    func refusedHeadersYieldASignatureEntryWithARejection(header: String, reason: String) throws {
        let envelope = try open(jws(header: header).bytes)
        let entry = try #require(envelope.signatures.first)
        let rejection = try #require(entry.rejection)
        #expect(rejection.contains(reason) || rejection.contains("crit"), "\(rejection)")
    }

    @Test(arguments: [
        ("padding in the header", "pad-header"),
        ("padding in the payload", "pad-payload"),
        ("padding in the signature", "pad-signature"),
        ("two parts", "two"),
        ("four parts", "four"),
        ("header not JSON", "header-text"),
        ("header a JSON array", "header-array"),
        ("header without alg", "no-alg"),
        ("alg not a string", "alg-number"),
        ("kid not a string", "kid-number"),
        ("header with a duplicate key", "header-duplicate"),
        ("standard alphabet", "standard-alphabet"),
        ("leading whitespace", "leading-space"),
        ("empty header part", "empty-header"),
    ])
    func malformedJWSIsRejected(name: String, variant: String) throws {
        let h = base64url(#"{"alg":"ES256"}"#)
        let p = Base64.encode(Self.payload, alphabet: .url)
        let s = Base64.encode(Self.signature, alphabet: .url)
        let text: String
        switch variant {
        case "pad-header": text = Base64.encode(decoderBytes(#"{"alg":"ES256"} "#), alphabet: .standard) + ".\(p).\(s)"
        case "pad-payload": text = "\(h).\(Base64.encode(decoderBytes("{}"), alphabet: .standard)).\(s)"
        case "pad-signature": text = "\(h).\(p).\(Base64.encode([1, 2, 3, 4], alphabet: .standard))"
        case "two": text = "\(h).\(p)"
        case "four": text = "\(h).\(p).\(s).\(s)"
        case "header-text": text = "\(base64url("alg: ES256")).\(p).\(s)"
        case "header-array": text = "\(base64url(#"["ES256"]"#)).\(p).\(s)"
        case "no-alg": text = "\(base64url(#"{"typ":"JWT"}"#)).\(p).\(s)"
        case "alg-number": text = "\(base64url(#"{"alg":256}"#)).\(p).\(s)"
        case "kid-number": text = "\(base64url(#"{"alg":"ES256","kid":1}"#)).\(p).\(s)"
        case "header-duplicate": text = "\(base64url(#"{"alg":"ES256","alg":"none"}"#)).\(p).\(s)"
        case "standard-alphabet": text = "\(h).\(p).\(Base64.encode([0xFB, 0xFF, 0xBF], alphabet: .standard))"
        case "leading-space": text = " \(h).\(p).\(s)"
        case "empty-header": text = ".\(p).\(s)"
        default:
            Issue.record("unknown variant \(variant)")
            return
        }
        let error = decoderError { _ = try open(decoderBytes(text)) }
        #expect(error?.code == .malformedEnvelope, "\(name): \(String(describing: error))")
    }

    @Test func emptySignaturePartIsKeptAsAnEmptySignature() throws {
        let token = jws(header: #"{"alg":"ES256"}"#, signature: [])
        let envelope = try open(token.bytes)
        #expect(envelope.signatures.map(\.signature) == [[]])
    }

    // MARK: Bare payloads and detached signatures

    @Test func barePayloadWithoutSignatureIsUnsigned() throws {
        let envelope = try open(Self.payload)
        #expect(envelope.kind == .unsigned)
        #expect(envelope.signatures.isEmpty)
        #expect(envelope.payload == Self.payload)
        #expect(envelope.signedMessage.isEmpty)
    }

    @Test func barePayloadWithBase64SignatureAndNewlineIsDetached() throws {
        let envelope = try open(Self.payload, detached: decoderBytes(Base64.encode(Self.signature) + "\n"))
        #expect(envelope.kind == .detached)
        #expect(envelope.payload == Self.payload)
        #expect(envelope.signedMessage == Self.payload)
        #expect(envelope.signatures == [SignatureEntry(keyHint: nil, signature: Self.signature)])
    }

    @Test func rawDERSignatureBytesAreKeptAsTheyAre() throws {
        let der: [UInt8] =
            [0x30, 0x44, 0x02, 0x20] + Array(repeating: 0x81, count: 32) + [0x02, 0x20]
            + Array(repeating: 0x7F, count: 32)
        let envelope = try open(Self.payload, detached: der)
        #expect(envelope.kind == .detached)
        #expect(envelope.signatures.first?.signature == der)
    }

    @Test func emptyDetachedSignatureIsMalformed() {
        let error = decoderError { _ = try open(Self.payload, detached: []) }
        #expect(error?.code == .malformedEnvelope)
    }

    @Test(arguments: ["", " ", " \n\t\r\n"])
    func emptyOrWhitespaceOnlyInputIsMalformed(text: String) {
        let error = decoderError { _ = try open(decoderBytes(text)) }
        #expect(error?.code == .malformedEnvelope)
    }

    @Test(arguments: ["[1]", "[]", "[1.5, 2.5]", "\"text\"", "42", "null"])
    func jsonThatIsNotAnObjectIsMalformed(text: String) {
        let error = decoderError { _ = try open(decoderBytes(text)) }
        #expect(error?.code == .malformedEnvelope)
    }

    @Test func objectThatIsNeitherEnvelopeNorPayloadIsMalformed() {
        let error = decoderError { _ = try open(decoderBytes(#"{"hello": "world"}"#)) }
        #expect(error?.code == .malformedEnvelope)
    }

    @Test func inputOverTheLimitIsTooLargeBeforeParsing() {
        var limits = DecodingLimits()
        limits.maxBytes = Self.payload.count - 1
        let error = decoderError { _ = try open(Self.payload, limits: limits) }
        #expect(error?.code == .inputTooLarge)
    }

    @Test func malformedJSONPayloadKeepsTheJSONErrorCode() {
        let error = decoderError { _ = try open(decoderBytes(#"{"format": "reserve-attestation/1", "format": "x"}"#)) }
        #expect(error?.code == .duplicateKey)
    }
}
