/// The fast path of ``AttestationDecoder``: one pass over the UTF-8 bytes straight to the typed
/// model, with no ``JSONValue`` tree for the document, its reserve lines or a fund's holdings.
///
/// It succeeds only on a payload that the tree decoder (``DecodeContext``) accepts, and then gives
/// the same ``Attestation``: it walks the bytes with the parser's own state (``JSONParserState``:
/// the same grammar, UTF-8 and escape rules, nesting and value-count limits), checks every scalar
/// with the tree decoder's own functions, and applies the same checks across fields. It does not
/// report problems: at the first sign of one (malformed JSON, an unknown, duplicate, missing or
/// mistyped field, an invalid value, a limit) it gives up, and the caller decodes through the
/// tree, which finds and words every problem exactly as before. Its field names are the cases of
/// ``AttestationFields`` (its switches are exhaustive over them), and a line's allowed fields per
/// class are ``AttestationFields/Line/allowed(for:)``. Every object (the document's sections such
/// as issuer, token and legal, and a line's custodian, counterparty and collateral) is walked in
/// place, with no tree; plain strings, booleans and integers are read in place, and the few other
/// scalars (times, URLs, country codes, digests, escaped strings) are parsed as single values and
/// checked by the tree decoder's own functions.
struct DirectDecoder {
    /// Given up: the tree decoder decides (and words any problem).
    struct GiveUp: Error {}

    var s: JSONParserState
    var c: DecodeContext
    let limits: DecodingLimits

    /// The attestation, or nil when the tree decoder must decide.
    static func decode(_ bytes: [UInt8], limits: DecodingLimits) -> Attestation? {
        bytes.withUnsafeBufferPointer { decode(buffer: $0, limits: limits) }
    }

    static func decode(buffer: UnsafeBufferPointer<UInt8>, limits: DecodingLimits) -> Attestation? {
        var decoder = DirectDecoder(
            s: JSONParserState(bytes: buffer, maxDepth: limits.maxDepth), c: DecodeContext(limits: limits),
            limits: limits)
        return try? decoder.document()
    }

    // MARK: Walking

    /// Gives up when any check so far recorded a problem.
    @inline(__always) func ok() throws {
        if c.hasProblems { throw GiveUp() }
    }

    @inline(__always) func at(_ byte: UInt8) -> Bool { s.position < s.bytes.count && s.bytes[s.position] == byte }

    /// One value of any kind, as the parser reads it (a scalar, or a small tree for a container).
    @inline(__always) mutating func value() throws -> JSONValue { try s.parseValue() }

    /// Walks an object whose `{` is at the position, exactly as the parser's `parseObject` does
    /// (depth, key and value counts, separators), calling `field` with each key's field (and its
    /// position in the declared order) at its value; `field` must read the value (counting it as
    /// `parseValue` would). A key that names no field, or a field's second key (a duplicate key),
    /// gives up. A key of plain ASCII is matched in place, without a `String`.
    mutating func object<F: StrictFields>(
        _ names: ByteNames<(field: F, position: Int)>, _ field: (inout DirectDecoder, F, Int) throws -> Void
    ) throws {
        try s.enter()
        s.position += 1  // {
        s.skipWhitespace()
        if at(UInt8(ascii: "}")) {
            s.position += 1
            s.depth -= 1
            return
        }
        var keys = 0
        var seen: UInt64 = 0
        while true {
            s.skipWhitespace()
            guard at(UInt8(ascii: "\"")) else { throw GiveUp() }
            let name: (field: F, position: Int)
            if let plain = s.plainString() {
                guard let found = names.match(plain) else { throw GiveUp() }
                try s.takePlainString(plain)
                name = found
            } else {
                let key = try s.countedString()
                guard let found = F(rawValue: key), let position = F.allCases.firstIndex(of: found) else {
                    throw GiveUp()
                }
                name = (found, position)
            }
            guard name.position < 64, seen & (1 << UInt64(name.position)) == 0 else { throw GiveUp() }
            seen |= 1 << UInt64(name.position)
            try s.count()
            s.skipWhitespace()
            guard at(UInt8(ascii: ":")) else { throw GiveUp() }
            s.position += 1
            s.skipWhitespace()
            try field(&self, name.field, name.position)
            keys += 1
            if keys > JSONObject.linearLimit { try s.count() }
            s.skipWhitespace()
            guard s.position < s.bytes.count else { throw GiveUp() }
            let byte = s.bytes[s.position]
            s.position += 1
            if byte == UInt8(ascii: "}") { break }
            if byte != UInt8(ascii: ",") { throw GiveUp() }
        }
        s.depth -= 1
    }

    // MARK: Scalars read in place

    static let topNames = ByteNames(fields: AttestationFields.Top.self)
    static let lineNames = ByteNames(fields: AttestationFields.Line.self)
    static let classNames = ByteNames(cases: ReserveClass.self)
    static let custodyNames = ByteNames(cases: Custody.self)
    static let ratingNames = ByteNames(cases: Rating.self)
    static let acquisitionNames = ByteNames(cases: Acquisition.self)

    /// The string value at the position when it is plain ASCII (``JSONParserState/plainString()``),
    /// read and counted as `parseValue` would; nil, without moving, for any other value.
    mutating func plainValue() throws -> UnsafeBufferPointer<UInt8>? {
        guard at(UInt8(ascii: "\"")), let text = s.plainString() else { return nil }
        try s.count()
        try s.takePlainString(text)
        return text
    }

    /// ``DecodeContext/text(_:_:)`` of a plain string, which holds no unsafe character: not empty,
    /// within the string limit; gives up otherwise (the tree words the problem).
    func checkedText(_ text: UnsafeBufferPointer<UInt8>) throws -> UnsafeBufferPointer<UInt8> {
        guard !text.isEmpty, text.count <= limits.maxStringBytes else { throw GiveUp() }
        return text
    }

    /// Any string (``DecodeContext/text(_:_:)``).
    mutating func text() throws -> String {
        if let plain = try plainValue() { return String(decoding: try checkedText(plain), as: UTF8.self) }
        guard let text = c.text(try value(), .root) else { throw GiveUp() }
        return text
    }

    /// An identifier (``DecodeContext/identifier(_:_:)``).
    mutating func identifier() throws -> String {
        if let plain = try plainValue() {
            let text = try checkedText(plain)
            guard text.count <= 128, text[0].isAlnum,
                text.allSatisfy({
                    $0.isAlnum || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
                        || $0 == UInt8(ascii: "-")
                })
            else { throw GiveUp() }
            return String(decoding: text, as: UTF8.self)
        }
        guard let text = c.identifier(try value(), .root) else { throw GiveUp() }
        return text
    }

    /// A currency code (``DecodeContext/currency(_:_:)``).
    mutating func currency() throws -> String {
        if let plain = try plainValue() {
            let text = try checkedText(plain)
            guard text.count == 3, text.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { throw GiveUp() }
            return String(decoding: text, as: UTF8.self)
        }
        guard let text = c.currency(try value(), .root) else { throw GiveUp() }
        return text
    }

    /// One of an enumeration's raw values (``DecodeContext/enumeration(_:_:_:)``).
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ names: ByteNames<E>) throws -> E
    where E.RawValue == String {
        if let plain = try plainValue() {
            guard let match = names.match(try checkedText(plain)) else { throw GiveUp() }
            return match
        }
        guard let match = c.enumeration(try value(), .root, E.self) else { throw GiveUp() }
        return match
    }

    /// An amount (``DecodeContext/amount(_:_:)``, which has no string limit of its own).
    mutating func amount() throws -> Amount {
        if let plain = try plainValue() {
            guard case .success(let amount) = Amount.parse(utf8: plain) else { throw GiveUp() }
            return amount
        }
        guard let amount = c.amount(try value(), .root) else { throw GiveUp() }
        return amount
    }

    /// A date (``DecodeContext/date(_:_:)``).
    mutating func date() throws -> CivilDate {
        if let plain = try plainValue() {
            guard let date = CivilDate.parse(utf8: try checkedText(plain)),
                (CivilDate.earliestYear...CivilDate.latestYear).contains(date.year)
            else { throw GiveUp() }
            return date
        }
        guard let date = c.date(try value(), .root) else { throw GiveUp() }
        return date
    }

    /// A JSON `true` or `false` (``DecodeContext/bool(_:_:)``), read and counted as `parseValue`
    /// would; anything else gives up.
    mutating func bool() throws -> Bool {
        try s.count()
        let bytes = s.bytes
        let p = s.position
        if p + 4 <= bytes.count, bytes[p] == UInt8(ascii: "t"), bytes[p + 1] == UInt8(ascii: "r"),
            bytes[p + 2] == UInt8(ascii: "u"), bytes[p + 3] == UInt8(ascii: "e")
        {
            s.position = p + 4
            return true
        }
        if p + 5 <= bytes.count, bytes[p] == UInt8(ascii: "f"), bytes[p + 1] == UInt8(ascii: "a"),
            bytes[p + 2] == UInt8(ascii: "l"), bytes[p + 3] == UInt8(ascii: "s"), bytes[p + 4] == UInt8(ascii: "e")
        {
            s.position = p + 5
            return false
        }
        throw GiveUp()
    }

    /// A JSON integer within `range` (``DecodeContext/integer(_:_:_:)``) written as plain digits
    /// (`0` or `[1-9][0-9]*`, at most 18 digits), read and counted as `parseValue` would. Anything
    /// else gives up: a sign, a fraction, an exponent, a leading zero, more digits, a value out of
    /// `range` (the tree reads `-0` as 0; the fallback decides such rare spellings).
    mutating func integer(_ range: ClosedRange<Int>) throws -> Int {
        try s.count()
        let bytes = s.bytes
        var p = s.position
        guard p < bytes.count, bytes[p] >= UInt8(ascii: "0"), bytes[p] <= UInt8(ascii: "9") else { throw GiveUp() }
        var number = 0
        if bytes[p] == UInt8(ascii: "0") {
            p += 1
        } else {
            let start = p
            while p < bytes.count, bytes[p] >= UInt8(ascii: "0"), bytes[p] <= UInt8(ascii: "9") {
                guard p - start < 18 else { throw GiveUp() }
                number = number * 10 + Int(bytes[p] &- UInt8(ascii: "0"))
                p += 1
            }
        }
        if p < bytes.count {
            let next = bytes[p]
            if (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || next == UInt8(ascii: ".")
                || next == UInt8(ascii: "e") || next == UInt8(ascii: "E")
            {
                throw GiveUp()
            }
        }
        guard range.contains(number) else { throw GiveUp() }
        s.position = p
        return number
    }

    // MARK: A line's small objects, read in place

    static let partyNames = ByteNames(fields: AttestationFields.Party.self)
    static let counterpartyNames = ByteNames(fields: AttestationFields.Counterparty.self)
    static let collateralNames = ByteNames(fields: AttestationFields.Collateral.self)

    /// An object value at the position (``DecodeContext/object(_:_:_:checkUnknown:)`` with its
    /// unknown fields checked): counted as `parseValue` would, then walked by ``object(_:_:)``.
    /// A key that names no field, or a field given twice, gives up.
    mutating func smallObject<F: StrictFields>(
        _ names: ByteNames<(field: F, position: Int)>, _ field: (inout DirectDecoder, F) throws -> Void
    ) throws {
        try s.count()
        guard at(UInt8(ascii: "{")) else { throw GiveUp() }
        try object(names) { d, f, _ in
            try field(&d, f)
            try d.ok()
        }
    }

    /// A custodian (``DecodeContext/party(_:_:)``).
    mutating func party() throws -> ReserveLine.Party {
        var name: String?
        var regulated: Bool?
        var group: String?
        try smallObject(Self.partyNames) { d, field in
            switch field {
            case .name: name = try d.text()
            case .regulated: regulated = try d.bool()
            case .group: group = try d.text()
            }
        }
        guard let name else { throw GiveUp() }
        var party = ReserveLine.Party(name: name, regulated: regulated)
        party.group = group
        return party
    }

    /// A counterparty (``DecodeContext/counterparty(_:_:)``).
    mutating func counterparty() throws -> ReserveLine.Counterparty {
        var name: String?
        var rating: Rating?
        var regulated: Bool?
        var group: String?
        try smallObject(Self.counterpartyNames) { d, field in
            switch field {
            case .name: name = try d.text()
            case .rating: rating = try d.enumeration(Self.ratingNames)
            case .regulated: regulated = try d.bool()
            case .group: group = try d.text()
            }
        }
        guard let name else { throw GiveUp() }
        var counterparty = ReserveLine.Counterparty(name: name, rating: rating, regulated: regulated)
        counterparty.group = group
        return counterparty
    }

    /// A reverse repo's collateral (``DecodeContext/collateral(_:_:)``).
    mutating func collateral() throws -> ReserveLine.Collateral {
        var assetClass: ReserveClass?
        var issuer: String?
        var rating: Rating?
        var currency: String?
        var value: Amount?
        var maturity: CivilDate?
        try smallObject(Self.collateralNames) { d, field in
            switch field {
            case .class: assetClass = try d.enumeration(Self.classNames)
            case .issuer: issuer = try d.text()
            case .rating: rating = try d.enumeration(Self.ratingNames)
            case .currency: currency = try d.currency()
            case .value: value = try d.amount()
            case .maturity: maturity = try d.date()
            }
        }
        guard let assetClass, let issuer, let currency, let value else { throw GiveUp() }
        return ReserveLine.Collateral(
            assetClass: assetClass, issuer: issuer, rating: rating, currency: currency, value: value, maturity: maturity
        )
    }

    // MARK: The document's small sections, read in place

    static let issuerNames = ByteNames(fields: AttestationFields.Issuer.self)
    static let regulationNames = ByteNames(fields: AttestationFields.Regulation.self)
    static let tokenNames = ByteNames(fields: AttestationFields.Token.self)
    static let pegNames = ByteNames(fields: AttestationFields.Peg.self)
    static let outstandingNames = ByteNames(fields: AttestationFields.Outstanding.self)
    static let networkNames = ByteNames(fields: AttestationFields.Network.self)
    static let mitigationNames = ByteNames(fields: AttestationFields.Mitigation.self)
    static let redemptionNames = ByteNames(fields: AttestationFields.Redemption.self)
    static let otherClaimNames = ByteNames(fields: AttestationFields.OtherClaim.self)
    static let entityNames = ByteNames(fields: AttestationFields.Entity.self)
    static let legalNames = ByteNames(fields: AttestationFields.Legal.self)
    static let opinionNames = ByteNames(fields: AttestationFields.LegalOpinion.self)
    static let governanceNames = ByteNames(fields: AttestationFields.Governance.self)
    static let disclosureNames = ByteNames(fields: AttestationFields.Disclosure.self)
    static let assuranceNames = ByteNames(fields: AttestationFields.Assurance.self)
    static let marketDataNames = ByteNames(fields: AttestationFields.MarketData.self)
    static let stabilisationNames = ByteNames(cases: Stabilisation.self)
    static let holdersNames = ByteNames(cases: RedemptionHolders.self)
    static let roleNames = ByteNames(cases: EntityRole.self)
    static let assuranceKindNames = ByteNames(cases: AssuranceKind.self)
    static let opinionValueNames = ByteNames(cases: Opinion.self)

    /// A scalar checked by the tree decoder's own function on the parsed value (issuer ids,
    /// countries, URLs, digests, times: a few a document).
    mutating func scalar<T>(_ check: (inout DecodeContext, JSONValue, JSONPath) -> T?) throws -> T {
        let parsed = try self.value()
        guard let result = check(&c, parsed, .root) else { throw GiveUp() }
        return result
    }

    /// An array at the position (``DecodeContext/array(_:_:max:nonEmpty:_:)``), counted, nested
    /// and separated as the parser's `parseArray` does; `element` reads (and counts) each value.
    /// More than `max` elements, or none when `nonEmpty`, gives up.
    mutating func array<T>(max: Int, nonEmpty: Bool = false, _ element: (inout DirectDecoder) throws -> T) throws -> [T]
    {
        try s.count()
        guard at(UInt8(ascii: "[")) else { throw GiveUp() }
        try s.enter()
        s.position += 1  // [
        s.skipWhitespace()
        var out: [T] = []
        if at(UInt8(ascii: "]")) {
            if nonEmpty { throw GiveUp() }
            s.position += 1
            s.depth -= 1
            return out
        }
        while true {
            s.skipWhitespace()
            guard s.position < s.bytes.count else { throw GiveUp() }
            out.append(try element(&self))
            try ok()
            if out.count > max { throw GiveUp() }
            s.skipWhitespace()
            guard s.position < s.bytes.count else { throw GiveUp() }
            let byte = s.bytes[s.position]
            s.position += 1
            if byte == UInt8(ascii: "]") { break }
            if byte != UInt8(ascii: ",") { throw GiveUp() }
        }
        s.depth -= 1
        return out
    }

    /// ``DecodeContext/issuer(_:_:)``.
    mutating func issuer() throws -> Attestation.Issuer {
        var id: String?
        var legalName: String?
        var jurisdiction: String?
        var regulation: Attestation.Regulation?
        var group: String?
        try smallObject(Self.issuerNames) { d, field in
            switch field {
            case .id: id = try d.scalar { $0.issuerID($1, $2) }
            case .legalName: legalName = try d.text()
            case .jurisdiction: jurisdiction = try d.scalar { $0.country($1, $2) }
            case .regulation:
                var regulator: String?
                var licence: String?
                var capital: Bool?
                var liquidity: Bool?
                try d.smallObject(Self.regulationNames) { d, field in
                    switch field {
                    case .regulator: regulator = try d.text()
                    case .licence: licence = try d.text()
                    case .prudentialCapital: capital = try d.bool()
                    case .prudentialLiquidity: liquidity = try d.bool()
                    }
                }
                guard let regulator, let licence else { throw GiveUp() }
                regulation = Attestation.Regulation(
                    regulator: regulator, licence: licence, prudentialCapital: capital, prudentialLiquidity: liquidity)
            case .group: group = try d.text()
            }
        }
        guard let id, let legalName, let jurisdiction else { throw GiveUp() }
        var issuer = Attestation.Issuer(
            id: id, legalName: legalName, jurisdiction: jurisdiction, regulation: regulation)
        issuer.group = group
        return issuer
    }

    /// ``DecodeContext/token(_:_:)``.
    mutating func token() throws -> Attestation.Token {
        var symbol: String?
        var peg: Attestation.Peg?
        var stabilisation: Stabilisation?
        var outstanding: [Attestation.Outstanding]?
        var networks: [Attestation.Network]?
        var redemption: Attestation.Redemption?
        let maxItems = limits.maxListItems
        try smallObject(Self.tokenNames) { d, field in
            switch field {
            case .symbol: symbol = try d.identifier()
            case .peg:
                var currency: String?
                var valuePerUnit: Amount?
                try d.smallObject(Self.pegNames) { d, field in
                    switch field {
                    case .currency: currency = try d.currency()
                    case .valuePerUnit: valuePerUnit = try d.amount()
                    }
                }
                guard let currency, let valuePerUnit else { throw GiveUp() }
                peg = Attestation.Peg(currency: currency, valuePerUnit: valuePerUnit)
            case .stabilisation: stabilisation = try d.enumeration(Self.stabilisationNames)
            case .outstanding: outstanding = try d.array(max: maxItems, nonEmpty: true) { try $0.outstanding() }
            case .networks: networks = try d.array(max: maxItems) { try $0.network() }
            case .redemption:
                var holders: RedemptionHolders?
                var days: Int?
                var fee: Amount?
                var minimum: Amount?
                try d.smallObject(Self.redemptionNames) { d, field in
                    switch field {
                    case .holders: holders = try d.enumeration(Self.holdersNames)
                    case .settlementDays: days = try d.integer(0...3650)
                    case .feePercent: fee = try d.amount()
                    case .minimumUnits: minimum = try d.amount()
                    }
                }
                if let fee, fee.value > 100 { throw GiveUp() }
                guard let holders, let days else { throw GiveUp() }
                redemption = Attestation.Redemption(
                    holders: holders, settlementDays: days, feePercent: fee, minimumUnits: minimum)
            }
        }
        guard let symbol, let peg, let outstanding else { throw GiveUp() }
        return Attestation.Token(
            symbol: symbol, peg: peg, stabilisation: stabilisation, outstanding: outstanding, networks: networks,
            redemption: redemption)
    }

    mutating func outstanding() throws -> Attestation.Outstanding {
        var network: String?
        var contract: String?
        var issued: Amount?
        var nonRedeemable: Amount?
        try smallObject(Self.outstandingNames) { d, field in
            switch field {
            case .network: network = try d.identifier()
            case .contract: contract = try d.text()
            case .issued: issued = try d.amount()
            case .nonRedeemable: nonRedeemable = try d.amount()
            }
        }
        if let issued, let nonRedeemable, issued < nonRedeemable { throw GiveUp() }
        guard let network, let issued, let nonRedeemable else { throw GiveUp() }
        return Attestation.Outstanding(
            network: network, contract: contract, issued: issued, nonRedeemable: nonRedeemable)
    }

    mutating func network() throws -> Attestation.Network {
        var name: String?
        var permissionless: Bool?
        var validators: Bool?
        var assessment: String?
        var evidence: String?
        var mitigation: Attestation.Mitigation?
        try smallObject(Self.networkNames) { d, field in
            switch field {
            case .name: name = try d.identifier()
            case .permissionless: permissionless = try d.bool()
            case .validatorsRegulated: validators = try d.bool()
            case .riskAssessment: assessment = try d.scalar { $0.https($1, $2) }
            case .mitigationEvidence: evidence = try d.scalar { $0.https($1, $2) }
            case .mitigation:
                var governance: String?
                var technology: String?
                var finality: String?
                var aml: String?
                try d.smallObject(Self.mitigationNames) { d, field in
                    switch field {
                    case .governance: governance = try d.scalar { $0.https($1, $2) }
                    case .technology: technology = try d.scalar { $0.https($1, $2) }
                    case .settlementFinality: finality = try d.scalar { $0.https($1, $2) }
                    case .amlCft: aml = try d.scalar { $0.https($1, $2) }
                    }
                }
                guard let governance, let technology, let finality, let aml else { throw GiveUp() }
                mitigation = Attestation.Mitigation(
                    governance: governance, technology: technology, settlementFinality: finality, amlCft: aml)
            }
        }
        guard let name, let permissionless else { throw GiveUp() }
        var network = Attestation.Network(
            name: name, permissionless: permissionless, validatorsRegulated: validators, riskAssessment: assessment,
            mitigationEvidence: evidence)
        network.mitigation = mitigation
        return network
    }

    /// ``DecodeContext/otherClaim(_:_:)``.
    mutating func otherClaim() throws -> Attestation.OtherClaim {
        var description: String?
        var amount: Amount?
        try smallObject(Self.otherClaimNames) { d, field in
            switch field {
            case .description: description = try d.text()
            case .amount: amount = try d.amount()
            }
        }
        guard let description, let amount else { throw GiveUp() }
        return Attestation.OtherClaim(description: description, amount: amount)
    }

    /// ``DecodeContext/entity(_:_:)``.
    mutating func entity() throws -> Attestation.Entity {
        var role: EntityRole?
        var name: String?
        var regulated: Bool?
        var regulator: String?
        var standards: Bool?
        var disclosure: String?
        try smallObject(Self.entityNames) { d, field in
            switch field {
            case .role: role = try d.enumeration(Self.roleNames)
            case .name: name = try d.text()
            case .regulated: regulated = try d.bool()
            case .regulator: regulator = try d.text()
            case .riskManagementStandards: standards = try d.bool()
            case .governanceDisclosure: disclosure = try d.scalar { $0.https($1, $2) }
            }
        }
        guard let role, let name else { throw GiveUp() }
        return Attestation.Entity(
            role: role, name: name, regulated: regulated, regulator: regulator, riskManagementStandards: standards,
            governanceDisclosure: disclosure)
    }

    /// ``DecodeContext/legal(_:_:)``.
    mutating func legal() throws -> Attestation.Legal {
        var opinions: [Attestation.LegalOpinion]?
        var finality: Bool?
        var jurisdictions: [String]?
        let maxItems = limits.maxListItems
        try smallObject(Self.legalNames) { d, field in
            switch field {
            case .opinions:
                opinions = try d.array(max: maxItems) { d in
                    var jurisdiction: String?
                    var firm: String?
                    var date: CivilDate?
                    try d.smallObject(Self.opinionNames) { d, field in
                        switch field {
                        case .jurisdiction: jurisdiction = try d.scalar { $0.country($1, $2) }
                        case .firm: firm = try d.text()
                        case .date: date = try d.date()
                        }
                    }
                    guard let jurisdiction, let firm, let date else { throw GiveUp() }
                    return Attestation.LegalOpinion(jurisdiction: jurisdiction, firm: firm, date: date)
                }
            case .settlementFinality: finality = try d.bool()
            case .jurisdictions: jurisdictions = try d.array(max: 300) { d in try d.scalar { $0.country($1, $2) } }
            }
        }
        return Attestation.Legal(opinions: opinions, settlementFinality: finality, jurisdictions: jurisdictions)
    }

    /// ``DecodeContext/governance(_:_:)``.
    mutating func governance() throws -> Attestation.Governance {
        var framework: Bool?
        var mandate: String?
        try smallObject(Self.governanceNames) { d, field in
            switch field {
            case .operationalResilienceFramework: framework = try d.bool()
            case .reserveMandateUrl: mandate = try d.scalar { $0.https($1, $2) }
            }
        }
        return Attestation.Governance(operationalResilienceFramework: framework, reserveMandateUrl: mandate)
    }

    /// ``DecodeContext/disclosure(_:_:)``.
    mutating func disclosure() throws -> Attestation.Disclosure {
        var valueDays: Int?
        var compositionDays: Int?
        var lastPublished: Timestamp?
        var url: String?
        try smallObject(Self.disclosureNames) { d, field in
            switch field {
            case .valueFrequencyDays: valueDays = try d.integer(1...3660)
            case .compositionFrequencyDays: compositionDays = try d.integer(1...3660)
            case .lastPublished: lastPublished = try d.scalar { $0.timestamp($1, $2) }
            case .url: url = try d.scalar { $0.https($1, $2) }
            }
        }
        return Attestation.Disclosure(
            valueFrequencyDays: valueDays, compositionFrequencyDays: compositionDays, lastPublished: lastPublished,
            url: url)
    }

    /// ``DecodeContext/assurance(_:_:)``.
    mutating func assurance() throws -> Attestation.Assurance {
        var kind: AssuranceKind?
        var firm: String?
        var periodEnd: CivilDate?
        var opinionDate: CivilDate?
        var opinion: Opinion?
        var covers: Bool?
        var independent: Bool?
        var digest: String?
        try smallObject(Self.assuranceNames) { d, field in
            switch field {
            case .kind: kind = try d.enumeration(Self.assuranceKindNames)
            case .firm: firm = try d.text()
            case .periodEnd: periodEnd = try d.date()
            case .opinionDate: opinionDate = try d.date()
            case .opinion: opinion = try d.enumeration(Self.opinionValueNames)
            case .coversReserves: covers = try d.bool()
            case .independent: independent = try d.bool()
            case .reportSha256: digest = try d.scalar { $0.sha256Hex($1, $2) }
            }
        }
        if let periodEnd, let opinionDate, opinionDate < periodEnd { throw GiveUp() }
        guard let kind, let firm, let periodEnd, let opinionDate, let opinion, let covers else { throw GiveUp() }
        return Attestation.Assurance(
            kind: kind, firm: firm, periodEnd: periodEnd, opinionDate: opinionDate, opinion: opinion,
            coversReserves: covers, independent: independent, reportSha256: digest)
    }

    /// ``DecodeContext/marketData(_:_:)``.
    mutating func marketData() throws -> Attestation.MarketData {
        var referenced: Bool?
        var cap: Amount?
        var volume: Amount?
        var observations: Int?
        try smallObject(Self.marketDataNames) { d, field in
            switch field {
            case .referencedByRegulatedProduct: referenced = try d.bool()
            case .averageMarketCapitalisationUSD: cap = try d.amount()
            case .trimmedMeanDailyVolumeUSD: volume = try d.amount()
            case .priceObservations: observations = try d.integer(0...100_000)
            }
        }
        guard let referenced, let cap, let volume, let observations else { throw GiveUp() }
        return Attestation.MarketData(
            referencedByRegulatedProduct: referenced, averageMarketCapitalisationUSD: cap,
            trimmedMeanDailyVolumeUSD: volume, priceObservations: observations)
    }

    // MARK: The document

    mutating func document() throws -> Attestation {
        let bytes = s.bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { throw GiveUp() }
        s.skipWhitespace()
        guard s.position < bytes.count else { throw GiveUp() }
        try s.count()  // the document's value
        guard at(UInt8(ascii: "{")) else { throw GiveUp() }

        var format: String?
        var id: String?
        var sequence: Int?
        var asOf: Timestamp?
        var issuedAt: Timestamp?
        var issuer: Attestation.Issuer?
        var token: Attestation.Token?
        var reserves: [ReserveLine]?
        var otherClaims: [Attestation.OtherClaim]?
        var entities: [Attestation.Entity]?
        var legal: Attestation.Legal?
        var governance: Attestation.Governance?
        var disclosure: Attestation.Disclosure?
        var assurance: [Attestation.Assurance]?
        var marketData: Attestation.MarketData?
        let maxItems = limits.maxListItems
        try object(Self.topNames) { d, field, _ in
            // A field seen twice (a duplicate key) gave up in `object`.
            switch field {
            case .format:
                format = d.c.text(try d.value(), .root)
            case .attestationId:
                id = d.c.identifier(try d.value(), .root)
            case .sequence:
                sequence = d.c.integer(try d.value(), .root, 1...Int(Int32.max))
            case .asOf:
                asOf = d.c.timestamp(try d.value(), .root)
            case .issuedAt:
                issuedAt = d.c.timestamp(try d.value(), .root)
            case .issuer:
                issuer = try d.issuer()
            case .token:
                token = try d.token()
            case .reserves:
                reserves = try d.lines(max: d.limits.maxReserveLines, inFund: false)
            case .otherClaims:
                otherClaims = try d.array(max: maxItems) { try $0.otherClaim() }
            case .entities:
                entities = try d.array(max: maxItems) { try $0.entity() }
            case .legal:
                legal = try d.legal()
            case .governance:
                governance = try d.governance()
            case .disclosure:
                disclosure = try d.disclosure()
            case .assurance:
                assurance = try d.array(max: maxItems) { try $0.assurance() }
            case .marketData:
                marketData = try d.marketData()
            }
            try d.ok()
        }
        s.skipWhitespace()
        guard s.position == bytes.count else { throw GiveUp() }
        guard let format, format == Attestation.format,
            let id, let sequence, let asOf, let issuedAt, let issuer, let token, let reserves
        else { throw GiveUp() }
        if issuedAt < asOf { throw GiveUp() }
        var seen = Set<String>(minimumCapacity: reserves.count)
        for i in reserves.indices where !seen.insert(reserves[i].id).inserted { throw GiveUp() }
        if let networks = token.networks, networks.count > 1 {
            var names = Set<String>(minimumCapacity: networks.count)
            for network in networks where !names.insert(network.name).inserted { throw GiveUp() }
        }
        return Attestation(
            attestationId: id, sequence: sequence, asOf: asOf, issuedAt: issuedAt, issuer: issuer, token: token,
            reserves: reserves, otherClaims: otherClaims, entities: entities, legal: legal, governance: governance,
            disclosure: disclosure, assurance: assurance, marketData: marketData)
    }

    // MARK: Reserve lines

    /// An array of reserve lines at the position (`reserves`, or a fund's `holdings` when
    /// `inFund`), counted and nested as the parser's `parseValue` and `parseArray` do.
    mutating func lines(max: Int, inFund: Bool) throws -> [ReserveLine] {
        guard at(UInt8(ascii: "[")) else { throw GiveUp() }
        try s.count()  // the array's value
        try s.enter()
        s.position += 1  // [
        s.skipWhitespace()
        if at(UInt8(ascii: "]")) { throw GiveUp() }  // empty: a problem
        var out: [ReserveLine] = []
        if !inFund {
            // Room for as many lines as the bytes left could hold (a line takes well over 64
            // bytes): one allocation, no copy while growing; pages never written are never touched.
            out.reserveCapacity(Swift.min(max + 1, (s.bytes.count - s.position) / 64 + 1))
        }
        while true {
            s.skipWhitespace()
            guard s.position < s.bytes.count else { throw GiveUp() }
            try s.count()  // the element's value
            guard at(UInt8(ascii: "{")) else { throw GiveUp() }
            out.append(try self.line())
            // A fund's holdings are looked through one level: a fund inside a fund is a problem.
            if inFund && out[out.count - 1].assetClass == .moneyMarketFund { throw GiveUp() }
            if out.count > max { throw GiveUp() }
            s.skipWhitespace()
            guard s.position < s.bytes.count else { throw GiveUp() }
            let byte = s.bytes[s.position]
            s.position += 1
            if byte == UInt8(ascii: "]") { break }
            if byte != UInt8(ascii: ",") { throw GiveUp() }
        }
        s.depth -= 1
        return out
    }

    /// Each field of a line, one bit (in the order of ``AttestationFields/Line``).
    static let lineBits: [AttestationFields.Line: UInt32] = Dictionary(
        uniqueKeysWithValues: AttestationFields.Line.allCases.enumerated().map { ($1, 1 << UInt32($0)) })

    /// Per asset class, the bits of the fields it allows (``AttestationFields/Line/allowed(for:)``).
    static let allowedBits: [ReserveClass: UInt32] = Dictionary(
        uniqueKeysWithValues: ReserveClass.allCases.map { cls in
            (cls, AttestationFields.Line.allowed(for: cls).reduce(0) { $0 | (lineBits[$1] ?? 0) })
        })

    /// Each class by its name, with the bits of the fields it allows.
    static let classAllowedBits = ByteNames(
        ReserveClass.allCases.map { cls in (cls.rawValue, (kind: cls, allowed: allowedBits[cls] ?? 0)) })

    /// The bits of the fields every line must have.
    static let requiredLineBits: UInt32 = [AttestationFields.Line.id, .class, .currency, .value, .custody].reduce(0) {
        $0 | (lineBits[$1] ?? 0)
    }

    /// One reserve line. Each field is written straight into the line (the required ones over
    /// placeholders, whose presence the field bits prove), so no copy of the line is made.
    mutating func line() throws -> ReserveLine {
        var line = ReserveLine(id: "", assetClass: .bankDeposit, currency: "", value: .zero, custody: .segregated)
        // Bits of the fields present (lineBits).
        var present: UInt32 = 0
        // Bits of the fields the line's class allows (allowedBits).
        var allowed: UInt32 = 0
        try object(Self.lineNames) { d, field, position in
            present |= 1 << UInt32(position)
            switch field {
            case .id:
                line.id = try d.identifier()
            case .class:
                // A plain class name gives its allowed fields too; another spelling takes the map.
                if let plain = try d.plainValue() {
                    guard let match = Self.classAllowedBits.match(try d.checkedText(plain)) else { throw GiveUp() }
                    line.assetClass = match.kind
                    allowed = match.allowed
                } else {
                    guard let cls = d.c.enumeration(try d.value(), .root, ReserveClass.self),
                        let bits = Self.allowedBits[cls]
                    else { throw GiveUp() }
                    line.assetClass = cls
                    allowed = bits
                }
            case .currency:
                line.currency = try d.currency()
            case .value:
                line.value = try d.amount()
            case .custody:
                line.custody = try d.enumeration(Self.custodyNames)
            case .custodian:
                line.custodian = try d.party()
            case .acquiredVia:
                line.acquiredVia = try d.enumeration(Self.acquisitionNames)
            case .description:
                line.description = try d.text()
            case .issuer:
                line.issuer = try d.text()
            case .rating:
                line.rating = try d.enumeration(Self.ratingNames)
            case .maturity:
                line.maturity = try d.date()
            case .faceValue:
                line.faceValue = try d.amount()
            case .counterparty:
                line.counterparty = try d.counterparty()
            case .callable:
                line.callable = try d.bool()
            case .tenorDays:
                line.tenorDays = try d.integer(0...36500)
            case .collateral:
                line.collateral = try d.collateral()
            case .name:
                line.name = try d.text()
            case .holdsOnlyEligible:
                line.holdsOnlyEligible = try d.bool()
            case .weightedAverageMaturityDays:
                line.weightedAverageMaturityDays = try d.integer(0...36500)
            case .mainIndex:
                line.mainIndex = try d.bool()
            case .holdings:
                line.holdings = try d.lines(max: d.limits.maxReserveLines, inFund: true)
            }
            try d.ok()
        }
        guard present & Self.requiredLineBits == Self.requiredLineBits, present & ~allowed == 0 else { throw GiveUp() }
        if line.assetClass.isSovereignDebt || line.assetClass == .centralBankReserve, let issuer = line.issuer,
            !(issuer.utf8.count == 2 && issuer.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }))
        {
            throw GiveUp()
        }
        return line
    }
}
