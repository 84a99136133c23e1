import Foundation

/// The Group 1b decision for one attestation under one profile. Decided by ``Evaluator`` only.
public struct Verdict: Sendable, Hashable {
    public internal(set) var eligible: Bool
    public internal(set) var group: Group
    /// Profile name and version, e.g. `bcbs@2026-01-01`.
    public internal(set) var profile: String
    /// Gating rules that failed or lacked data, in catalogue order.
    public internal(set) var blocking: [RuleID]
    /// Profile notes for the bank (HKMA provisional 2b, MAS prior notice).
    public internal(set) var notes: [String]
}
