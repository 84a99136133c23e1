/// A decoded `reserve-attestation/1` payload. Its signatures are not yet checked: see
/// ``VerifiedAttestation``.
///
/// Field names follow the JSON. Optional properties are optional in the format; a rule that
/// needs one that is absent reports `insufficient-data` rather than guess.
public struct Attestation: Sendable, Hashable {
    public static let format = "reserve-attestation/1"

    public var attestationId: String
    public var sequence: Int
    public var asOf: Timestamp
    public var issuedAt: Timestamp
    public var issuer: Issuer
    public var token: Token
    public var reserves: [ReserveLine]
    public var otherClaims: [OtherClaim]?
    public var entities: [Entity]?
    public var legal: Legal?
    public var governance: Governance?
    public var disclosure: Disclosure?
    public var assurance: [Assurance]?
    public var marketData: MarketData?

    public struct Issuer: Sendable, Hashable {
        public var id: String
        public var legalName: String
        /// ISO 3166-1 alpha-2.
        public var jurisdiction: String
        public var regulation: Regulation?
        /// The group the issuer belongs to (for CC1-CUSTODY: a custodian of the same group is not
        /// independent of it).
        public var group: String?
    }

    public struct Regulation: Sendable, Hashable {
        public var regulator: String
        public var licence: String
        public var prudentialCapital: Bool?
        public var prudentialLiquidity: Bool?
    }

    public struct Token: Sendable, Hashable {
        public var symbol: String
        public var peg: Peg
        public var stabilisation: Stabilisation?
        public var outstanding: [Outstanding]
        public var networks: [Network]?
        public var redemption: Redemption?
    }

    public struct Peg: Sendable, Hashable {
        /// ISO 4217 code of the reference asset (`JPY`, `USD`, `XAU`).
        public var currency: String
        public var valuePerUnit: Amount
    }

    public struct Outstanding: Sendable, Hashable {
        public var network: String
        public var contract: String?
        public var issued: Amount
        /// Units that cannot be redeemed (held by the issuer, burned-pending): excluded from the
        /// aggregate peg value.
        public var nonRedeemable: Amount
    }

    public struct Network: Sendable, Hashable {
        public var name: String
        public var permissionless: Bool
        public var validatorsRegulated: Bool?
        /// HTTPS URL of the issuer's assessment of the network's risks (transferability,
        /// settlement, governance, technology, AML/CFT).
        public var riskAssessment: String?
        /// HTTPS URL of the evidence of additional governance and technology measures (HKMA's
        /// condition for a permissionless network).
        public var mitigationEvidence: String?
        /// Structured evidence of mitigation (HKMA, MAS: a single URL is not enough).
        public var mitigation: Mitigation?
    }

    /// HTTPS URLs of the evidence for each area of a permissionless network's risk mitigation.
    public struct Mitigation: Sendable, Hashable {
        public var governance: String
        public var technology: String
        public var settlementFinality: String
        public var amlCft: String
    }

    public struct Redemption: Sendable, Hashable {
        public var holders: RedemptionHolders
        public var settlementDays: Int
        public var feePercent: Amount?
        public var minimumUnits: Amount?
    }

    public struct OtherClaim: Sendable, Hashable {
        public var description: String
        public var amount: Amount
    }

    public struct Entity: Sendable, Hashable {
        public var role: EntityRole
        public var name: String
        public var regulated: Bool?
        public var regulator: String?
        public var riskManagementStandards: Bool?
        public var governanceDisclosure: String?
    }

    public struct Legal: Sendable, Hashable {
        public var opinions: [LegalOpinion]?
        public var settlementFinality: Bool?
        /// Jurisdictions where the coin is issued or redeemed (ISO 3166-1 alpha-2); defaults to the
        /// issuer's jurisdiction in CC2-LEGAL when absent.
        public var jurisdictions: [String]?
    }

    public struct LegalOpinion: Sendable, Hashable {
        public var jurisdiction: String
        public var firm: String
        public var date: CivilDate
    }

    public struct Governance: Sendable, Hashable {
        public var operationalResilienceFramework: Bool?
        public var reserveMandateUrl: String?
    }

    public struct Disclosure: Sendable, Hashable {
        public var valueFrequencyDays: Int?
        public var compositionFrequencyDays: Int?
        public var lastPublished: Timestamp?
        public var url: String?
    }

    public struct Assurance: Sendable, Hashable {
        public var kind: AssuranceKind
        public var firm: String
        public var periodEnd: CivilDate
        public var opinionDate: CivilDate
        public var opinion: Opinion
        public var coversReserves: Bool
        public var independent: Bool?
        public var reportSha256: String?
    }

    /// Market data for the Group 2a hedging-recognition criteria (optional).
    public struct MarketData: Sendable, Hashable {
        public var referencedByRegulatedProduct: Bool
        public var averageMarketCapitalisationUSD: Amount
        public var trimmedMeanDailyVolumeUSD: Amount
        public var priceObservations: Int
    }
}
