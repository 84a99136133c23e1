/// The catalogue's grouping of rules: the SCO60 condition a rule belongs to, or the verifier's
/// own stage (integrity, history, bank capital, jurisdiction).
public enum RuleCondition: String, Sendable, Hashable, CaseIterable {
    case integrity
    case stabilisation = "1 stabilisation"
    case redemptionRiskTest = "1 redemption risk test"
    case legal = "2 legal"
    case network = "3 network"
    case entities = "4 entities"
    case group2a = "group 2a"
    case bankCapital = "bank capital"
    case jurisdiction
    case history
}

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

/// The rules, by stage, in evaluation order: the only registry. The catalogue (`reserve-verifier
/// rules`, the docs' rules table), the profiles' common gating set and every ``RuleID``'s
/// reference and source come from here.
public enum Rules {
    /// SIG-TRUSTED, decided when the signatures are checked (``SignatureChecker``).
    static let signature = SignatureTrustRule()
    /// ATT-TIME, run for every input, trusted or not.
    static let integrity: [any Rule] = [AttestationTimeRule()]
    /// The rules that read the attestation alone (trusted input only).
    static let catalogue: [any Rule] = [
        PegRule(), NoCryptoReferenceRule(), NetReservesRule(), OvercollateralisationRule(), ReserveQualityRule(),
        CurrencyRule(), ReserveGovernanceRule(), DisclosureRule(), AuditRule(), LiquidityRule(), MaturityRule(),
        TenorRule(), ConcentrationRule(),
        SupervisionRule(), CustodyRule(), LegalRule(), FinalityRule(), RedemptionRule(), NetworkRule(),
        PermissionlessRule(),
        EntitiesRule(), EntityGovernanceRule(), HedgingRule(), CNYPegRule(),
    ]
    /// The rules that read the coin's history in the ledger.
    static let history: [any HistoryRule] = [
        ReplayRule(), EquivocationRule(), RollbackRule(), SequenceJumpRule(), StaleRule(),
    ]
    /// The rules that follow from the verdict and the bank's own figures.
    static let capital: [any CapitalRule] = [Group2LimitRule(), Group2bRiskWeightRule()]

    /// Every rule, in ``RuleID`` order (the catalogue's order).
    public static let all: [any RuleDescription] = {
        var rules: [any RuleDescription] = [signature]
        rules += integrity.map { $0 as any RuleDescription }
        rules += catalogue.map { $0 as any RuleDescription }
        rules += history.map { $0 as any RuleDescription }
        rules += capital.map { $0 as any RuleDescription }
        return rules.sorted { $0.id < $1.id }
    }()

    private static let byID: [RuleID: any RuleDescription] = Dictionary(all.map { ($0.id, $0) }) { first, _ in first }

    /// The rule with this id. Every id has exactly one rule (RuleRegistryTests).
    public static func describing(_ id: RuleID) -> any RuleDescription {
        byID[id]!  // every RuleID has a rule in `all`: invariant, tested
    }
}
