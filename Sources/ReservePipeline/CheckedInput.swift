import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// One input read, hashed and checked: its assessment (or why it could not be checked), with
/// the bytes the ledger stores.
public struct CheckedInput: Sendable {
    public var source: String
    public var outcome: Result<Assessment, VerifierError>
    public var envelope: [UInt8]
    public var detachedSignature: [UInt8]?
    /// The `.tsr` beside the input, as read (RFC 3161 token).
    public var timestampToken: [UInt8]? = nil
}
