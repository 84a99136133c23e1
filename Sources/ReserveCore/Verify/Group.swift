import Foundation

/// The SCO60 group a coin falls in, written `1b`, `2a` or `2b` (in JSON, the ledger and text).
public enum Group: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Group 1b: every gating condition met.
    case group1b = "1b"
    /// Group 2a: not 1b, but the hedging recognition criteria are met.
    case group2a = "2a"
    /// Group 2b: everything else.
    case group2b = "2b"

    public var description: String { rawValue }
}
