/// Opens envelopes, detecting the form from the content.
public struct EnvelopeReader: Sendable {
    public static let dssePayloadType = "application/vnd.reserve-attestation.v1+json"
    /// The largest RFC 3161 token read (DSSE `timestamp`, `X.tsr`); a token is a few KiB.
    public static let maximumTimestampTokenSize = 64 * 1024

    public var limits: DecodingLimits

    public init(limits: DecodingLimits = .default) {
        self.limits = limits
    }

    /// Opens `bytes`. A detached signature file's content, when one sits beside the input, is
    /// passed as `detachedSignature`.
    ///
    /// - Throws: E002 when too large, E020 for a malformed envelope, E021 for a DSSE payload type
    ///   other than ``dssePayloadType``, and the JSON errors for a malformed DSSE or payload.
    public func open(_ bytes: [UInt8], detachedSignature: [UInt8]? = nil) throws(VerifierError) -> Envelope {
        guard bytes.count <= limits.maxBytes else {
            throw VerifierError(
                .inputTooLarge, "the input is \(bytes.count) bytes, over the limit of \(limits.maxBytes) (--max-bytes)")
        }
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw VerifierError(.malformedEnvelope, "the input is empty")
        }
        if first == UInt8(ascii: "[") {
            throw VerifierError(
                .malformedEnvelope,
                "the input is a JSON array; an envelope is a JSON object (DSSE), a JWS, or an attestation object")
        }
        if first == UInt8(ascii: "{"), detachedSignature == nil {
            // A DSSE envelope in one pass, its payload decoded from the input's bytes; anything the
            // pass does not accept outright is parsed as a tree below, which words every problem.
            let fast = try bytes.withUnsafeBufferPointer { (buffer) throws(VerifierError) -> Envelope? in
                guard let members = DSSEMembers.scan(buffer, maxDepth: limits.maxDepth) else { return nil }
                return try openDSSE(
                    members.object, payload: members.payload.map { UnsafeBufferPointer(rebasing: buffer[$0]) })
            }
            if let fast { return fast }
        }
        if first == UInt8(ascii: "{") || (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            let value = try JSONParser(maxDepth: limits.maxDepth).parse(bytes)
            guard case .object(let object) = value else {
                throw VerifierError(
                    .malformedEnvelope, "the input is neither a DSSE envelope, a JWS, nor an attestation payload")
            }
            if object["payloadType"] != nil || object["signatures"] != nil {
                if detachedSignature != nil {
                    throw VerifierError(
                        .malformedEnvelope, "a DSSE envelope has a detached .sig file beside it; one or the other")
                }
                guard case .string(var text)? = object["payload"] else { return try openDSSE(object, payload: nil) }
                let opened = text.withUTF8 { payload in
                    Result { () throws(VerifierError) -> Envelope in try openDSSE(object, payload: payload) }
                }
                return try opened.get()
            }
            if object["format"] != nil {
                var envelope: Envelope
                if let detachedSignature {
                    envelope = Envelope(
                        kind: .detached, payload: bytes, signedMessage: bytes,
                        signatures: [try detachedEntry(detachedSignature)])
                } else {
                    envelope = Envelope(kind: .unsigned, payload: bytes, signedMessage: [], signatures: [])
                }
                envelope.parsedPayload = value
                return envelope
            }
            throw VerifierError(
                .malformedEnvelope,
                """
                a JSON object that is neither a DSSE envelope (payloadType, payload, signatures) nor an attestation \
                (format)
                """
            )
        }
        if detachedSignature != nil {
            throw VerifierError(.malformedEnvelope, "a JWS has a detached .sig file beside it; one or the other")
        }
        return try openJWS(bytes)
    }

    // MARK: DSSE

    /// DSSE v1 pre-authentication encoding: `"DSSEv1" SP len(type) SP type SP len(body) SP body`.
    public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        paeHeader(payloadType, payload.count) + payload
    }

    /// The PAE up to the payload: `"DSSEv1" SP len(type) SP type SP len(body) SP`.
    static func paeHeader(_ payloadType: String, _ payloadCount: Int) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var out = Array("DSSEv1 \(type.count) ".utf8)
        out += type
        out += Array(" \(payloadCount) ".utf8)
        return out
    }

    /// The envelope from its members: `payload` is the payload string's UTF-8 bytes, nil when the
    /// member is absent or not a string.
    private func openDSSE(_ object: JSONObject, payload payloadText: UnsafeBufferPointer<UInt8>?) throws(VerifierError)
        -> Envelope
    {
        for key in object.keys where !["payloadType", "payload", "signatures", "timestamp"].contains(key) {
            throw VerifierError(.malformedEnvelope, "DSSE envelope: unknown field \(quotedForMessage(key))")
        }
        // Our extension: an RFC 3161 token over the signatures, base64 DER (docs/TRUST-STORE.md, "Timestamps").
        var timestampToken: [UInt8]?
        if let value = object["timestamp"] {
            guard case .string(let text) = value, let token = Base64.decodeEither(text.utf8), !token.isEmpty else {
                throw VerifierError(
                    .malformedEnvelope,
                    "DSSE envelope: timestamp must be a canonical base64 string "
                        + "(an RFC 3161 token, DER)")
            }
            guard token.count <= Self.maximumTimestampTokenSize else {
                throw VerifierError(
                    .inputTooLarge,
                    "DSSE envelope: timestamp decodes to \(token.count) bytes, "
                        + "over the limit of \(Self.maximumTimestampTokenSize)")
            }
            timestampToken = token
        }
        guard case .string(let payloadType)? = object["payloadType"] else {
            throw VerifierError(.malformedEnvelope, "DSSE envelope: payloadType must be a string")
        }
        guard payloadType == Self.dssePayloadType else {
            throw VerifierError(
                .unsupportedPayloadType,
                "DSSE payloadType \(quotedForMessage(payloadType)) is not \"\(Self.dssePayloadType)\"")
        }
        guard let payloadText else {
            throw VerifierError(.malformedEnvelope, "DSSE envelope: payload must be a base64 string")
        }
        // The payload is decoded straight into the PAE, after its header (which names its length).
        guard let (pae, payloadStart) = Base64.decodeEither(payloadText, after: { Self.paeHeader(payloadType, $0) })
        else {
            throw VerifierError(
                .malformedEnvelope,
                "DSSE envelope: payload is not canonical base64 (one alphabet, correct padding, no whitespace)")
        }
        let payloadCount = pae.count - payloadStart
        guard payloadCount <= limits.maxBytes else {
            throw VerifierError(
                .inputTooLarge, "DSSE payload decodes to \(payloadCount) bytes, over the limit of \(limits.maxBytes)")
        }
        guard case .array(let list)? = object["signatures"] else {
            throw VerifierError(.malformedEnvelope, "DSSE envelope: signatures must be an array")
        }
        guard list.count <= limits.maxSignatures else {
            throw VerifierError(
                .tooManyItems,
                "DSSE envelope: \(list.count) signatures exceed the limit of \(limits.maxSignatures)")
        }
        var entries: [SignatureEntry] = []
        for (i, item) in list.enumerated() {
            guard case .object(let sig) = item else {
                throw VerifierError(.malformedEnvelope, "DSSE envelope: signatures[\(i)] must be an object")
            }
            for key in sig.keys where key != "keyid" && key != "sig" {
                throw VerifierError(
                    .malformedEnvelope, "DSSE envelope: signatures[\(i)] has unknown field \(quotedForMessage(key))")
            }
            var hint: String?
            switch sig["keyid"] {
            case nil: hint = nil
            case .string(let text)?: hint = text.isEmpty ? nil : text
            default: throw VerifierError(.malformedEnvelope, "DSSE envelope: signatures[\(i)].keyid must be a string")
            }
            guard case .string(let sigText)? = sig["sig"] else {
                throw VerifierError(.malformedEnvelope, "DSSE envelope: signatures[\(i)].sig must be a base64 string")
            }
            guard let bytes = Base64.decodeEither(sigText.utf8) else {
                throw VerifierError(.malformedEnvelope, "DSSE envelope: signatures[\(i)].sig is not canonical base64")
            }
            entries.append(SignatureEntry(keyHint: hint, signature: bytes))
        }
        var envelope = Envelope(dssePAE: pae, payloadStart: payloadStart, signatures: entries)
        envelope.timestampToken = timestampToken
        return envelope
    }

    // MARK: JWS

    /// JOSE header parameters this reader understands. Others are ignored as RFC 7515 says,
    /// unless listed in `crit`; the key-carrying ones are refused outright.
    static let keyCarryingHeaders: Set<String> = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"]

    private func openJWS(_ raw: [UInt8]) throws(VerifierError) -> Envelope {
        // A JWS file may end with a newline; nothing else may surround it.
        var bytes = raw[...]
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw VerifierError(
                .malformedEnvelope,
                "the input is neither JSON nor a JWS compact serialisation (three base64url parts separated by '.')")
        }
        guard let headerBytes = Base64.decode(parts[0], alphabet: .url), !parts[0].contains(UInt8(ascii: "=")) else {
            throw VerifierError(.malformedEnvelope, "JWS: the protected header is not unpadded base64url")
        }
        guard let payload = Base64.decode(parts[1], alphabet: .url), !parts[1].contains(UInt8(ascii: "=")) else {
            throw VerifierError(.malformedEnvelope, "JWS: the payload is not unpadded base64url")
        }
        guard let signature = Base64.decode(parts[2], alphabet: .url), !parts[2].contains(UInt8(ascii: "=")) else {
            throw VerifierError(.malformedEnvelope, "JWS: the signature is not unpadded base64url")
        }
        guard payload.count <= limits.maxBytes else {
            throw VerifierError(
                .inputTooLarge, "JWS payload decodes to \(payload.count) bytes, over the limit of \(limits.maxBytes)")
        }
        let headerValue: JSONValue
        do {
            headerValue = try JSONParser(maxDepth: 8).parse(headerBytes)
        } catch {
            throw VerifierError(.malformedEnvelope, "JWS: the protected header is not strict JSON (\(error.message))")
        }
        guard case .object(let header) = headerValue else {
            throw VerifierError(.malformedEnvelope, "JWS: the protected header is not a JSON object")
        }
        guard case .string(let alg)? = header["alg"] else {
            throw VerifierError(.malformedEnvelope, "JWS: the protected header has no string \"alg\"")
        }
        var hint: String?
        if let kid = header["kid"] {
            guard case .string(let text) = kid else {
                throw VerifierError(.malformedEnvelope, "JWS: \"kid\" must be a string")
            }
            hint = text.isEmpty ? nil : text
        }
        let signingInput = Array(bytes[bytes.startIndex..<parts[1].endIndex])

        var rejection: String?
        let algorithm = SignatureAlgorithm(joseName: alg)
        if let carried = header.keys.first(where: { Self.keyCarryingHeaders.contains($0) }) {
            rejection = "the JWS header carries a key (\(carried)); keys come only from the trust store"
        } else if algorithm == nil {
            rejection =
                alg == "none"
                ? "JWS alg \"none\" is an unsigned token and is never accepted"
                : "JWS alg \(quotedForMessage(alg)) is not allowed (allowed: ES256, ES384, EdDSA, PS256, RS256)"
        } else if let crit = header["crit"] {
            rejection =
                "JWS crit \(JSONWriter.write(crit, pretty: false)) names extensions this verifier does not implement"
        } else if let b64 = header["b64"], b64 != .bool(true) {
            rejection = "JWS b64 other than true (RFC 7797 unencoded payload) is not supported"
        }
        let encoding: ECDSASignatureEncoding = .raw  // RFC 7518 §3.4: ECDSA signatures are r || s.
        return Envelope(
            kind: .jws, payload: payload, signedMessage: signingInput,
            signatures: [
                SignatureEntry(
                    keyHint: hint, signature: signature, algorithm: algorithm,
                    ecdsaEncoding: encoding, rejection: rejection)
            ])
    }

    // MARK: Detached

    /// A `.sig` file: base64 text (one line, as `openssl base64 -A` or `base64 -w0` write it,
    /// optionally ending in a newline) or the raw signature bytes (DER for ECDSA).
    private func detachedEntry(_ content: [UInt8]) throws(VerifierError) -> SignatureEntry {
        guard !content.isEmpty else { throw VerifierError(.malformedEnvelope, "the detached signature file is empty") }
        guard content.count <= 64 * 1024 else {
            throw VerifierError(.inputTooLarge, "the detached signature file is \(content.count) bytes, over 64 KiB")
        }
        var text = content[...]
        while let last = text.last, last == 0x0A || last == 0x0D { text.removeLast() }
        if let decoded = Base64.decode(text, alphabet: .standard), !decoded.isEmpty {
            return SignatureEntry(keyHint: nil, signature: decoded)
        }
        return SignatureEntry(keyHint: nil, signature: content)
    }
}
