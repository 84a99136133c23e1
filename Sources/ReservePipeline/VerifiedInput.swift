import ReserveCore
import ReserveStore

/// An envelope verified and ready to record: what a `watch` round collects before recording the
/// whole round in one transaction.
public struct VerifiedInput: Sendable {
    public var verified: VerifiedAttestation
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    public var source: String
    /// The time it was verified at, and is evaluated and recorded at.
    public var at: Timestamp

    public init(
        verified: VerifiedAttestation, envelope: [UInt8], detachedSignature: [UInt8]?, source: String, at: Timestamp
    ) {
        self.verified = verified
        self.envelope = envelope
        self.detachedSignature = detachedSignature
        self.source = source
        self.at = at
    }
}
