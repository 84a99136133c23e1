/// Opens a DSSE envelope that the verifier itself signed (a checkpoint, a verification record)
/// and checks it with the verifier's public key: strict JSON, only DSSE's three fields, the
/// expected payload type, canonical base64, 1 to 16 signatures, at least one verifying.
enum SignedStatement {
    /// - Parameters:
    ///   - bad: builds the caller's error (its code and what the statement is called).
    /// - Returns: the payload, once a signature verified.
    static func open(
        _ bytes: [UInt8], payloadType: String, maxBytes: Int, key: any VerificationKey,
        algorithms: [SignatureAlgorithm], bad: (String) -> VerifierError
    ) throws(VerifierError) -> [UInt8] {
        guard bytes.count <= maxBytes else { throw bad("\(bytes.count) bytes is too large") }
        let parsed: JSONValue
        do {
            parsed = try JSONParser().parse(bytes)
        } catch {
            throw bad("not strict JSON: \(error.message)")
        }
        guard case .object(let envelope) = parsed else { throw bad("not a DSSE envelope (a JSON object)") }
        for field in envelope.keys where !["payloadType", "payload", "signatures"].contains(field) {
            throw bad("unknown DSSE field \(quotedForMessage(field))")
        }
        guard case .string(let type)? = envelope["payloadType"], type == payloadType else {
            throw bad("payloadType is not \"\(payloadType)\"")
        }
        guard case .string(let text)? = envelope["payload"], let payload = Base64.decodeEither(text.utf8) else {
            throw bad("payload must be base64")
        }
        guard case .array(let signatures)? = envelope["signatures"], !signatures.isEmpty, signatures.count <= 16 else {
            throw bad("signatures must be a list of 1 to 16 entries")
        }
        let message = EnvelopeReader.pae(payloadType: payloadType, payload: payload)
        for case .object(let entry) in signatures {
            guard case .string(let sigText)? = entry["sig"], let signature = Base64.decodeEither(sigText.utf8) else {
                continue
            }
            for algorithm in algorithms
            where try key.verify(signature: signature, message: message, algorithm: algorithm, encoding: .der) {
                return payload
            }
        }
        throw bad("no signature verifies with the verifier's key \(key.id.prefix(12))…")
    }
}
