/// Everything the catalogue says about a rule, carried by the rule itself (as swift-certificates'
/// policies carry what they verify): a rule type that leaves one of these out does not compile.
///
/// Each stage has its own rule protocol refining this one, with the context of that stage:
/// ``SignatureRule`` (the signature checks), ``Rule`` (the attestation), ``HistoryRule`` (the
/// ledger's history snapshot) and ``CapitalRule`` (the verdict and the bank's position). Adding a
/// rule is its type and one entry in its stage's list in ``Rules``.
public protocol RuleDescription: Sendable {
    /// The stable id (stored in the ledger).
    var id: RuleID { get }
    var condition: RuleCondition { get }
    /// What the rule checks, in one paragraph for people.
    var checks: String { get }
    /// Where the rule comes from: the SCO60 condition and test, or the verifier's policy.
    var reference: String { get }
    /// The source of the rule's reading under the Basel profile; a profile may name another
    /// (``Profile/source(of:)``).
    var defaultSource: Source { get }
    /// Gates Group 1b eligibility in every shipped profile (``Profile/commonGating``).
    var gatesInEveryProfile: Bool { get }
    /// The thresholds the rule reads from `profile`, for people; nil when it reads none.
    func thresholds(in profile: Profile) -> String?
}
