/// An opened envelope: the payload bytes, the exact bytes the signatures cover, and the signatures.
public struct Envelope: Sendable, Hashable {
    public var kind: EnvelopeKind
    public var payload: [UInt8]
    /// What was signed: the DSSE PAE, the JWS signing input, or the payload itself (detached).
    public var signedMessage: [UInt8]
    public var signatures: [SignatureEntry]
    /// An RFC 3161 token carried inside the envelope (DSSE `timestamp`), DER.
    public var timestampToken: [UInt8]?
    /// The payload already parsed, when opening the envelope had to parse it (bare payloads).
    var parsedPayload: JSONValue?

    public init(kind: EnvelopeKind, payload: [UInt8], signedMessage: [UInt8], signatures: [SignatureEntry]) {
        self.kind = kind
        self.payload = payload
        self.signedMessage = signedMessage
        self.signatures = signatures
    }

    /// What an RFC 3161 token imprints (as SHA-256): the raw signature bytes of every signature,
    /// concatenated in envelope order (DSSE `sig` decoded, the JWS signature decoded, the
    /// detached `.sig` decoded).
    public var timestampedBytes: [UInt8] {
        signatures.flatMap(\.signature)
    }
}
