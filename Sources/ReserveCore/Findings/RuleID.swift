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

    /// Where the rule comes from: the SCO60 condition and test (paragraph numbers are not given:
    /// they could not be verified against the consolidated text from here; see docs/READINGS.md).
    public var reference: String {
        switch self {
        case .sigTrusted: "Verifier policy: signatures against the trust store (evidence kept for the supervisor)"
        case .attTime: "Verifier policy: attestation not dated after the evaluation"
        case .cc1Peg: "SCO60 classification condition 1: stabilisation mechanism (redeemable for a predefined amount of the reference asset)"
        case .cc1NoCryptoRef: "SCO60 classification condition 1: stablecoins referencing other cryptoassets or algorithms do not qualify"
        case .rrtNet: "SCO60 condition 1, redemption risk test (a): reserve value net of non-holder claims >= aggregate peg value"
        case .rrtOC: "SCO60 condition 1, redemption risk test (a): overcollateralisation against risks beyond the reference asset"
        case .rrtQuality: "SCO60 condition 1, redemption risk test (b), as amended July 2024: eligible reserve assets"
        case .rrtCcy: "SCO60 condition 1, redemption risk test: reserves in the peg currency (or basket proportions)"
        case .rrtGov: "SCO60 condition 1, redemption risk test (c): reserve governance, operational risk and resilience"
        case .rrtDisclose: "SCO60 condition 1, redemption risk test (c): regular public disclosure of reserve value and composition"
        case .rrtAudit: "SCO60 condition 1, redemption risk test (c): independent external audit at least annually"
        case .rrtLiquidity: "SCO60 condition 1, redemption risk test (b): liquidity of reserves (tentative reading)"
        case .rrtMaturity: "MAS implementation of SCO60 (consultation March 2025): reserve pool weighted-average maturity"
        case .rrtTenor: "SCO60 condition 1, redemption risk test (b): short-dated reserves; HKMA licensed-issuer "
            + "reserve rules"
        case .rrtConcentration: "SCO60 condition 1, redemption risk test: redemption at all times, including extreme "
            + "stress"
        case .cnyPeg: "People's Bank of China, Yinfa [2026] No. 42: CNY-pegged stablecoins and RWA tokens"
        case .cc1Supervised: "SCO60 condition 1, supervision and regulation requirement for the issuer"
        case .cc1Custody: "SCO60 condition 1, redemption risk test (c): bankruptcy-remote reserves (custodian-bank deposits allowed, July 2024)"
        case .cc2Legal: "SCO60 classification condition 2: legally enforceable rights in every jurisdiction"
        case .cc2Finality: "SCO60 classification condition 2: settlement finality"
        case .cc2Redeem: "SCO60 classification condition 2: redemption; 5 calendar days per HKMA SPM CRP-1"
        case .cc3Network: "SCO60 classification condition 3: network risks sufficiently mitigated"
        case .cc3Permissionless: "SCO60 classification condition 3; BCBS position on permissionless blockchains (Dec 2023, July 2024)"
        case .cc4Entities: "SCO60 classification condition 4: regulated and supervised entities"
        case .cc4Governance: "SCO60 classification condition 4: disclosed governance framework"
        case .g2aHedging: "SCO60 Group 2a hedging recognition criteria (tentative)"
        case .g2Limit: "SCO60 Group 2 exposure limit (1% / 2% of Tier 1 capital)"
        case .g2bRiskWeight: "SCO60 Group 2b capital requirement (1,250% risk weight)"
        case .replay, .rollback, .equivocation, .stale: "Verifier policy: ledger history (SCO60 ongoing reassessment of the conditions)"
        case .sequenceJump: "Verifier policy: ledger history, a plausible sequence step (trust.json maxSequenceStep, default 100)"
        }
    }
}
