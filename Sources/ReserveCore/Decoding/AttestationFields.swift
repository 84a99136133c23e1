/// The fields of every object of `reserve-attestation/1`, written once: each object is an enum
/// whose cases are its field names in the format's order, with the required ones and each field's
/// JSON Schema. The tree decoder (``DecodeContext``) takes its unknown and missing field checks
/// from these, the fast ``DirectDecoder`` its field names, and ``AttestationSchema`` is generated
/// from them (committed as `docs/schemas/reserve-attestation.schema.json`).
public enum AttestationFields {
    private typealias S = AttestationSchema

    /// The document.
    public enum Top: String, FormatFields {
        case format, attestationId, sequence, asOf, issuedAt, issuer, token, reserves
        case otherClaims, entities, legal, governance, disclosure, assurance, marketData

        public static let required: Set<Self> = [
            .format, .attestationId, .sequence, .asOf, .issuedAt, .issuer, .token, .reserves,
        ]
        public var schema: JSONValue {
            switch self {
            case .format: ["const": .string(Attestation.format)]
            case .attestationId: S.identifier
            case .sequence: S.int(1, Int(Int32.max))
            case .asOf, .issuedAt: S.timestamp
            case .issuer: Issuer.objectSchema
            case .token: Token.objectSchema
            case .reserves: S.array(S.reserveLine, minItems: 1)
            case .otherClaims: S.array(OtherClaim.objectSchema)
            case .entities: S.array(Entity.objectSchema)
            case .legal: Legal.objectSchema
            case .governance: Governance.objectSchema
            case .disclosure: Disclosure.objectSchema
            case .assurance: S.array(Assurance.objectSchema)
            case .marketData: MarketData.objectSchema
            }
        }
    }

    public enum Issuer: String, FormatFields {
        case id, legalName, jurisdiction, regulation, group

        public static let required: Set<Self> = [.id, .legalName, .jurisdiction]
        public var schema: JSONValue {
            switch self {
            case .id: ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"]
            case .legalName, .group: S.s()
            case .jurisdiction: S.country
            case .regulation: Regulation.objectSchema
            }
        }
    }

    public enum Regulation: String, FormatFields {
        case regulator, licence, prudentialCapital, prudentialLiquidity

        public static let required: Set<Self> = [.regulator, .licence]
        public var schema: JSONValue {
            switch self {
            case .regulator, .licence: S.s()
            case .prudentialCapital, .prudentialLiquidity: S.bool
            }
        }
    }

    public enum Token: String, FormatFields {
        case symbol, peg, stabilisation, outstanding, networks, redemption

        public static let required: Set<Self> = [.symbol, .peg, .outstanding]
        public var schema: JSONValue {
            switch self {
            case .symbol: S.identifier
            case .peg: Peg.objectSchema
            case .stabilisation: S.enumeration(Stabilisation.allCases.map(\.rawValue))
            case .outstanding: S.array(Outstanding.objectSchema, minItems: 1)
            case .networks: S.array(Network.objectSchema)
            case .redemption: Redemption.objectSchema
            }
        }
    }

    public enum Peg: String, FormatFields {
        case currency, valuePerUnit

        public static let required: Set<Self> = [.currency, .valuePerUnit]
        public var schema: JSONValue {
            switch self {
            case .currency: S.currency
            case .valuePerUnit: S.amount
            }
        }
    }

    public enum Outstanding: String, FormatFields {
        case network, contract, issued, nonRedeemable

        public static let required: Set<Self> = [.network, .issued, .nonRedeemable]
        public var schema: JSONValue {
            switch self {
            case .network: S.identifier
            case .contract: S.s()
            case .issued, .nonRedeemable: S.amount
            }
        }
    }

    public enum Network: String, FormatFields {
        case name, permissionless, validatorsRegulated, riskAssessment, mitigationEvidence, mitigation

        public static let required: Set<Self> = [.name, .permissionless]
        public var schema: JSONValue {
            switch self {
            case .name: S.identifier
            case .permissionless, .validatorsRegulated: S.bool
            case .riskAssessment, .mitigationEvidence: S.https
            case .mitigation: Mitigation.objectSchema
            }
        }
    }

    public enum Mitigation: String, FormatFields {
        case governance, technology, settlementFinality, amlCft

        public static let required: Set<Self> = [.governance, .technology, .settlementFinality, .amlCft]
        public var schema: JSONValue { S.https }
    }

    public enum Redemption: String, FormatFields {
        case holders, settlementDays, feePercent, minimumUnits

        public static let required: Set<Self> = [.holders, .settlementDays]
        public var schema: JSONValue {
            switch self {
            case .holders: S.enumeration(RedemptionHolders.allCases.map(\.rawValue))
            case .settlementDays: S.int(0, 3650)
            case .feePercent, .minimumUnits: S.amount
            }
        }
    }

    /// A reserve line (or a fund's holding). Which fields a line may carry depends on its class:
    /// ``Line/common`` for every class, ``Line/specific(to:)`` beyond them.
    public enum Line: String, FormatFields {
        case id, `class`, currency, value, custody, custodian, acquiredVia, description
        case issuer, rating, maturity, faceValue, counterparty, callable, tenorDays, collateral
        case name, holdsOnlyEligible, weightedAverageMaturityDays, mainIndex, holdings

        public static let required: Set<Self> = [.id, .class, .currency, .value, .custody]

        /// Fields every reserve line may carry.
        public static let common: Set<Self> = [
            .id, .class, .currency, .value, .custody, .custodian, .acquiredVia, .description,
        ]

        /// Fields a reserve line of `assetClass` may carry beyond the common ones.
        public static func specific(to assetClass: ReserveClass) -> Set<Self> {
            switch assetClass {
            case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
                [.issuer, .rating, .maturity, .faceValue]
            case .bankDeposit: [.counterparty, .callable, .maturity]
            case .reverseRepo: [.counterparty, .tenorDays, .collateral]
            case .moneyMarketFund: [.name, .holdsOnlyEligible, .weightedAverageMaturityDays, .holdings]
            case .centralBankReserve: [.issuer]
            case .equity: [.name, .mainIndex]
            case .gold, .cryptoasset, .securedLoan, .other: [.name]
            }
        }

        /// Every field a line of `assetClass` may carry.
        public static func allowed(for assetClass: ReserveClass) -> Set<Self> {
            common.union(specific(to: assetClass))
        }

        public var schema: JSONValue {
            switch self {
            case .id: S.identifier
            case .class: S.enumeration(ReserveClass.allCases.map(\.rawValue))
            case .currency: S.currency
            case .value, .faceValue: S.amount
            case .custody: S.enumeration(Custody.allCases.map(\.rawValue))
            case .custodian: Party.objectSchema
            case .acquiredVia: S.enumeration(Acquisition.allCases.map(\.rawValue))
            case .description, .name: S.s()
            case .issuer: S.s("ISO country code for sovereign and central-bank issuers, a name otherwise.")
            case .rating: S.rating
            case .maturity: S.date
            case .counterparty: Counterparty.objectSchema
            case .callable, .holdsOnlyEligible, .mainIndex: S.bool
            case .tenorDays, .weightedAverageMaturityDays: S.int(0, 36500)
            case .collateral: Collateral.objectSchema
            case .holdings:
                [
                    "type": "array", "minItems": 1, "items": ["$ref": "#/properties/reserves/items"],
                    "description": "A fund's holdings (looked through; not another fund).",
                ]
            }
        }
    }

    /// A line's custodian.
    public enum Party: String, FormatFields {
        case name, regulated, group

        public static let required: Set<Self> = [.name]
        public var schema: JSONValue {
            switch self {
            case .name, .group: S.s()
            case .regulated: S.bool
            }
        }
    }

    public enum Counterparty: String, FormatFields {
        case name, rating, regulated, group

        public static let required: Set<Self> = [.name]
        public var schema: JSONValue {
            switch self {
            case .name, .group: S.s()
            case .rating: S.rating
            case .regulated: S.bool
            }
        }
    }

    public enum Collateral: String, FormatFields {
        case `class`, issuer, rating, currency, value, maturity

        public static let required: Set<Self> = [.class, .issuer, .currency, .value]
        public var schema: JSONValue {
            switch self {
            case .class: S.enumeration(ReserveClass.allCases.map(\.rawValue))
            case .issuer: S.s()
            case .rating: S.rating
            case .currency: S.currency
            case .value: S.amount
            case .maturity: S.date
            }
        }
    }

    public enum OtherClaim: String, FormatFields {
        case description, amount

        public static let required: Set<Self> = [.description, .amount]
        public var schema: JSONValue {
            switch self {
            case .description: S.s()
            case .amount: S.amount
            }
        }
    }

    public enum Entity: String, FormatFields {
        case role, name, regulated, regulator, riskManagementStandards, governanceDisclosure

        public static let required: Set<Self> = [.role, .name]
        public var schema: JSONValue {
            switch self {
            case .role: S.enumeration(EntityRole.allCases.map(\.rawValue))
            case .name, .regulator: S.s()
            case .regulated, .riskManagementStandards: S.bool
            case .governanceDisclosure: S.https
            }
        }
    }

    public enum Legal: String, FormatFields {
        case opinions, settlementFinality, jurisdictions

        public static let required: Set<Self> = []
        public var schema: JSONValue {
            switch self {
            case .opinions: S.array(LegalOpinion.objectSchema)
            case .settlementFinality: S.bool
            case .jurisdictions: S.array(S.country)
            }
        }
    }

    public enum LegalOpinion: String, FormatFields {
        case jurisdiction, firm, date

        public static let required: Set<Self> = [.jurisdiction, .firm, .date]
        public var schema: JSONValue {
            switch self {
            case .jurisdiction: S.country
            case .firm: S.s()
            case .date: S.date
            }
        }
    }

    public enum Governance: String, FormatFields {
        case operationalResilienceFramework, reserveMandateUrl

        public static let required: Set<Self> = []
        public var schema: JSONValue {
            switch self {
            case .operationalResilienceFramework: S.bool
            case .reserveMandateUrl: S.https
            }
        }
    }

    public enum Disclosure: String, FormatFields {
        case valueFrequencyDays, compositionFrequencyDays, lastPublished, url

        public static let required: Set<Self> = []
        public var schema: JSONValue {
            switch self {
            case .valueFrequencyDays, .compositionFrequencyDays: S.int(1, 3660)
            case .lastPublished: S.timestamp
            case .url: S.https
            }
        }
    }

    public enum Assurance: String, FormatFields {
        case kind, firm, periodEnd, opinionDate, opinion, coversReserves, independent, reportSha256

        public static let required: Set<Self> = [.kind, .firm, .periodEnd, .opinionDate, .opinion, .coversReserves]
        public var schema: JSONValue {
            switch self {
            case .kind: S.enumeration(AssuranceKind.allCases.map(\.rawValue))
            case .firm: S.s()
            case .periodEnd, .opinionDate: S.date
            case .opinion: S.enumeration(Opinion.allCases.map(\.rawValue))
            case .coversReserves, .independent: S.bool
            case .reportSha256: ["type": "string", "pattern": "^[0-9a-f]{64}$"]
            }
        }
    }

    public enum MarketData: String, FormatFields {
        case referencedByRegulatedProduct, averageMarketCapitalisationUSD, trimmedMeanDailyVolumeUSD
        case priceObservations

        public static let required: Set<Self> = [
            .referencedByRegulatedProduct, .averageMarketCapitalisationUSD, .trimmedMeanDailyVolumeUSD,
            .priceObservations,
        ]
        public var schema: JSONValue {
            switch self {
            case .referencedByRegulatedProduct: S.bool
            case .averageMarketCapitalisationUSD, .trimmedMeanDailyVolumeUSD: S.amount
            case .priceObservations: S.int(0, 100_000)
            }
        }
    }

    /// The names of the fields every reserve line may carry.
    public static var reserveCommon: Set<String> { Set(Line.common.map(\.rawValue)) }

    /// The names of the fields a reserve line of `assetClass` may carry beyond the common ones.
    public static func reserveSpecific(_ assetClass: ReserveClass) -> Set<String> {
        Set(Line.specific(to: assetClass).map(\.rawValue))
    }
}
