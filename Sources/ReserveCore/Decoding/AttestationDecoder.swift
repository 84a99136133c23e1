/// Decodes `reserve-attestation/1` payload bytes strictly.
///
/// Rejects, each with a stable code and the JSON path: malformed JSON, duplicate keys (E004),
/// unknown fields at any level (E005), missing required fields (E006), wrong JSON types (E007),
/// invalid amounts, dates and enum values (E008), negative amounts, `sequence < 1` and dates out
/// of bounds (E009), `asOf` after `issuedAt`, duplicate reserve ids and network names (E010), more reserve lines
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
                    " (and \(problems.problems.count - 1) more problem\(problems.problems.count == 2 ? "" : "s"); "
                    + "`reserve-verifier lint` lists them all)"
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
        bytes.withUnsafeBufferPointer { decodeAll(buffer: $0) }
    }

    /// ``decodeAll(_:)`` of bytes read in place (a DSSE payload inside its PAE).
    func decodeAll(buffer bytes: UnsafeBufferPointer<UInt8>) -> Result<Attestation, Problems> {
        if bytes.count > limits.maxBytes {
            return .failure(
                Problems(problems: [
                    VerifierError(
                        .inputTooLarge, "the payload is \(bytes.count) bytes, over the limit of \(limits.maxBytes)")
                ]))
        }
        // One pass from the bytes to the model; anything it does not accept outright is decoded
        // through the tree, which finds and words every problem.
        if let attestation = DirectDecoder.decode(buffer: bytes, limits: limits) { return .success(attestation) }
        let root: JSONValue
        do {
            root = try JSONParser(maxDepth: limits.maxDepth).parse(buffer: bytes)
        } catch {
            return .failure(Problems(problems: [error]))
        }
        return decodeAll(root)
    }

    public func decodeAll(_ root: JSONValue) -> Result<Attestation, Problems> {
        var context = DecodeContext(limits: limits)
        let attestation = context.attestation(root)
        if let attestation, !context.hasProblems { return .success(attestation) }
        if !context.hasProblems {
            // Unreachable by construction; never report success without a value.
            context.report(.malformedJSON, .root, "could not decode the attestation")
        }
        return .failure(Problems(problems: context.problems))
    }
}

extension DecodeContext {
    mutating func attestation(_ root: JSONValue) -> Attestation? {
        guard let f = object(root, .root, AttestationFields.Top.self, checkUnknown: false) else { return nil }
        // The format string decides how everything else is read: check it before unknown fields.
        guard let format = field(f, .format, { $0.text($1, $2) }) else { return nil }
        guard format == Attestation.format else {
            report(
                .unsupportedFormat, f.at(.format),
                "\(quotedForMessage(format)) is not a format this version reads (expected \"\(Attestation.format)\")")
            return nil
        }
        checkUnknown(f)

        let id = field(f, .attestationId) { $0.identifier($1, $2) }
        let sequence = field(f, .sequence) { $0.integer($1, $2, 1...Int(Int32.max)) }
        let asOf = field(f, .asOf) { $0.timestamp($1, $2) }
        let issuedAt = field(f, .issuedAt) { $0.timestamp($1, $2) }
        let issuer = field(f, .issuer) { $0.issuer($1, $2) }
        let token = field(f, .token) { $0.token($1, $2) }
        let maxLines = limits.maxReserveLines
        let reserves = field(f, .reserves) { c, v, p in
            c.array(v, p, max: maxLines, nonEmpty: true) { $0.reserveLine($1, $2) }
        }
        let maxItems = limits.maxListItems
        let otherClaims = field(f, .otherClaims) { c, v, p in c.array(v, p, max: maxItems) { $0.otherClaim($1, $2) }
        }
        let entities = field(f, .entities) { c, v, p in c.array(v, p, max: maxItems) { $0.entity($1, $2) } }
        let legal = field(f, .legal) { $0.legal($1, $2) }
        let governance = field(f, .governance) { $0.governance($1, $2) }
        let disclosure = field(f, .disclosure) { $0.disclosure($1, $2) }
        let assurance = field(f, .assurance) { c, v, p in c.array(v, p, max: maxItems) { $0.assurance($1, $2) } }
        let marketData = field(f, .marketData) { $0.marketData($1, $2) }

        if let asOf, let issuedAt, issuedAt < asOf {
            report(.inconsistent, f.at(.asOf), "asOf \(asOf) is after issuedAt \(issuedAt)")
        }
        if let reserves {
            var seen = Set<String>()
            for (i, line) in reserves.enumerated() where !seen.insert(line.id).inserted {
                report(
                    .inconsistent, f.at(.reserves).index(i).key(AttestationFields.Line.id.rawValue),
                    "reserve id \(quotedForMessage(line.id)) is used twice")
            }
        }
        if let networks = token?.networks {
            // One description a network: two could declare it permissioned and permissionless.
            var seen = Set<String>()
            for (i, network) in networks.enumerated() where !seen.insert(network.name).inserted {
                report(
                    .inconsistent,
                    f.at(.token).key(AttestationFields.Token.networks.rawValue).index(i)
                        .key(AttestationFields.Network.name.rawValue),
                    "network \(quotedForMessage(network.name)) is described twice")
            }
        }
        guard let id, let sequence, let asOf, let issuedAt, let issuer, let token, let reserves else { return nil }
        return Attestation(
            attestationId: id, sequence: sequence, asOf: asOf, issuedAt: issuedAt, issuer: issuer, token: token,
            reserves: reserves, otherClaims: otherClaims, entities: entities, legal: legal, governance: governance,
            disclosure: disclosure, assurance: assurance, marketData: marketData)
    }

    mutating func issuer(_ value: JSONValue, _ path: JSONPath) -> Attestation.Issuer? {
        guard let f = object(value, path, AttestationFields.Issuer.self) else { return nil }
        let id = field(f, .id) { $0.issuerID($1, $2) }
        let legalName = field(f, .legalName) { $0.text($1, $2) }
        let jurisdiction = field(f, .jurisdiction) { $0.country($1, $2) }
        let regulation = field(f, .regulation) { c, v, p -> Attestation.Regulation? in
            guard let r = c.object(v, p, AttestationFields.Regulation.self) else { return nil }
            let regulator = c.field(r, .regulator) { $0.text($1, $2) }
            let licence = c.field(r, .licence) { $0.text($1, $2) }
            let capital = c.field(r, .prudentialCapital) { $0.bool($1, $2) }
            let liquidity = c.field(r, .prudentialLiquidity) { $0.bool($1, $2) }
            guard let regulator, let licence else { return nil }
            return Attestation.Regulation(
                regulator: regulator, licence: licence, prudentialCapital: capital, prudentialLiquidity: liquidity)
        }
        let group = field(f, .group) { $0.text($1, $2) }
        guard let id, let legalName, let jurisdiction else { return nil }
        var issuer = Attestation.Issuer(
            id: id, legalName: legalName, jurisdiction: jurisdiction,
            regulation: regulation)
        issuer.group = group
        return issuer
    }

    mutating func token(_ value: JSONValue, _ path: JSONPath) -> Attestation.Token? {
        guard let f = object(value, path, AttestationFields.Token.self) else { return nil }
        let symbol = field(f, .symbol) { $0.identifier($1, $2) }
        let peg = field(f, .peg) { c, v, p -> Attestation.Peg? in
            guard let g = c.object(v, p, AttestationFields.Peg.self) else { return nil }
            let currency = c.field(g, .currency) { $0.currency($1, $2) }
            let valuePerUnit = c.field(g, .valuePerUnit) { $0.amount($1, $2) }
            guard let currency, let valuePerUnit else { return nil }
            return Attestation.Peg(currency: currency, valuePerUnit: valuePerUnit)
        }
        let stabilisation = field(f, .stabilisation) { $0.enumeration($1, $2, Stabilisation.self) }
        let maxItems = limits.maxListItems
        let outstanding = field(f, .outstanding) { c, v, p in
            c.array(v, p, max: maxItems, nonEmpty: true) { c, v, p -> Attestation.Outstanding? in
                guard let o = c.object(v, p, AttestationFields.Outstanding.self) else { return nil }
                let network = c.field(o, .network) { $0.identifier($1, $2) }
                let contract = c.field(o, .contract) { $0.text($1, $2) }
                let issued = c.field(o, .issued) { $0.amount($1, $2) }
                let nonRedeemable = c.field(o, .nonRedeemable) { $0.amount($1, $2) }
                if let issued, let nonRedeemable, issued < nonRedeemable {
                    c.report(
                        .inconsistent, o.at(.nonRedeemable),
                        "\(nonRedeemable) non-redeemable units exceed the \(issued) issued")
                    return nil
                }
                guard let network, let issued, let nonRedeemable else { return nil }
                return Attestation.Outstanding(
                    network: network, contract: contract, issued: issued, nonRedeemable: nonRedeemable)
            }
        }
        let networks = field(f, .networks) { c, v, p in
            c.array(v, p, max: maxItems) { c, v, p -> Attestation.Network? in
                guard let n = c.object(v, p, AttestationFields.Network.self) else { return nil }
                let name = c.field(n, .name) { $0.identifier($1, $2) }
                let permissionless = c.field(n, .permissionless) { $0.bool($1, $2) }
                let validators = c.field(n, .validatorsRegulated) { $0.bool($1, $2) }
                let assessment = c.field(n, .riskAssessment) { $0.https($1, $2) }
                let evidence = c.field(n, .mitigationEvidence) { $0.https($1, $2) }
                let mitigation = c.field(n, .mitigation) { c, v, p -> Attestation.Mitigation? in
                    guard let m = c.object(v, p, AttestationFields.Mitigation.self) else { return nil }
                    let governance = c.field(m, .governance) { $0.https($1, $2) }
                    let technology = c.field(m, .technology) { $0.https($1, $2) }
                    let finality = c.field(m, .settlementFinality) { $0.https($1, $2) }
                    let aml = c.field(m, .amlCft) { $0.https($1, $2) }
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
        let redemption = field(f, .redemption) { c, v, p -> Attestation.Redemption? in
            guard let r = c.object(v, p, AttestationFields.Redemption.self) else { return nil }
            let holders = c.field(r, .holders) { $0.enumeration($1, $2, RedemptionHolders.self) }
            let days = c.field(r, .settlementDays) { $0.integer($1, $2, 0...3650) }
            let fee = c.field(r, .feePercent) { $0.amount($1, $2) }
            let minimum = c.field(r, .minimumUnits) { $0.amount($1, $2) }
            if let fee, fee.value > 100 {
                c.report(.outOfRange, r.at(.feePercent), "\(fee) is more than 100 percent")
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
        guard let f = object(value, path, AttestationFields.Line.self, checkUnknown: false) else { return nil }
        let assetClass = field(f, .class) { $0.enumeration($1, $2, ReserveClass.self) }
        if let assetClass {
            checkUnknown(f, allowed: AttestationFields.Line.allowed(for: assetClass))
        }
        let id = field(f, .id) { $0.identifier($1, $2) }
        let currency = field(f, .currency) { $0.currency($1, $2) }
        let amount = field(f, .value) { $0.amount($1, $2) }
        let custody = field(f, .custody) { $0.enumeration($1, $2, Custody.self) }
        let custodian = field(f, .custodian) { $0.party($1, $2) }
        let acquiredVia = field(f, .acquiredVia) { $0.enumeration($1, $2, Acquisition.self) }
        let description = field(f, .description) { $0.text($1, $2) }
        let issuer = field(f, .issuer) { $0.text($1, $2) }
        let rating = field(f, .rating) { $0.enumeration($1, $2, Rating.self) }
        let maturity = field(f, .maturity) { $0.date($1, $2) }
        let faceValue = field(f, .faceValue) { $0.amount($1, $2) }
        let counterparty = field(f, .counterparty) { $0.counterparty($1, $2) }
        let callable = field(f, .callable) { $0.bool($1, $2) }
        let tenorDays = field(f, .tenorDays) { $0.integer($1, $2, 0...36500) }
        let collateral = field(f, .collateral) { $0.collateral($1, $2) }
        let name = field(f, .name) { $0.text($1, $2) }
        let holdsOnlyEligible = field(f, .holdsOnlyEligible) { $0.bool($1, $2) }
        let wam = field(f, .weightedAverageMaturityDays) { $0.integer($1, $2, 0...36500) }
        let mainIndex = field(f, .mainIndex) { $0.bool($1, $2) }
        let maxHoldings = limits.maxReserveLines
        let holdings = field(f, .holdings) { c, v, p in
            c.array(v, p, max: maxHoldings, nonEmpty: true) { c, v, p -> ReserveLine? in
                // A fund's holdings are looked through one level: a fund inside a fund is not.
                if case .object(let o) = v,
                    case .string(ReserveClass.moneyMarketFund.rawValue)? = o[AttestationFields.Line.class.rawValue]
                {
                    c.report(
                        .invalidValue, p.key(AttestationFields.Line.class.rawValue),
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
                .invalidValue, f.at(.issuer),
                "\(quotedForMessage(issuer)) is not an ISO 3166-1 alpha-2 country code "
                    + "(a sovereign or central bank issuer is its country)"
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
        guard let o = object(value, path, AttestationFields.Counterparty.self) else { return nil }
        let name = field(o, .name) { $0.text($1, $2) }
        let rating = field(o, .rating) { $0.enumeration($1, $2, Rating.self) }
        let regulated = field(o, .regulated) { $0.bool($1, $2) }
        let group = field(o, .group) { $0.text($1, $2) }
        guard let name else { return nil }
        var counterparty = ReserveLine.Counterparty(name: name, rating: rating, regulated: regulated)
        counterparty.group = group
        return counterparty
    }

    mutating func collateral(_ value: JSONValue, _ path: JSONPath) -> ReserveLine.Collateral? {
        guard let o = object(value, path, AttestationFields.Collateral.self) else { return nil }
        let cls = field(o, .class) { $0.enumeration($1, $2, ReserveClass.self) }
        let issuer = field(o, .issuer) { $0.text($1, $2) }
        let rating = field(o, .rating) { $0.enumeration($1, $2, Rating.self) }
        let currency = field(o, .currency) { $0.currency($1, $2) }
        let value = field(o, .value) { $0.amount($1, $2) }
        let maturity = field(o, .maturity) { $0.date($1, $2) }
        guard let cls, let issuer, let currency, let value else { return nil }
        return ReserveLine.Collateral(
            assetClass: cls, issuer: issuer, rating: rating, currency: currency, value: value, maturity: maturity)
    }

    mutating func party(_ value: JSONValue, _ path: JSONPath) -> ReserveLine.Party? {
        guard let o = object(value, path, AttestationFields.Party.self) else { return nil }
        let name = field(o, .name) { $0.text($1, $2) }
        let regulated = field(o, .regulated) { $0.bool($1, $2) }
        let group = field(o, .group) { $0.text($1, $2) }
        guard let name else { return nil }
        var party = ReserveLine.Party(name: name, regulated: regulated)
        party.group = group
        return party
    }

    mutating func otherClaim(_ value: JSONValue, _ path: JSONPath) -> Attestation.OtherClaim? {
        guard let o = object(value, path, AttestationFields.OtherClaim.self) else { return nil }
        let description = field(o, .description) { $0.text($1, $2) }
        let amount = field(o, .amount) { $0.amount($1, $2) }
        guard let description, let amount else { return nil }
        return Attestation.OtherClaim(description: description, amount: amount)
    }

    mutating func entity(_ value: JSONValue, _ path: JSONPath) -> Attestation.Entity? {
        guard let o = object(value, path, AttestationFields.Entity.self) else { return nil }
        let role = field(o, .role) { $0.enumeration($1, $2, EntityRole.self) }
        let name = field(o, .name) { $0.text($1, $2) }
        let regulated = field(o, .regulated) { $0.bool($1, $2) }
        let regulator = field(o, .regulator) { $0.text($1, $2) }
        let standards = field(o, .riskManagementStandards) { $0.bool($1, $2) }
        let disclosure = field(o, .governanceDisclosure) { $0.https($1, $2) }
        guard let role, let name else { return nil }
        return Attestation.Entity(
            role: role, name: name, regulated: regulated, regulator: regulator,
            riskManagementStandards: standards, governanceDisclosure: disclosure)
    }

    mutating func legal(_ value: JSONValue, _ path: JSONPath) -> Attestation.Legal? {
        guard let o = object(value, path, AttestationFields.Legal.self) else { return nil }
        let maxItems = limits.maxListItems
        let opinions = field(o, .opinions) { c, v, p in
            c.array(v, p, max: maxItems) { c, v, p -> Attestation.LegalOpinion? in
                guard let l = c.object(v, p, AttestationFields.LegalOpinion.self) else { return nil }
                let jurisdiction = c.field(l, .jurisdiction) { $0.country($1, $2) }
                let firm = c.field(l, .firm) { $0.text($1, $2) }
                let date = c.field(l, .date) { $0.date($1, $2) }
                guard let jurisdiction, let firm, let date else { return nil }
                return Attestation.LegalOpinion(jurisdiction: jurisdiction, firm: firm, date: date)
            }
        }
        let finality = field(o, .settlementFinality) { $0.bool($1, $2) }
        let jurisdictions = field(o, .jurisdictions) { c, v, p in c.array(v, p, max: 300) { $0.country($1, $2) } }
        return Attestation.Legal(opinions: opinions, settlementFinality: finality, jurisdictions: jurisdictions)
    }

    mutating func governance(_ value: JSONValue, _ path: JSONPath) -> Attestation.Governance? {
        guard let o = object(value, path, AttestationFields.Governance.self) else { return nil }
        let framework = field(o, .operationalResilienceFramework) { $0.bool($1, $2) }
        let mandate = field(o, .reserveMandateUrl) { $0.https($1, $2) }
        return Attestation.Governance(operationalResilienceFramework: framework, reserveMandateUrl: mandate)
    }

    mutating func disclosure(_ value: JSONValue, _ path: JSONPath) -> Attestation.Disclosure? {
        guard let o = object(value, path, AttestationFields.Disclosure.self) else { return nil }
        let valueDays = field(o, .valueFrequencyDays) { $0.integer($1, $2, 1...3660) }
        let compositionDays = field(o, .compositionFrequencyDays) { $0.integer($1, $2, 1...3660) }
        let lastPublished = field(o, .lastPublished) { $0.timestamp($1, $2) }
        let url = field(o, .url) { $0.https($1, $2) }
        return Attestation.Disclosure(
            valueFrequencyDays: valueDays, compositionFrequencyDays: compositionDays,
            lastPublished: lastPublished, url: url)
    }

    mutating func assurance(_ value: JSONValue, _ path: JSONPath) -> Attestation.Assurance? {
        guard let o = object(value, path, AttestationFields.Assurance.self) else { return nil }
        let kind = field(o, .kind) { $0.enumeration($1, $2, AssuranceKind.self) }
        let firm = field(o, .firm) { $0.text($1, $2) }
        let periodEnd = field(o, .periodEnd) { $0.date($1, $2) }
        let opinionDate = field(o, .opinionDate) { $0.date($1, $2) }
        let opinion = field(o, .opinion) { $0.enumeration($1, $2, Opinion.self) }
        let covers = field(o, .coversReserves) { $0.bool($1, $2) }
        let independent = field(o, .independent) { $0.bool($1, $2) }
        let digest = field(o, .reportSha256) { $0.sha256Hex($1, $2) }
        if let periodEnd, let opinionDate, opinionDate < periodEnd {
            report(
                .inconsistent, o.at(.opinionDate),
                "opinion date \(opinionDate) is before the period end \(periodEnd)")
            return nil
        }
        guard let kind, let firm, let periodEnd, let opinionDate, let opinion, let covers else { return nil }
        return Attestation.Assurance(
            kind: kind, firm: firm, periodEnd: periodEnd, opinionDate: opinionDate, opinion: opinion,
            coversReserves: covers, independent: independent, reportSha256: digest)
    }

    mutating func marketData(_ value: JSONValue, _ path: JSONPath) -> Attestation.MarketData? {
        guard let o = object(value, path, AttestationFields.MarketData.self) else { return nil }
        let referenced = field(o, .referencedByRegulatedProduct) { $0.bool($1, $2) }
        let cap = field(o, .averageMarketCapitalisationUSD) { $0.amount($1, $2) }
        let volume = field(o, .trimmedMeanDailyVolumeUSD) { $0.amount($1, $2) }
        let observations = field(o, .priceObservations) { $0.integer($1, $2, 0...100_000) }
        guard let referenced, let cap, let volume, let observations else { return nil }
        return Attestation.MarketData(
            referencedByRegulatedProduct: referenced, averageMarketCapitalisationUSD: cap,
            trimmedMeanDailyVolumeUSD: volume, priceObservations: observations)
    }
}
