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

    /// Every rule's ``RuleDescription/defaultSource``, built once: each finding reads its rule's
    /// (when made and when the profile's source is applied), and a rule builds its citation text anew
    /// on every read.
    static let defaultSources: [RuleID: Source] = byID.mapValues(\.defaultSource)
}
