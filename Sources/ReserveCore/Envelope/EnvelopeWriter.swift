/// Writes DSSE envelopes (for the issuer-side `sign` command and for tests).
public enum EnvelopeWriter {
    public struct Signature: Sendable, Hashable {
        public var keyID: String
        public var signature: [UInt8]
        public init(keyID: String, signature: [UInt8]) {
            self.keyID = keyID
            self.signature = signature
        }
    }

    /// A DSSE envelope as deterministic JSON (sorted keys, standard base64, final newline).
    public static func dsse(
        payload: [UInt8], signatures: [Signature],
        payloadType: String = EnvelopeReader.dssePayloadType
    ) -> [UInt8] {
        let envelope: JSONValue = [
            "payloadType": .string(payloadType),
            "payload": .string(Base64.encode(payload)),
            "signatures": .array(
                signatures.map { ["keyid": .string($0.keyID), "sig": .string(Base64.encode($0.signature))] }),
        ]
        return Array((JSONWriter.write(envelope) + "\n").utf8)
    }

    /// The message a DSSE signature covers for `payload`.
    public static func dsseSigningInput(payload: [UInt8], payloadType: String = EnvelopeReader.dssePayloadType)
        -> [UInt8]
    {
        EnvelopeReader.pae(payloadType: payloadType, payload: payload)
    }

    /// Reads an existing DSSE envelope for co-signing: its payload and signatures, unverified.
    public static func openDSSE(_ bytes: [UInt8], limits: DecodingLimits = .default) throws(VerifierError) -> (
        payload: [UInt8], signatures: [Signature]
    ) {
        let envelope = try EnvelopeReader(limits: limits).open(bytes)
        guard envelope.kind == .dsse else {
            throw VerifierError(
                .malformedEnvelope, "only a DSSE envelope can be co-signed (this is \(envelope.kind.rawValue))")
        }
        return (
            envelope.payload, envelope.signatures.map { Signature(keyID: $0.keyHint ?? "", signature: $0.signature) }
        )
    }
}
