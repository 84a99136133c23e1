import Foundation
import GRDB
import ReserveCore

public struct RecordOutcome: Sendable {
    /// The evaluation, with its history findings, as decided.
    public var evaluation: Evaluation
    /// A new attestation row was stored (false for a replay: only the evaluation was appended).
    public var recorded: Bool
    /// The attestation entered its coin's accepted history with this evaluation.
    public var accepted: Bool
    /// The appended evaluation row's hash.
    public var rowHash: String
}
