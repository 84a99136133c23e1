/// Every rule's stable id. The raw value appears in findings, the database and the docs, and is
/// never reused for another meaning.
public enum RuleID: String, Sendable, Hashable, CaseIterable, Comparable {
    // Integrity of the attestation itself.
    case sigTrusted = "SIG-TRUSTED"
    case attTime = "ATT-TIME"
    // Condition 1.
    case cc1Peg = "CC1-PEG"
    case cc1NoCryptoRef = "CC1-NO-CRYPTO-REF"
    case rrtNet = "RRT-NET"
    case rrtOC = "RRT-OC"
    case rrtQuality = "RRT-QUALITY"
    case rrtCcy = "RRT-CCY"
    case rrtGov = "RRT-GOV"
    case rrtDisclose = "RRT-DISCLOSE"
    case rrtAudit = "RRT-AUDIT"
    case rrtLiquidity = "RRT-LIQUIDITY"
    case rrtMaturity = "RRT-MATURITY"
    case rrtTenor = "RRT-TENOR"
    case rrtConcentration = "RRT-CONCENTRATION"
    case cc1Supervised = "CC1-SUPERVISED"
    case cc1Custody = "CC1-CUSTODY"
    // Condition 2.
    case cc2Legal = "CC2-LEGAL"
    case cc2Finality = "CC2-FINALITY"
    case cc2Redeem = "CC2-REDEEM"
    // Condition 3.
    case cc3Network = "CC3-NETWORK"
    case cc3Permissionless = "CC3-PERMISSIONLESS"
    // Condition 4.
    case cc4Entities = "CC4-ENTITIES"
    case cc4Governance = "CC4-GOVERNANCE"
    // After Group 1b.
    case g2aHedging = "G2A-HEDGING"
    case g2Limit = "G2-LIMIT"
    case g2bRiskWeight = "G2B-RW"
    // Jurisdiction rules that apply whatever the profile.
    case cnyPeg = "PBOC-CNY"
    // History (the ledger).
    case replay = "REPLAY"
    case rollback = "ROLLBACK"
    case equivocation = "EQUIVOCATION"
    case sequenceJump = "SEQUENCE-JUMP"
    case stale = "STALE"

    public static func < (a: RuleID, b: RuleID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!  // allCases holds every case: invariant
    }

    /// Where the rule comes from: the SCO60 condition and test (the rule's own ``RuleDescription/reference``).
    public var reference: String { Rules.describing(self).reference }

    /// The source of the rule's reading under the Basel profile; rules whose source depends on
    /// the profile set it on their finding (``Profile/source(of:)``).
    public var defaultSource: Source { Rules.defaultSources[self]! }  // every RuleID has a rule: invariant, tested
}
