/// One reserve position. Which fields may appear depends on ``assetClass`` (see
/// ``AttestationDecoder``); a field the class does not use is an unknown-field error.
public struct ReserveLine: Sendable, Hashable {
    // The stored fields are declared so that the one-byte ones fill the padding after the amount
    // and the optional integers (272 bytes a line, 424 before); the collateral, which only
    // reverse repos carry, is held in a box (8 bytes instead of 97).
    public var id: String
    /// ISO 4217 code of the currency (or commodity, e.g. `XAU`) the asset is denominated in.
    public var currency: String
    public var description: String?
    /// Debt securities and central-bank reserves: ISO country code for sovereign and central-bank
    /// issuers, a name otherwise.
    public var issuer: String?
    /// Funds and other named assets.
    public var name: String?
    /// Market value (nominal for cash and deposits) in the **peg currency**, the attestation's
    /// reporting currency, so that lines add up without exchange rates.
    public var value: Amount
    public var assetClass: ReserveClass
    public var custody: Custody
    public var acquiredVia: Acquisition
    /// Debt securities.
    public var rating: Rating?
    /// Deposits.
    public var callable: Bool?
    /// Reverse repos.
    public var tenorDays: Int?
    /// Funds.
    public var holdsOnlyEligible: Bool?
    /// Equities: constituent of a main index (20% haircut instead of 30%).
    public var mainIndex: Bool?
    /// Funds.
    public var weightedAverageMaturityDays: Int?
    /// Debt securities.
    public var faceValue: Amount?
    /// Debt securities and deposits.
    public var maturity: CivilDate?
    public var custodian: Party?
    /// Deposits and reverse repos.
    public var counterparty: Counterparty?
    private var boxedCollateral: LineBox<Collateral>?
    /// Money-market funds: the fund's holdings, looked through by RRT-QUALITY and RRT-OC. Values
    /// are the line's share of each holding, in the peg currency; they add up to the fund's value.
    public var holdings: [ReserveLine]?

    /// Reverse repos.
    public var collateral: Collateral? {
        get { boxedCollateral?.value }
        set { boxedCollateral = newValue.map(LineBox.init) }
    }

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

    // The two strings first, then the one-byte fields: 33 and 34 bytes instead of 40.
    public struct Party: Sendable, Hashable {
        public var name: String
        public var group: String?
        public var regulated: Bool?

        init(name: String, regulated: Bool?) {
            self.name = name
            self.regulated = regulated
        }
    }

    public struct Counterparty: Sendable, Hashable {
        public var name: String
        public var group: String?
        public var rating: Rating?
        public var regulated: Bool?

        init(name: String, rating: Rating?, regulated: Bool?) {
            self.name = name
            self.rating = rating
            self.regulated = regulated
        }
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

/// An immutable value on the heap, compared and hashed by its value: a rarely present part of a
/// reserve line that would otherwise make every line larger.
struct LineBox<Value: Hashable & Sendable>: Hashable, Sendable {
    final class Storage: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    let storage: Storage

    init(_ value: Value) { storage = Storage(value) }

    var value: Value { storage.value }

    static func == (a: LineBox, b: LineBox) -> Bool { a.storage === b.storage || a.storage.value == b.storage.value }

    func hash(into hasher: inout Hasher) { hasher.combine(storage.value) }
}
