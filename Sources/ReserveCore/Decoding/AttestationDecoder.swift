/// Decodes `reserve-attestation/1` payload bytes strictly.
///
/// Rejects, each with a stable code and the JSON path: malformed JSON, duplicate keys (E004),
/// unknown fields at any level (E005), missing required fields (E006), wrong JSON types (E007),
/// invalid amounts, dates and enum values (E008), negative amounts, `sequence < 1` and dates out
/// of bounds (E009), `asOf` after `issuedAt` and duplicate reserve ids (E010), more reserve lines
/// than the limit (E011), empty reserves or outstanding lists (E012), another format (E013).
///
/// ```swift
/// let attestation = try AttestationDecoder().decode(bytes)
/// let problems = AttestationDecoder().problems(in: bytes)   // every problem, for `lint`
/// ```
public struct AttestationDecoder: Sendable {
    public var limits: DecodingLimits

    public init(limits: DecodingLimits = .default) {
        self.limits = limits
    }

    /// Decodes, or throws the first problem found.
    public func decode(_ bytes: [UInt8]) throws(VerifierError) -> Attestation {
        switch decodeAll(bytes) {
        case .success(let attestation): return attestation
        case .failure(let problems):
            var first = problems.problems[0]
            if problems.problems.count > 1 {
                first.message +=
                    " (and \(problems.problems.count - 1) more problem\(problems.problems.count == 2 ? "" : "s"); `reserve-verifier lint` lists them all)"
            }
            throw first
        }
    }

    /// Every problem in the payload, in the format's field order (unknown fields of an object
    /// first); empty when it decodes.
    public func problems(in bytes: [UInt8]) -> [VerifierError] {
        switch decodeAll(bytes) {
        case .success: []
        case .failure(let problems): problems.problems
        }
    }

    public struct Problems: Error {
        public var problems: [VerifierError]
    }

    public func decodeAll(_ bytes: [UInt8]) -> Result<Attestation, Problems> {
        if bytes.count > limits.maxBytes {
            return .failure(
                Problems(problems: [
                    VerifierError(
                        .inputTooLarge, "the payload is \(bytes.count) bytes, over the limit of \(limits.maxBytes)")
                ]))
        }
        // One pass from the bytes to the model; anything it does not accept outright is decoded
        // through the tree, which finds and words every problem.
        if let attestation = DirectDecoder.decode(bytes, limits: limits) { return .success(attestation) }
        let root: JSONValue
        do {
            root = try JSONParser(maxDepth: limits.maxDepth).parse(bytes)
        } catch {
            return .failure(Problems(problems: [error]))
        }
        return decodeAll(root)
    }

    public func decodeAll(_ root: JSONValue) -> Result<Attestation, Problems> {
        var context = DecodeContext(limits: limits)
        let attestation = context.attestation(root)
        if let attestation, context.problems.isEmpty { return .success(attestation) }
        if context.problems.isEmpty {
            // Unreachable by construction; never report success without a value.
            context.report(.malformedJSON, .root, "could not decode the attestation")
        }
        return .failure(Problems(problems: context.problems))
    }
}

/// The field names of each object of the format; the JSON Schema (``AttestationSchema``) is
/// tested against these sets.
public enum AttestationFields {
    public static let top: Set<String> = [
        "format", "attestationId", "sequence", "asOf", "issuedAt", "issuer", "token", "reserves",
        "otherClaims", "entities", "legal", "governance", "disclosure", "assurance", "marketData",
    ]
    public static let issuer: Set<String> = ["id", "legalName", "jurisdiction", "regulation", "group"]
    public static let regulation: Set<String> = ["regulator", "licence", "prudentialCapital", "prudentialLiquidity"]
    public static let token: Set<String> = ["symbol", "peg", "stabilisation", "outstanding", "networks", "redemption"]
    public static let peg: Set<String> = ["currency", "valuePerUnit"]
    public static let outstanding: Set<String> = ["network", "contract", "issued", "nonRedeemable"]
    public static let network: Set<String> = [
        "name", "permissionless", "validatorsRegulated", "riskAssessment",
        "mitigationEvidence", "mitigation",
    ]
    public static let mitigation: Set<String> = ["governance", "technology", "settlementFinality", "amlCft"]
    public static let redemption: Set<String> = ["holders", "settlementDays", "feePercent", "minimumUnits"]
    public static let otherClaim: Set<String> = ["description", "amount"]
    public static let entity: Set<String> = [
        "role", "name", "regulated", "regulator", "riskManagementStandards", "governanceDisclosure",
    ]
    public static let legal: Set<String> = ["opinions", "settlementFinality", "jurisdictions"]
    public static let legalOpinion: Set<String> = ["jurisdiction", "firm", "date"]
    public static let governance: Set<String> = ["operationalResilienceFramework", "reserveMandateUrl"]
    public static let disclosure: Set<String> = [
        "valueFrequencyDays", "compositionFrequencyDays", "lastPublished", "url",
    ]
    public static let assurance: Set<String> = [
        "kind", "firm", "periodEnd", "opinionDate", "opinion", "coversReserves", "independent", "reportSha256",
    ]
    public static let marketData: Set<String> = [
        "referencedByRegulatedProduct", "averageMarketCapitalisationUSD", "trimmedMeanDailyVolumeUSD",
        "priceObservations",
    ]
    public static let party: Set<String> = ["name", "regulated", "group"]
    public static let counterparty: Set<String> = ["name", "rating", "regulated", "group"]
    public static let collateral: Set<String> = ["class", "issuer", "rating", "currency", "value", "maturity"]

    /// Fields every reserve line may carry.
    public static let reserveCommon: Set<String> = [
        "id", "class", "currency", "value", "custody", "custodian", "acquiredVia", "description",
    ]

    /// Fields a reserve line of `assetClass` may carry beyond the common ones.
    public static func reserveSpecific(_ assetClass: ReserveClass) -> Set<String> {
        switch assetClass {
        case .sovereignBill, .sovereignBond, .corporateDebt, .commercialPaper, .coveredBond:
            ["issuer", "rating", "maturity", "faceValue"]
        case .bankDeposit: ["counterparty", "callable", "maturity"]
        case .reverseRepo: ["counterparty", "tenorDays", "collateral"]
        case .moneyMarketFund: ["name", "holdsOnlyEligible", "weightedAverageMaturityDays", "holdings"]
        case .centralBankReserve: ["issuer"]
        case .equity: ["name", "mainIndex"]
        case .gold, .cryptoasset, .securedLoan, .other: ["name"]
        }
    }
}

extension DecodeContext {
    mutating func attestation(_ root: JSONValue) -> Attestation? {
        guard let f = object(root, .root, allowed: nil) else { return nil }
        // The format string decides how everything else is read: check it before unknown fields.
        guard let format = required(f, "format", { $0.text($1, $2) }) else { return nil }
        guard format == Attestation.format else {
            report(
                .unsupportedFormat, f.path.key("format"),
                "\(quotedForMessage(format)) is not a format this version reads (expected \"\(Attestation.format)\")")
            return nil
        }
        checkUnknown(f, allowed: AttestationFields.top)

        let id = required(f, "attestationId") { $0.identifier($1, $2) }
        let sequence = required(f, "sequence") { $0.integer($1, $2, 1...Int(Int32.max)) }
        let asOf = required(f, "asOf") { $0.timestamp($1, $2) }
        let issuedAt = required(f, "issuedAt") { $0.timestamp($1, $2) }
        let issuer = required(f, "issuer") { $0.issuer($1, $2) }
        let token = required(f, "token") { $0.token($1, $2) }
        let maxLines = limits.maxReserveLines
        let reserves = required(f, "reserves") { c, v, p in
            c.array(v, p, max: maxLines, nonEmpty: true) { $0.reserveLine($1, $2) }
        }
        let maxItems = limits.maxListItems
        let otherClaims = optional(f, "otherClaims") { c, v, p in c.array(v, p, max: maxItems) { $0.otherClaim($1, $2) }
        }
        let entities = optional(f, "entities") { c, v, p in c.array(v, p, max: maxItems) { $0.entity($1, $2) } }
        let legal = optional(f, "legal") { $0.legal($1, $2) }
        let governance = optional(f, "governance") { $0.governance($1, $2) }
        let disclosure = optional(f, "disclosure") { $0.disclosure($1, $2) }
        let assurance = optional(f, "assurance") { c, v, p in c.array(v, p, max: maxItems) { $0.assurance($1, $2) } }
        let marketData = optional(f, "marketData") { $0.marketData($1, $2) }

        if let asOf, let issuedAt, issuedAt < asOf {
            report(.inconsistent, f.path.key("asOf"), "asOf \(asOf) is after issuedAt \(issuedAt)")
        }
        if let reserves {
            var seen = Set<String>()
            for (i, line) in reserves.enumerated() where !seen.insert(line.id).inserted {
                report(
                    .inconsistent, f.path.key("reserves").index(i).key("id"),
                    "reserve id \(quotedForMessage(line.id)) is used twice")
            }
        }
        guard let id, let sequence, let asOf, let issuedAt, let issuer, let token, let reserves else { return nil }
        return Attestation(
            attestationId: id, sequence: sequence, asOf: asOf, issuedAt: issuedAt, issuer: issuer, token: token,
            reserves: reserves, otherClaims: otherClaims, entities: entities, legal: legal, governance: governance,
            disclosure: disclosure, assurance: assurance, marketData: marketData)
    }

    mutating func issuer(_ value: JSONValue, _ path: JSONPath) -> Attestation.Issuer? {
        guard let f = object(value, path, allowed: AttestationFields.issuer) else { return nil }
        let id = required(f, "id") { $0.issuerID($1, $2) }
        let legalName = required(f, "legalName") { $0.text($1, $2) }
        let jurisdiction = required(f, "jurisdiction") { $0.country($1, $2) }
        let regulation = optional(f, "regulation") { c, v, p -> Attestation.Regulation? in
            guard let r = c.object(v, p, allowed: AttestationFields.regulation) else { return nil }
            let regulator = c.required(r, "regulator") { $0.text($1, $2) }
            let licence = c.required(r, "licence") { $0.text($1, $2) }
            let capital = c.optional(r, "prudentialCapital") { $0.bool($1, $2) }
            let liquidity = c.optional(r, "prudentialLiquidity") { $0.bool($1, $2) }
            guard let regulator, let licence else { return nil }
            return Attestation.Regulation(
                regulator: regulator, licence: licence, prudentialCapital: capital, prudentialLiquidity: liquidity)
        }
        let group = optional(f, "group") { $0.text($1, $2) }
        guard let id, let legalName, let jurisdiction else { return nil }
        var issuer = Attestation.Issuer(
            id: id, legalName: legalName, jurisdiction: jurisdiction,
            regulation: regulation)
        issuer.group = group
        return issuer
    }

    mutating func token(_ value: JSONValue, _ path: JSONPath) -> Attestation.Token? {
        guard let f = object(value, path, allowed: AttestationFields.token) else { return nil }
        let symbol = required(f, "symbol") { $0.identifier($1, $2) }
        let peg = required(f, "peg") { c, v, p -> Attestation.Peg? in
            guard let g = c.object(v, p, allowed: AttestationFields.peg) else { return nil }
            let currency = c.required(g, "currency") { $0.currency($1, $2) }
            let valuePerUnit = c.required(g, "valuePerUnit") { $0.amount($1, $2) }
            guard let currency, let valuePerUnit else { return nil }
            return Attestation.Peg(currency: currency, valuePerUnit: valuePerUnit)
        }
        let stabilisation = optional(f, "stabilisation") { $0.enumeration($1, $2, Stabilisation.self) }
        let maxItems = limits.maxListItems
        let outstanding = required(f, "outstanding") { c, v, p in
            c.array(v, p, max: maxItems, nonEmpty: true) { c, v, p -> Attestation.Outstanding? in
                guard let o = c.object(v, p, allowed: AttestationFields.outstanding) else { return nil }
                let network = c.required(o, "network") { $0.identifier($1, $2) }
                let contract = c.optional(o, "contract") { $0.text($1, $2) }
                let issued = c.required(o, "issued") { $0.amount($1, $2) }
                let nonRedeemable = c.required(o, "nonRedeemable") { $0.amount($1, $2) }
                if let issued, let nonRedeemable, issued < nonRedeemable {
                    c.report(
                        .inconsistent, o.path.key("nonRedeemable"),
                        "\(nonRedeemable) non-redeemable units exceed the \(issued) issued")
                    return nil
                }
                guard let network, let issued, let nonRedeemable else { return nil }
                return Attestation.Outstanding(
                    network: network, contract: contract, issued: issued, nonRedeemable: nonRedeemable)
            }
        }
        let networks = optional(f, "networks") { c, v, p in
            c.array(v, p, max: maxItems) { c, v, p -> Attestation.Network? in
                guard let n = c.object(v, p, allowed: AttestationFields.network) else { return nil }
                let name = c.required(n, "name") { $0.identifier($1, $2) }
                let permissionless = c.required(n, "permissionless") { $0.bool($1, $2) }
                let validators = c.optional(n, "validatorsRegulated") { $0.bool($1, $2) }
                let assessment = c.optional(n, "riskAssessment") { $0.https($1, $2) }
                let evidence = c.optional(n, "mitigationEvidence") { $0.https($1, $2) }
                let mitigation = c.optional(n, "mitigation") { c, v, p -> Attestation.Mitigation? in
                    guard let m = c.object(v, p, allowed: AttestationFields.mitigation) else { return nil }
                    let governance = c.required(m, "governance") { $0.https($1, $2) }
                    let technology = c.required(m, "technology") { $0.https($1, $2) }
                    let finality = c.required(m, "settlementFinality") { $0.https($1, $2) }
                    let aml = c.required(m, "amlCft") { $0.https($1, $2) }
                    guard let governance, let technology, let finality, let aml else { return nil }
                    return Attestation.Mitigation(
                        governance: governance, technology: technology,
                        settlementFinality: finality,
                        amlCft: aml)
                }
                guard let name, let permissionless else { return nil }
                var network = Attestation.Network(
                    name: name, permissionless: permissionless,
                    validatorsRegulated: validators,
                    riskAssessment: assessment, mitigationEvidence: evidence)
                network.mitigation = mitigation
                return network
            }
        }
        let redemption = optional(f, "redemption") { c, v, p -> Attestation.Redemption? in
            guard let r = c.object(v, p, allowed: AttestationFields.redemption) else { return nil }
            let holders = c.required(r, "holders") { $0.enumeration($1, $2, RedemptionHolders.self) }
            let days = c.required(r, "settlementDays") { $0.integer($1, $2, 0...3650) }
            let fee = c.optional(r, "feePercent") { $0.amount($1, $2) }
            let minimum = c.optional(r, "minimumUnits") { $0.amount($1, $2) }
            if let fee, fee.value > 100 {
                c.report(.outOfRange, r.path.key("feePercent"), "\(fee) is more than 100 percent")
                return nil
            }
            guard let holders, let days else { return nil }
            return Attestation.Redemption(
                holders: holders, settlementDays: days, feePercent: fee, minimumUnits: minimum)
        }
        guard let symbol, let peg, let outstanding else { return nil }
        return Attestation.Token(
            symbol: symbol, peg: peg, stabilisation: stabilisation, outstanding: outstanding,
            networks: networks, redemption: redemption)
    }

    mutating func reserveLine(_ value: JSONValue, _ path: JSONPath) -> ReserveLine? {
        guard let f = object(value, path, allowed: nil) else { return nil }
        let assetClass = required(f, "class") { $0.enumeration($1, $2, ReserveClass.self) }
        if let assetClass {
            checkUnknown(
                f, allowed: AttestationFields.reserveCommon.union(AttestationFields.reserveSpecific(assetClass)))
        }
        let id = required(f, "id") { $0.identifier($1, $2) }
        let currency = required(f, "currency") { $0.currency($1, $2) }
        let amount = required(f, "value") { $0.amount($1, $2) }
        let custody = required(f, "custody") { $0.enumeration($1, $2, Custody.self) }
        let custodian = optional(f, "custodian") { $0.party($1, $2) }
        let acquiredVia = optional(f, "acquiredVia") { $0.enumeration($1, $2, Acquisition.self) }
        let description = optional(f, "description") { $0.text($1, $2) }
        let issuer = optional(f, "issuer") { $0.text($1, $2) }
        let rating = optional(f, "rating") { $0.enumeration($1, $2, Rating.self) }
        let maturity = optional(f, "maturity") { $0.date($1, $2) }
        let faceValue = optional(f, "faceValue") { $0.amount($1, $2) }
        let counterparty = optional(f, "counterparty") { $0.counterparty($1, $2) }
        let callable = optional(f, "callable") { $0.bool($1, $2) }
        let tenorDays = optional(f, "tenorDays") { $0.integer($1, $2, 0...36500) }
        let collateral = optional(f, "collateral") { $0.collateral($1, $2) }
        let name = optional(f, "name") { $0.text($1, $2) }
        let holdsOnlyEligible = optional(f, "holdsOnlyEligible") { $0.bool($1, $2) }
        let wam = optional(f, "weightedAverageMaturityDays") { $0.integer($1, $2, 0...36500) }
        let mainIndex = optional(f, "mainIndex") { $0.bool($1, $2) }
        let maxHoldings = limits.maxReserveLines
        let holdings = optional(f, "holdings") { c, v, p in
            c.array(v, p, max: maxHoldings, nonEmpty: true) { c, v, p -> ReserveLine? in
                // A fund's holdings are looked through one level: a fund inside a fund is not.
                if case .object(let o) = v, case .string(ReserveClass.moneyMarketFund.rawValue)? = o["class"] {
                    c.report(
                        .invalidValue, p.key("class"),
                        "a money-market fund's holdings cannot include another fund")
                    return nil
                }
                return c.reserveLine(v, p)
            }
        }

        if let assetClass, assetClass.isSovereignDebt || assetClass == .centralBankReserve, let issuer,
            !(issuer.utf8.count == 2 && issuer.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }))
        {
            report(
                .invalidValue, f.path.key("issuer"),
                "\(quotedForMessage(issuer)) is not an ISO 3166-1 alpha-2 country code (a sovereign or central bank issuer is its country)"
            )
            return nil
        }
        guard let id, let assetClass, let currency, let amount, let custody else { return nil }
        return ReserveLine(
            id: id, assetClass: assetClass, currency: currency, value: amount, custody: custody, custodian: custodian,
            acquiredVia: acquiredVia, description: description, issuer: issuer, rating: rating, maturity: maturity,
            faceValue: faceValue, counterparty: counterparty, callable: callable, tenorDays: tenorDays,
            collateral: collateral, name: name, holdsOnlyEligible: holdsOnlyEligible, weightedAverageMaturityDays: wam,
            mainIndex: mainIndex, holdings: holdings)
    }

    mutating func counterparty(_ value: JSONValue, _ path: JSONPath) -> ReserveLine.Counterparty? {
        guard let o = object(value, path, allowed: AttestationFields.counterparty) else { return nil }
        let name = required(o, "name") { $0.text($1, $2) }
        let rating = optional(o, "rating") { $0.enumeration($1, $2, Rating.self) }
        let regulated = optional(o, "regulated") { $0.bool($1, $2) }
        let group = optional(o, "group") { $0.text($1, $2) }
        guard let name else { return nil }
        var counterparty = ReserveLine.Counterparty(name: name, rating: rating, regulated: regulated)
        counterparty.group = group
        return counterparty
    }

    mutating func collateral(_ value: JSONValue, _ path: JSONPath) -> ReserveLine.Collateral? {
        guard let o = object(value, path, allowed: AttestationFields.collateral) else { return nil }
        let cls = required(o, "class") { $0.enumeration($1, $2, ReserveClass.self) }
        let issuer = required(o, "issuer") { $0.text($1, $2) }
        let rating = optional(o, "rating") { $0.enumeration($1, $2, Rating.self) }
        let currency = required(o, "currency") { $0.currency($1, $2) }
        let value = required(o, "value") { $0.amount($1, $2) }
        let maturity = optional(o, "maturity") { $0.date($1, $2) }
        guard let cls, let issuer, let currency, let value else { return nil }
        return ReserveLine.Collateral(
            assetClass: cls, issuer: issuer, rating: rating, currency: currency, value: value, maturity: maturity)
    }

    mutating func party(_ value: JSONValue, _ path: JSONPath) -> ReserveLine.Party? {
        guard let o = object(value, path, allowed: AttestationFields.party) else { return nil }
        let name = required(o, "name") { $0.text($1, $2) }
        let regulated = optional(o, "regulated") { $0.bool($1, $2) }
        let group = optional(o, "group") { $0.text($1, $2) }
        guard let name else { return nil }
        var party = ReserveLine.Party(name: name, regulated: regulated)
        party.group = group
        return party
    }

    mutating func otherClaim(_ value: JSONValue, _ path: JSONPath) -> Attestation.OtherClaim? {
        guard let o = object(value, path, allowed: AttestationFields.otherClaim) else { return nil }
        let description = required(o, "description") { $0.text($1, $2) }
        let amount = required(o, "amount") { $0.amount($1, $2) }
        guard let description, let amount else { return nil }
        return Attestation.OtherClaim(description: description, amount: amount)
    }

    mutating func entity(_ value: JSONValue, _ path: JSONPath) -> Attestation.Entity? {
        guard let o = object(value, path, allowed: AttestationFields.entity) else { return nil }
        let role = required(o, "role") { $0.enumeration($1, $2, EntityRole.self) }
        let name = required(o, "name") { $0.text($1, $2) }
        let regulated = optional(o, "regulated") { $0.bool($1, $2) }
        let regulator = optional(o, "regulator") { $0.text($1, $2) }
        let standards = optional(o, "riskManagementStandards") { $0.bool($1, $2) }
        let disclosure = optional(o, "governanceDisclosure") { $0.https($1, $2) }
        guard let role, let name else { return nil }
        return Attestation.Entity(
            role: role, name: name, regulated: regulated, regulator: regulator,
            riskManagementStandards: standards, governanceDisclosure: disclosure)
    }

    mutating func legal(_ value: JSONValue, _ path: JSONPath) -> Attestation.Legal? {
        guard let o = object(value, path, allowed: AttestationFields.legal) else { return nil }
        let maxItems = limits.maxListItems
        let opinions = optional(o, "opinions") { c, v, p in
            c.array(v, p, max: maxItems) { c, v, p -> Attestation.LegalOpinion? in
                guard let l = c.object(v, p, allowed: AttestationFields.legalOpinion) else { return nil }
                let jurisdiction = c.required(l, "jurisdiction") { $0.country($1, $2) }
                let firm = c.required(l, "firm") { $0.text($1, $2) }
                let date = c.required(l, "date") { $0.date($1, $2) }
                guard let jurisdiction, let firm, let date else { return nil }
                return Attestation.LegalOpinion(jurisdiction: jurisdiction, firm: firm, date: date)
            }
        }
        let finality = optional(o, "settlementFinality") { $0.bool($1, $2) }
        let jurisdictions = optional(o, "jurisdictions") { c, v, p in c.array(v, p, max: 300) { $0.country($1, $2) } }
        return Attestation.Legal(opinions: opinions, settlementFinality: finality, jurisdictions: jurisdictions)
    }

    mutating func governance(_ value: JSONValue, _ path: JSONPath) -> Attestation.Governance? {
        guard let o = object(value, path, allowed: AttestationFields.governance) else { return nil }
        let framework = optional(o, "operationalResilienceFramework") { $0.bool($1, $2) }
        let mandate = optional(o, "reserveMandateUrl") { $0.https($1, $2) }
        return Attestation.Governance(operationalResilienceFramework: framework, reserveMandateUrl: mandate)
    }

    mutating func disclosure(_ value: JSONValue, _ path: JSONPath) -> Attestation.Disclosure? {
        guard let o = object(value, path, allowed: AttestationFields.disclosure) else { return nil }
        let valueDays = optional(o, "valueFrequencyDays") { $0.integer($1, $2, 1...3660) }
        let compositionDays = optional(o, "compositionFrequencyDays") { $0.integer($1, $2, 1...3660) }
        let lastPublished = optional(o, "lastPublished") { $0.timestamp($1, $2) }
        let url = optional(o, "url") { $0.https($1, $2) }
        return Attestation.Disclosure(
            valueFrequencyDays: valueDays, compositionFrequencyDays: compositionDays,
            lastPublished: lastPublished, url: url)
    }

    mutating func assurance(_ value: JSONValue, _ path: JSONPath) -> Attestation.Assurance? {
        guard let o = object(value, path, allowed: AttestationFields.assurance) else { return nil }
        let kind = required(o, "kind") { $0.enumeration($1, $2, AssuranceKind.self) }
        let firm = required(o, "firm") { $0.text($1, $2) }
        let periodEnd = required(o, "periodEnd") { $0.date($1, $2) }
        let opinionDate = required(o, "opinionDate") { $0.date($1, $2) }
        let opinion = required(o, "opinion") { $0.enumeration($1, $2, Opinion.self) }
        let covers = required(o, "coversReserves") { $0.bool($1, $2) }
        let independent = optional(o, "independent") { $0.bool($1, $2) }
        let digest = optional(o, "reportSha256") { $0.sha256Hex($1, $2) }
        if let periodEnd, let opinionDate, opinionDate < periodEnd {
            report(
                .inconsistent, o.path.key("opinionDate"),
                "opinion date \(opinionDate) is before the period end \(periodEnd)")
            return nil
        }
        guard let kind, let firm, let periodEnd, let opinionDate, let opinion, let covers else { return nil }
        return Attestation.Assurance(
            kind: kind, firm: firm, periodEnd: periodEnd, opinionDate: opinionDate, opinion: opinion,
            coversReserves: covers, independent: independent, reportSha256: digest)
    }

    mutating func marketData(_ value: JSONValue, _ path: JSONPath) -> Attestation.MarketData? {
        guard let o = object(value, path, allowed: AttestationFields.marketData) else { return nil }
        let referenced = required(o, "referencedByRegulatedProduct") { $0.bool($1, $2) }
        let cap = required(o, "averageMarketCapitalisationUSD") { $0.amount($1, $2) }
        let volume = required(o, "trimmedMeanDailyVolumeUSD") { $0.amount($1, $2) }
        let observations = required(o, "priceObservations") { $0.integer($1, $2, 0...100_000) }
        guard let referenced, let cap, let volume, let observations else { return nil }
        return Attestation.MarketData(
            referencedByRegulatedProduct: referenced, averageMarketCapitalisationUSD: cap,
            trimmedMeanDailyVolumeUSD: volume, priceObservations: observations)
    }
}
