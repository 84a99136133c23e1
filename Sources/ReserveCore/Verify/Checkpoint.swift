/// A signed statement of the ledger's chain head: how many evaluations it held and the newest
/// row's hash, at a time. Written as a DSSE envelope (payload type ``payloadType``) signed with
/// the verifier's own key, so that any DSSE implementation can check it, and kept outside the
/// database (a file, the alert sinks): a ledger truncated or rewritten after it no longer holds it.
///
/// ```json
/// {"evaluations": 12, "format": "reserve-checkpoint/1", "headHash": "9f…", "time": "2026-11-22T00:00:00Z",
///  "tool": "reserve-verifier 0.7.0"}
/// ```
public struct Checkpoint: Sendable, Hashable {
    public static let payloadType = "application/vnd.reserve-verifier.checkpoint+json"
    public static let format = "reserve-checkpoint/1"

    public var evaluations: Int
    public var headHash: String
    public var time: Timestamp
    public var tool: String

    public init(evaluations: Int, headHash: String, time: Timestamp, tool: String) {
        self.evaluations = evaluations
        self.headHash = headHash
        self.time = time
        self.tool = tool
    }

    /// Canonical JSON (sorted keys, compact, final newline).
    public var payload: [UInt8] {
        let value: JSONValue = [
            "format": .string(Self.format), "evaluations": .int(evaluations), "headHash": .string(headHash),
            "time": .string(time.description), "tool": .string(tool),
        ]
        return Array((JSONWriter.write(value, pretty: false) + "\n").utf8)
    }

    /// The message a DSSE signature over this checkpoint covers.
    public var signingInput: [UInt8] { EnvelopeReader.pae(payloadType: Self.payloadType, payload: payload) }

    /// The signed envelope.
    public func envelope(keyID: String, signature: [UInt8]) -> [UInt8] {
        EnvelopeWriter.dsse(
            payload: payload, signatures: [.init(keyID: keyID, signature: signature)],
            payloadType: Self.payloadType)
    }

    /// Opens a checkpoint envelope and checks its signature with the verifier's public key.
    ///
    /// - Throws: E053 when the envelope or its payload is malformed, or no signature verifies
    ///   with `key`; E040 for a library failure.
    public static func open(
        _ bytes: [UInt8], key: any VerificationKey,
        algorithm: SignatureAlgorithm
    ) throws(VerifierError) -> Checkpoint {
        let payload = try SignedStatement.open(
            bytes, payloadType: payloadType, maxBytes: 64 * 1024, key: key,
            algorithms: [algorithm]
        ) { VerifierError(.invalidCheckpoint, "checkpoint: \($0)") }
        return try decode(payload)
    }

    /// Decodes a checkpoint payload strictly (every field required, nothing else).
    public static func decode(_ payload: [UInt8]) throws(VerifierError) -> Checkpoint {
        func bad(_ message: String) -> VerifierError {
            VerifierError(.invalidCheckpoint, "checkpoint payload: \(message)")
        }
        guard case .object(let o) = try JSONParser().parse(payload) else { throw bad("not a JSON object") }
        for key in o.keys where !["format", "evaluations", "headHash", "time", "tool"].contains(key) {
            throw bad("unknown field \(quotedForMessage(key))")
        }
        guard case .string(format)? = o["format"] else { throw bad("format is not \"\(format)\"") }
        guard case .number(let n)? = o["evaluations"], let evaluations = Int(n), evaluations >= 0 else {
            throw bad("evaluations must be a non-negative integer")
        }
        guard case .string(let head)? = o["headHash"], head.utf8.count == 64,
            head.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else { throw bad("headHash must be 64 lowercase hex digits") }
        guard case .string(let timeText)? = o["time"], let time = Timestamp.parse(timeText) else {
            throw bad("time must be an RFC 3339 UTC time")
        }
        guard case .string(let tool)? = o["tool"] else { throw bad("tool must be a string") }
        return Checkpoint(evaluations: evaluations, headHash: head, time: time, tool: tool)
    }
}
