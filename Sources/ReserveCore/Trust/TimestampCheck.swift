/// What became of an RFC 3161 time-stamp token that came with an envelope.
///
/// The token's message imprint is SHA-256 over the envelope's signature bytes, concatenated in
/// envelope order (``Envelope/timestampedBytes``): a valid token proves that the signatures
/// existed at ``time``, whatever `issuedAt` the signer wrote.
public struct TimestampCheck: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case valid, invalid }
    public var status: Status
    public var time: Timestamp?  // genTime, when valid
    public var authority: String?  // the TSA's name from the trust store, when valid
    public var reason: String  // human message

    public init(status: Status, time: Timestamp? = nil, authority: String? = nil, reason: String) {
        self.status = status
        self.time = time
        self.authority = authority
        self.reason = reason
    }

    /// An invalid token, with the reason.
    public static func invalid(_ reason: String) -> TimestampCheck {
        TimestampCheck(status: .invalid, reason: reason)
    }
}
