import Foundation
import GRDB
import ReserveCore

/// One evaluation read back from the ledger (its row checked against its hash first): what it
/// decided, its findings, the attestation it judged and that attestation's signature checks.
public struct StoredEvaluation: Sendable {
    public var id: Int64
    public var rowHash: String
    public var kind: String
    public var summary: EvaluationSummary
    public var source: String
    public var envelope: [UInt8]
    public var envelopeSHA256: String
    public var receivedAt: String
    public var signatures: [StoredSignatureCheck]
}
