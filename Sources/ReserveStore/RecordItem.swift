import Foundation
import GRDB
import ReserveCore

/// One verified envelope to record, with the bytes the ledger keeps. The verdict is not here:
/// the caller's evaluator decides it from the history the ledger reads (``Ledger/record(_:decide:)``).
public struct RecordItem: Sendable {
    public var source: String
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    /// The RFC 3161 token that came beside the envelope (`X.tsr`), if any.
    public var timestampToken: [UInt8]?
    public var verified: VerifiedAttestation
    public var evaluatedAt: Timestamp
    public var toolVersion: String
    /// The record's parts that do not depend on the history, prepared beforehand (on a worker):
    /// the writer then adds only what the history decides. Nil: the writer makes them all.
    public var draft: RecordDraft?

    public init(
        source: String, envelope: [UInt8], detachedSignature: [UInt8]?, timestampToken: [UInt8]? = nil,
        verified: VerifiedAttestation, evaluatedAt: Timestamp, toolVersion: String, draft: RecordDraft? = nil
    ) {
        self.source = source
        self.envelope = envelope
        self.detachedSignature = detachedSignature
        self.timestampToken = timestampToken
        self.verified = verified
        self.evaluatedAt = evaluatedAt
        self.toolVersion = toolVersion
        self.draft = draft
    }
}
