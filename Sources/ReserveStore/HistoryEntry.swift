import Foundation
import GRDB
import ReserveCore

/// One evaluation, for `history`.
public struct HistoryEntry: Sendable, Hashable {
    public var evaluationID: Int64
    public var sequence: Int
    public var token: String
    public var asOf: Timestamp
    public var kind: EvaluationKind
    public var profile: String
    public var evaluatedAt: String
    public var eligible: Bool
    public var group: String
    public var blocking: [RuleID]
    public var coverage: String?
    public var stressedCoverage: String?
    public var accepted: Bool
    public var digest: String
}
