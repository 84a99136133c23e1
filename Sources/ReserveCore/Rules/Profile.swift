import Foundation

/// A reading of the rules: which gate eligibility, their thresholds and stress parameters.
/// Profiles are data that the rules read; no rule asks which profile is active.
///
/// Every stored verdict records ``versionedName`` so that a changed reading never silently
/// changes an old verdict.
public struct Profile: Sendable, Hashable {
    public var name: String
    public var version: String
    public var title: String
    /// Rules that decide eligibility. Others are reported but do not block.
    public var gating: Set<RuleID>
    /// Rules that report `warn` instead of `fail` (readings the project marks tentative: docs/READINGS.md).
    public var tentative: Set<RuleID>
    public var permissionless: PermissionlessTreatment
    public var thresholds: Thresholds
    public var stress: StressParameters
    /// Things the bank must do under this profile, printed with every verdict.
    public var notes: [String]
    /// Where this profile's reading of a rule comes from, when it differs from the rule's
    /// ``RuleID/defaultSource`` (a jurisdiction rule, a calibration, the bank's policy).
    public var sources: [RuleID: Source] = [:]

    public func source(of rule: RuleID) -> Source { sources[rule] ?? rule.defaultSource }
    /// The bank's registry and policy, when applied (``applying(_:)``).
    public var policy: BankPolicy?

    /// `bcbs@2026-01-01`, or with the bank's policy `bcbs@2026-01-01+example-bank@sha256:0123456789ab`.
    public var versionedName: String { "\(name)@\(version)" + (policy.map { "+\($0.identity)" } ?? "") }

    public func isGating(_ rule: RuleID) -> Bool { gating.contains(rule) }

    /// How a coin on a permissionless network is treated (CC3-PERMISSIONLESS).
    public enum PermissionlessTreatment: String, Sendable, Hashable {
        /// BCBS: risks cannot yet be sufficiently mitigated; Group 1 is not met.
        case fail
        /// HKMA CRP-1: allowed only with additional governance and technology measures evidenced.
        case requiresMitigationEvidence = "requires-mitigation-evidence"
        /// MAS (2026): a conditional path with exposure caps; reported as a warning.
        case conditionalWithExposureCap = "conditional-with-exposure-cap"
    }

    public struct Thresholds: Sendable, Hashable {
        /// CC2-REDEEM: most calendar days from request to settlement.
        public var redemptionDays = 5
        /// CC2-REDEEM: the largest redemption fee, in percent, that still counts as redemption at the
        /// peg value (it warns); a larger one fails. Calibration: an "ordinary" fee (the idea of
        /// redemption at par net of ordinary, well-disclosed fees, NYDFS guidance of June 2022,
        /// unconfirmed); the 1% is ours (2026-12-02: before, a 100% fee only warned).
        public var maxRedemptionFeePercent = Money(1)
        /// RRT-AUDIT: an audit period must end within this many months before `asOf` ...
        public var auditMonths = 12
        /// ... plus this reporting lag, so that a December year-end audit with a March opinion
        /// keeps an annual audit annual (calibration: 4 months, the usual statutory filing lag).
        public var auditReportingLagMonths = 4
        /// RRT-DISCLOSE: reserve value published at least every N days.
        public var valueDisclosureDays = 1
        /// RRT-DISCLOSE: reserve composition published at least every N days.
        public var compositionDisclosureDays = 7
        /// RRT-DISCLOSE: `lastPublished` may be older than `asOf` by the stated value frequency plus
        /// this lag (calibration: 3 days, a weekend and a holiday).
        public var disclosureLagDays = 3
        /// RRT-QUALITY: lowest rating of an eligible sovereign (other than own-currency debt).
        public var sovereignMinimumRating = Rating.aaMinus
        /// RRT-QUALITY: lowest rating of own-currency sovereign debt in the peg currency
        /// (calibration: investment grade).
        public var ownCurrencySovereignMinimumRating = Rating.bbbMinus
        /// RRT-QUALITY: lowest rating of an eligible deposit bank.
        public var bankMinimumRating = Rating.aMinus
        /// RRT-QUALITY: longest eligible reverse repo, in days.
        public var reverseRepoMaxTenorDays = 7
        /// RRT-LIQUIDITY: assets available the same day must cover this share of the peg value.
        public var sameDayLiquidityShare = Money(20, exponent: -2)
        /// RRT-LIQUIDITY: sovereign bills count as same-day liquidity up to this residual maturity.
        public var sameDayBillMaxDays = 92
        /// RRT-MATURITY: weighted-average maturity limit of the reserve pool, if any.
        public var maxWeightedAverageMaturityDays: Int? = nil
        /// G2A-HEDGING (SCO60 hedging recognition).
        public var hedgingMarketCapUSD = Money(10_000_000_000)
        public var hedgingDailyVolumeUSD = Money(50_000_000)
        public var hedgingPriceObservations = 100
        /// ATT-TIME: allowed clock skew for an attestation issued "in the future".
        public var clockSkewSeconds = 300
        /// RRT-TENOR: residual maturity and deposit term limits.
        public var tenor = TenorLimits.calibration
        /// RRT-CONCENTRATION: loss given default of the largest unsecured counterparty
        /// (calibration: 45%, the F-IRB LGD for senior unsecured claims on banks, CRE32).
        public var concentrationLossGivenDefault = Money(45, exponent: -2)
        /// RRT-CONCENTRATION fails (rather than warns) when the stressed coverage falls below 100%.
        public var concentrationGates = false
    }

    /// RRT-TENOR limits, in days.
    public struct TenorLimits: Sendable, Hashable {
        /// Longest term of a (non-callable) deposit.
        public var depositMaxTermDays: Int
        /// Longest residual maturity of a debt security.
        public var securityMaxResidualDays: Int
        /// Longest reverse repo (nil: RRT-QUALITY's limit alone).
        public var reverseRepoMaxTenorDays: Int?
        /// Fails when exceeded (jurisdiction rule); otherwise warns (calibration).
        public var gates: Bool

        /// One year for deposits and securities; warns (a calibration of "high quality, short").
        public static let calibration = TenorLimits(
            depositMaxTermDays: 366, securityMaxResidualDays: 366,
            reverseRepoMaxTenorDays: nil, gates: false)
        /// HKMA licensed-issuer reserve rules: deposits up to 3 months, government securities up to
        /// 1 year, overnight reverse repos; gating.
        public static let hkma = TenorLimits(
            depositMaxTermDays: 92, securityMaxResidualDays: 366,
            reverseRepoMaxTenorDays: 1, gates: true)
    }

    public static let bcbs = Profile(
        name: "bcbs", version: "2026-01-01",
        title: "Basel Committee SCO60 as in force 1 January 2026 (amended July 2024)",
        gating: Profile.commonGating, tentative: [.rrtLiquidity, .g2aHedging], permissionless: .fail,
        thresholds: Thresholds(), stress: .sco60v1, notes: [], sources: Profile.bcbsSources)

    public static let hkma = Profile(
        name: "hkma", version: "2026-01-01",
        title: "HKMA Banking (Capital) Rules as amended, in force 1 January 2026, and SPM CRP-1",
        gating: Profile.commonGating, tentative: [.rrtLiquidity, .g2aHedging],
        permissionless: .requiresMitigationEvidence,
        thresholds: {
            var t = Thresholds()
            t.tenor = .hkma
            return t
        }(), stress: .sco60v1,
        notes: [
            "HKMA: a coin the bank has not held before is classified provisionally as Group 2b until the HKMA "
                + "confirms the bank's classification; the HKMA may override it (jurisdiction rule: "
                + "\(Source.hkmaCRP1.citation))."
        ],
        sources: Profile.bcbsSources.merging([
            .rrtTenor: .hkmaStablecoinReserves, .cc3Permissionless: .hkmaCRP1,
            .cc2Redeem: .hkmaCRP1,
        ]) { $1 })

    public static let mas = Profile(
        name: "mas", version: "2025-03",
        title: "MAS implementation of SCO60 (consultation March 2025; in force 2027 or later)",
        gating: Profile.commonGating.union([.rrtMaturity]), tentative: [.rrtLiquidity, .g2aHedging],
        permissionless: .conditionalWithExposureCap,
        thresholds: {
            var t = Thresholds()
            t.maxWeightedAverageMaturityDays = 90
            return t
        }(), stress: .sco60v1,
        notes: [
            "MAS: tell MAS the proposed classification at least one month before the bank first invests in the "
                + "coin (jurisdiction rule: \(Source.masConsultation.citation))."
        ],
        sources: Profile.bcbsSources.merging([
            .rrtMaturity: .masConsultation,
            .cc3Permissionless: .masConsultation,
        ]) { $1 })

    public static let all: [Profile] = [.bcbs, .hkma, .mas]

    public static func named(_ name: String) -> Profile? { all.first { $0.name == name } }

    /// The Basel profile's labels for what is calibration or interpretation rather than text.
    static let bcbsSources: [RuleID: Source] = [
        .rrtDisclose: Source(
            .toolCalibration,
            "disclosure cadence (value daily, composition weekly) and publication lag: "
                + "calibration of SCO60's \"regular\" public disclosure", confirmed: true),
        .rrtAudit: Source(
            .toolCalibration,
            "12 months plus a 4-month reporting lag: calibration of SCO60's "
                + "\"at least annually\" independent audit", confirmed: true),
        .cc2Redeem: Source(
            .toolCalibration,
            "5 calendar days: calibration borrowed from HKMA SPM CRP-1 for SCO60's "
                + "timely redemption", confirmed: false),
        .cc3Permissionless: .bcbsConsultationDec2023,
    ]

    /// The rules that gate in every shipped profile: those that say so (``RuleDescription/gatesInEveryProfile``).
    static let commonGating = Set(Rules.all.filter(\.gatesInEveryProfile).map(\.id))
}
