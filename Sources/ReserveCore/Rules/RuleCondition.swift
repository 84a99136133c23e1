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
