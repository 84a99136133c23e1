import Foundation

/// A rule of the history stage: reads the coin's history, or returns nil where it does not apply
/// (no ledger, untrusted input).
protocol HistoryRule: RuleDescription {
    /// Whether the attestation enters its coin's accepted history only if this rule passes.
    var guardsAdmission: Bool { get }
    func evaluate(_ context: HistoryContext) -> Finding?
}
