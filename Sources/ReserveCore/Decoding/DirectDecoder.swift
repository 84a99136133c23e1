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
/// class are ``AttestationFields/Line/allowed(for:)``. The small sections (issuer,
/// token, legal, ...) and the small objects inside a line (custodian, counterparty, collateral) are
/// parsed as small trees and decoded by the tree decoder's functions.
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
    /// `parseValue` would). A key that names no field gives up. A key of plain ASCII is matched
    /// in place, without a `String`.
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
            // A field seen twice is a duplicate key: the first one set its value (or gave up).
            switch field {
            case .format:
                guard format == nil else { throw GiveUp() }
                format = d.c.text(try d.value(), .root)
            case .attestationId:
                guard id == nil else { throw GiveUp() }
                id = d.c.identifier(try d.value(), .root)
            case .sequence:
                guard sequence == nil else { throw GiveUp() }
                sequence = d.c.integer(try d.value(), .root, 1...Int(Int32.max))
            case .asOf:
                guard asOf == nil else { throw GiveUp() }
                asOf = d.c.timestamp(try d.value(), .root)
            case .issuedAt:
                guard issuedAt == nil else { throw GiveUp() }
                issuedAt = d.c.timestamp(try d.value(), .root)
            case .issuer:
                guard issuer == nil else { throw GiveUp() }
                issuer = d.c.issuer(try d.value(), .root)
            case .token:
                guard token == nil else { throw GiveUp() }
                token = d.c.token(try d.value(), .root)
            case .reserves:
                guard reserves == nil else { throw GiveUp() }
                reserves = try d.lines(max: d.limits.maxReserveLines, inFund: false)
            case .otherClaims:
                guard otherClaims == nil else { throw GiveUp() }
                otherClaims = d.c.array(try d.value(), .root, max: maxItems) { $0.otherClaim($1, $2) }
            case .entities:
                guard entities == nil else { throw GiveUp() }
                entities = d.c.array(try d.value(), .root, max: maxItems) { $0.entity($1, $2) }
            case .legal:
                guard legal == nil else { throw GiveUp() }
                legal = d.c.legal(try d.value(), .root)
            case .governance:
                guard governance == nil else { throw GiveUp() }
                governance = d.c.governance(try d.value(), .root)
            case .disclosure:
                guard disclosure == nil else { throw GiveUp() }
                disclosure = d.c.disclosure(try d.value(), .root)
            case .assurance:
                guard assurance == nil else { throw GiveUp() }
                assurance = d.c.array(try d.value(), .root, max: maxItems) { $0.assurance($1, $2) }
            case .marketData:
                guard marketData == nil else { throw GiveUp() }
                marketData = d.c.marketData(try d.value(), .root)
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
        for line in reserves where !seen.insert(line.id).inserted { throw GiveUp() }
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
            let line = try self.line()
            // A fund's holdings are looked through one level: a fund inside a fund is a problem.
            if inFund && line.assetClass == .moneyMarketFund { throw GiveUp() }
            out.append(line)
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

    mutating func line() throws -> ReserveLine {
        var id: String?
        var assetClass: ReserveClass?
        var currency: String?
        var amount: Amount?
        var custody: Custody?
        var custodian: ReserveLine.Party?
        var acquiredVia: Acquisition?
        var description: String?
        var issuer: String?
        var rating: Rating?
        var maturity: CivilDate?
        var faceValue: Amount?
        var counterparty: ReserveLine.Counterparty?
        var callable: Bool?
        var tenorDays: Int?
        var collateral: ReserveLine.Collateral?
        var name: String?
        var holdsOnlyEligible: Bool?
        var wam: Int?
        var mainIndex: Bool?
        var holdings: [ReserveLine]?
        // Bits of the fields present (lineBits).
        var present: UInt32 = 0
        try object(Self.lineNames) { d, field, position in
            present |= 1 << UInt32(position)
            switch field {
            case .id:
                guard id == nil else { throw GiveUp() }
                id = try d.identifier()
            case .class:
                guard assetClass == nil else { throw GiveUp() }
                assetClass = try d.enumeration(Self.classNames)
            case .currency:
                guard currency == nil else { throw GiveUp() }
                currency = try d.currency()
            case .value:
                guard amount == nil else { throw GiveUp() }
                amount = try d.amount()
            case .custody:
                guard custody == nil else { throw GiveUp() }
                custody = try d.enumeration(Self.custodyNames)
            case .custodian:
                guard custodian == nil else { throw GiveUp() }
                custodian = d.c.party(try d.value(), .root)
            case .acquiredVia:
                guard acquiredVia == nil else { throw GiveUp() }
                acquiredVia = try d.enumeration(Self.acquisitionNames)
            case .description:
                guard description == nil else { throw GiveUp() }
                description = try d.text()
            case .issuer:
                guard issuer == nil else { throw GiveUp() }
                issuer = try d.text()
            case .rating:
                guard rating == nil else { throw GiveUp() }
                rating = try d.enumeration(Self.ratingNames)
            case .maturity:
                guard maturity == nil else { throw GiveUp() }
                maturity = try d.date()
            case .faceValue:
                guard faceValue == nil else { throw GiveUp() }
                faceValue = try d.amount()
            case .counterparty:
                guard counterparty == nil else { throw GiveUp() }
                counterparty = d.c.counterparty(try d.value(), .root)
            case .callable:
                guard callable == nil else { throw GiveUp() }
                callable = d.c.bool(try d.value(), .root)
            case .tenorDays:
                guard tenorDays == nil else { throw GiveUp() }
                tenorDays = d.c.integer(try d.value(), .root, 0...36500)
            case .collateral:
                guard collateral == nil else { throw GiveUp() }
                collateral = d.c.collateral(try d.value(), .root)
            case .name:
                guard name == nil else { throw GiveUp() }
                name = try d.text()
            case .holdsOnlyEligible:
                guard holdsOnlyEligible == nil else { throw GiveUp() }
                holdsOnlyEligible = d.c.bool(try d.value(), .root)
            case .weightedAverageMaturityDays:
                guard wam == nil else { throw GiveUp() }
                wam = d.c.integer(try d.value(), .root, 0...36500)
            case .mainIndex:
                guard mainIndex == nil else { throw GiveUp() }
                mainIndex = d.c.bool(try d.value(), .root)
            case .holdings:
                guard holdings == nil else { throw GiveUp() }
                holdings = try d.lines(max: d.limits.maxReserveLines, inFund: true)
            }
            try d.ok()
        }
        guard let id, let assetClass, let currency, let amount, let custody,
            let allowed = Self.allowedBits[assetClass], present & ~allowed == 0
        else { throw GiveUp() }
        if assetClass.isSovereignDebt || assetClass == .centralBankReserve, let issuer,
            !(issuer.utf8.count == 2 && issuer.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }))
        {
            throw GiveUp()
        }
        return ReserveLine(
            id: id, assetClass: assetClass, currency: currency, value: amount, custody: custody, custodian: custodian,
            acquiredVia: acquiredVia, description: description, issuer: issuer, rating: rating, maturity: maturity,
            faceValue: faceValue, counterparty: counterparty, callable: callable, tenorDays: tenorDays,
            collateral: collateral, name: name, holdsOnlyEligible: holdsOnlyEligible, weightedAverageMaturityDays: wam,
            mainIndex: mainIndex, holdings: holdings)
    }
}
