/// One reserve position. Which fields may appear depends on ``assetClass`` (see
/// ``AttestationDecoder``); a field the class does not use is an unknown-field error.
public struct ReserveLine: Sendable, Hashable {
    public var id: String
    public var assetClass: ReserveClass
    /// ISO 4217 code of the currency (or commodity, e.g. `XAU`) the asset is denominated in.
    public var currency: String
    /// Market value (nominal for cash and deposits) in the **peg currency**, the attestation's
    /// reporting currency, so that lines add up without exchange rates.
    public var value: Amount
    public var custody: Custody
    public var custodian: Party?
    public var acquiredVia: Acquisition
    public var description: String?

    // Debt securities and central-bank reserves.
    /// ISO country code for sovereign and central-bank issuers, a name otherwise.
    public var issuer: String?
    public var rating: Rating?
    public var maturity: CivilDate?
    public var faceValue: Amount?

    // Deposits and reverse repos.
    public var counterparty: Counterparty?
    public var callable: Bool?
    public var tenorDays: Int?
    public var collateral: Collateral?

    // Funds and other named assets.
    public var name: String?
    public var holdsOnlyEligible: Bool?
    public var weightedAverageMaturityDays: Int?
    /// Equities: constituent of a main index (20% haircut instead of 30%).
    public var mainIndex: Bool?
    /// Money-market funds: the fund's holdings, looked through by RRT-QUALITY and RRT-OC. Values
    /// are the line's share of each holding, in the peg currency; they add up to the fund's value.
    public var holdings: [ReserveLine]?

    public init(id: String, assetClass: ReserveClass, currency: String, value: Amount, custody: Custody) {
        self.id = id
        self.assetClass = assetClass
        self.currency = currency
        self.value = value
        self.custody = custody
        self.acquiredVia = .outright
    }

    /// Every field at once, as a decoder has read them (the two decoders share it).
    init(
        id: String, assetClass: ReserveClass, currency: String, value: Amount, custody: Custody, custodian: Party?,
        acquiredVia: Acquisition?, description: String?, issuer: String?, rating: Rating?, maturity: CivilDate?,
        faceValue: Amount?, counterparty: Counterparty?, callable: Bool?, tenorDays: Int?, collateral: Collateral?,
        name: String?, holdsOnlyEligible: Bool?, weightedAverageMaturityDays: Int?, mainIndex: Bool?,
        holdings: [ReserveLine]?
    ) {
        self.init(id: id, assetClass: assetClass, currency: currency, value: value, custody: custody)
        self.custodian = custodian
        self.acquiredVia = acquiredVia ?? .outright
        self.description = description
        self.issuer = issuer
        self.rating = rating
        self.maturity = maturity
        self.faceValue = faceValue
        self.counterparty = counterparty
        self.callable = callable
        self.tenorDays = tenorDays
        self.collateral = collateral
        self.name = name
        self.holdsOnlyEligible = holdsOnlyEligible
        self.weightedAverageMaturityDays = weightedAverageMaturityDays
        self.mainIndex = mainIndex
        self.holdings = holdings
    }

    public struct Party: Sendable, Hashable {
        public var name: String
        public var regulated: Bool?
        public var group: String?
    }

    public struct Counterparty: Sendable, Hashable {
        public var name: String
        public var rating: Rating?
        public var regulated: Bool?
        public var group: String?
    }

    public struct Collateral: Sendable, Hashable {
        public var assetClass: ReserveClass
        public var issuer: String
        public var rating: Rating?
        public var currency: String
        public var value: Amount
        public var maturity: CivilDate?
    }
}
