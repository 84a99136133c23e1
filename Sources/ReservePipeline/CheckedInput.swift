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
    /// The parts of its ledger record that do not depend on the history, prepared where it was
    /// checked (when the run records).
    public var draft: RecordDraft? = nil
}

extension CheckedInput {
    /// Prepares the ledger record of an assessed input (nothing for one that could not be checked).
    ///
    /// - Parameter envelopeSHA256: the envelope's SHA-256 as computed when it was read, if it was.
    mutating func prepareRecord(envelopeSHA256: String?, hasher: any CryptoProvider) {
        guard case .success(let assessment) = outcome else { return }
        draft = RecordDraft(
            assessment, envelope: envelope, envelopeSHA256: envelopeSHA256, detachedSignature: detachedSignature,
            timestampToken: timestampToken, hasher: hasher)
    }
}
