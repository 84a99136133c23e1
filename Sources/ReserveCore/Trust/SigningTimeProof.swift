/// The time at which key validity and revocation are judged: the earliest moment the verifier can
/// prove the signatures existed. The signer's own `issuedAt` is never used, since whoever holds a
/// stolen key writes whatever `issuedAt` predates its revocation.
public struct SigningTimeProof: Sendable, Hashable, CustomStringConvertible {
    public enum Source: String, Sendable, Hashable {
        /// An RFC 3161 token from a time-stamping authority the trust store lists.
        case timestamp = "rfc3161-timestamp"
        /// The ledger recorded this exact envelope before (its first-seen time).
        case ledger = "ledger-first-seen"
        /// Nothing earlier is proven: the evaluation time.
        case evaluation = "evaluation-time"
    }

    public let time: Timestamp
    public let source: Source

    public init(time: Timestamp, source: Source) {
        self.time = time
        self.source = source
    }

    /// The earliest of what is proven; the evaluation time when nothing earlier is.
    public static func earliest(timestamp: Timestamp?, firstSeen: Timestamp?, evaluation: Timestamp) -> SigningTimeProof
    {
        var best = SigningTimeProof(time: evaluation, source: .evaluation)
        if let firstSeen, firstSeen < best.time { best = SigningTimeProof(time: firstSeen, source: .ledger) }
        if let timestamp, timestamp < best.time { best = SigningTimeProof(time: timestamp, source: .timestamp) }
        return best
    }

    public var description: String { "\(time) (\(source.rawValue))" }
}
