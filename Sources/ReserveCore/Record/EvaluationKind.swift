import Foundation

/// Why an evaluation row was written: a first verification, or a later re-evaluation of a stored
/// envelope (the ledger's `evaluation.kind`).
public enum EvaluationKind: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case verify
    case reevaluate

    public var description: String { rawValue }
}
