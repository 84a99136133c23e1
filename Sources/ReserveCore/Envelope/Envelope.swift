/// An opened envelope: the payload bytes, the exact bytes the signatures cover, and the signatures.
///
/// A DSSE envelope's payload is held once: the PAE (``signedMessage``) ends with it, so the
/// payload is that part of the PAE (``withPayload(_:)`` reads it in place), not a second copy of
/// a payload that may be 12 MB.
public struct Envelope: Sendable, Hashable {
    public var kind: EnvelopeKind
    /// What was signed: the DSSE PAE, the JWS signing input, or the payload itself (detached).
    public var signedMessage: [UInt8] {
        get { message }
        set {
            if let range = payloadRange {
                ownPayload = Array(message[range])
                payloadRange = nil
            }
            message = newValue
        }
    }
    /// The payload. For a DSSE envelope this is a copy of the end of the PAE: read it in place
    /// with ``withPayload(_:)``.
    public var payload: [UInt8] {
        get { payloadRange.map { Array(message[$0]) } ?? ownPayload }
        set {
            ownPayload = newValue
            payloadRange = nil
        }
    }
    public var signatures: [SignatureEntry]
    /// An RFC 3161 token carried inside the envelope (DSSE `timestamp`), DER.
    public var timestampToken: [UInt8]?
    /// The payload already parsed, when opening the envelope had to parse it (bare payloads).
    var parsedPayload: JSONValue?

    private var message: [UInt8]
    /// The payload when it is not part of ``message``.
    private var ownPayload: [UInt8]
    /// Where the payload lies in ``message``, when it lies there (DSSE).
    private var payloadRange: Range<Int>?

    public init(kind: EnvelopeKind, payload: [UInt8], signedMessage: [UInt8], signatures: [SignatureEntry]) {
        self.kind = kind
        self.ownPayload = payload
        self.message = signedMessage
        self.signatures = signatures
    }

    /// A DSSE envelope whose payload is `pae[payloadStart...]`.
    init(dssePAE pae: [UInt8], payloadStart: Int, signatures: [SignatureEntry]) {
        self.kind = .dsse
        self.ownPayload = []
        self.message = pae
        self.payloadRange = payloadStart..<pae.count
        self.signatures = signatures
    }

    /// `body` on the payload's bytes, without copying them.
    public func withPayload<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        if let range = payloadRange {
            return try message.withUnsafeBufferPointer { (buffer) throws(E) -> R in
                try body(UnsafeBufferPointer(rebasing: buffer[range]))
            }
        }
        return try ownPayload.withUnsafeBufferPointer(body)
    }

    /// What an RFC 3161 token imprints (as SHA-256): the raw signature bytes of every signature,
    /// concatenated in envelope order (DSSE `sig` decoded, the JWS signature decoded, the
    /// detached `.sig` decoded).
    public var timestampedBytes: [UInt8] {
        signatures.flatMap(\.signature)
    }

    /// Envelopes are equal when they hold the same bytes, however the payload is held.
    public static func == (a: Envelope, b: Envelope) -> Bool {
        a.kind == b.kind && a.message == b.message && a.signatures == b.signatures
            && a.timestampToken == b.timestampToken && a.parsedPayload == b.parsedPayload
            && a.withPayload { x in b.withPayload { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(message)
        hasher.combine(signatures)
        hasher.combine(timestampToken)
        hasher.combine(parsedPayload)
        withPayload { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
