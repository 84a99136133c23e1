import Foundation

/// CC1-PEG: redeemable for a predefined amount of a reference asset.
struct PegRule: Rule {
    let id = RuleID.cc1Peg
    let condition = RuleCondition.stabilisation
    let gatesInEveryProfile = true
    var checks: String {
        "The coin redeems for a predefined amount of a reference asset: peg value per unit > 0."
    }
    var reference: String {
        """
        SCO60 classification condition 1: stabilisation mechanism (redeemable for a predefined amount of the reference \
        asset)
        """
    }
    var defaultSource: Source {
        .sco60("classification condition 1 (stabilisation mechanism)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let peg = c.attestation.token.peg
        let ev = PegEvidence(currency: peg.currency, valuePerUnit: peg.valuePerUnit.value)
        guard peg.valuePerUnit.value > 0 else {
            return Finding(id, .fail, "the peg value per unit is zero", basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "pegged at \(Amount.canonical(peg.valuePerUnit.value)) \(peg.currency) per unit",
            basis: .declared, evidence: ev)
    }
}

/// CC1-NO-CRYPTO-REF: stabilisation must not rest on other cryptoassets or an algorithm.
struct NoCryptoReferenceRule: Rule {
    let id = RuleID.cc1NoCryptoRef
    let condition = RuleCondition.stabilisation
    let gatesInEveryProfile = true
    var checks: String {
        "Stabilisation does not rest on cryptoassets or an algorithm; no cryptoassets in reserves."
    }
    var reference: String {
        "SCO60 classification condition 1: stablecoins referencing other cryptoassets or algorithms do not qualify"
    }
    var defaultSource: Source {
        .sco60("classification condition 1 (stabilisation mechanism)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let crypto = a.reserves.filter { $0.assetClass == .cryptoasset && $0.acquiredVia == .outright }
        var ev = NoCryptoReferenceEvidence()
        ev.cryptoassetLines = crypto.map(\.id)
        if let mechanism = a.token.stabilisation {
            ev.stabilisation = mechanism.rawValue
            if mechanism == .cryptoReserve || mechanism == .algorithmic {
                return Finding(
                    id, .fail,
                    """
                    stabilisation is \(mechanism.rawValue): a coin stabilised by cryptoassets or an algorithm fails \
                    condition 1
                    """,
                    basis: .declared, evidence: ev)
            }
        }
        if !crypto.isEmpty {
            var value = Money.zero
            for line in crypto { value += line.value.value }
            ev.cryptoassetValue = value
            return Finding(
                id, .fail,
                """
                reserves hold cryptoassets (\(money(value)) in \(crypto.count) line\(crypto.count == 1 ? "" : "s")): \
                stabilisation rests partly on other cryptoassets
                """,
                basis: .computed, evidence: ev)
        }
        guard let mechanism = a.token.stabilisation else {
            return Finding(id, .insufficientData, "token.stabilisation is missing", basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "\(mechanism.rawValue) stabilisation; no cryptoassets in the reserves", basis: .declared,
            evidence: ev)
    }
}

/// CC1-SUPERVISED: the issuer is supervised with prudential capital and liquidity requirements.
struct SupervisionRule: Rule {
    let id = RuleID.cc1Supervised
    let condition = RuleCondition.stabilisation
    let gatesInEveryProfile = true
    var checks: String {
        "The issuer is supervised by a regulator applying prudential capital and liquidity requirements."
    }
    var reference: String {
        "SCO60 condition 1, supervision and regulation requirement for the issuer"
    }
    var defaultSource: Source {
        .sco60("classification condition 1, supervision and regulation of the issuer")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = SupervisionEvidence()
        guard let r = c.attestation.issuer.regulation else {
            return Finding(
                id, .insufficientData, "issuer.regulation is missing: no supervisor is named", basis: .declared,
                evidence: ev)
        }
        ev.regulator = r.regulator
        ev.licence = r.licence
        if let policy = c.profile.policy {
            // The bank's registry decides, not the issuer's own booleans.
            ev.bankPolicy = policy.identity
            let day = c.attestation.asOf.date
            if policy.acceptsRegime(r.regulator, on: day) {
                return Finding(
                    id, .pass,
                    "supervised by \(r.regulator) (\(r.licence)), a regime the bank accepts as applying "
                        + "prudential capital and liquidity requirements", basis: .verifiedByBank, evidence: ev)
            }
            return Finding(
                id, .fail,
                "\(r.regulator) is not among the supervisory regimes the bank's policy accepts on \(day)",
                basis: .verifiedByBank, evidence: ev)
        }
        guard let capital = r.prudentialCapital, let liquidity = r.prudentialLiquidity else {
            return Finding(
                id, .insufficientData, "issuer.regulation.prudentialCapital and prudentialLiquidity are needed",
                basis: .declared, evidence: ev)
        }
        ev.prudentialCapital = capital
        ev.prudentialLiquidity = liquidity
        guard capital && liquidity else {
            let lacking = [capital ? nil : "capital", liquidity ? nil : "liquidity"].compactMap { $0 }.joined(
                separator: " and ")
            return Finding(
                id, .fail, "\(r.regulator) applies no prudential \(lacking) requirements to the issuer",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "supervised by \(r.regulator) (\(r.licence)) with prudential capital and liquidity requirements",
            basis: .declared, evidence: ev)
    }
}

/// CC1-CUSTODY: reserves are bankruptcy remote. A deposit on a custodian's own balance sheet is
/// allowed only at a bank that acts only as custodian (SCO60 July 2024 relief): it must be named,
/// must not be the issuer or share its legal name or group, and must hold no other role in
/// `entities`.
struct CustodyRule: Rule {
    let id = RuleID.cc1Custody
    let condition = RuleCondition.stabilisation
    let gatesInEveryProfile = true
    var checks: String {
        "Reserves are segregated (bankruptcy remote); a named bank acting only as custodian (not "
            + "the issuer, its group or a consortium member, no other role) may hold reserve cash as its own deposits."
    }
    var reference: String {
        """
        SCO60 condition 1, redemption risk test (c): bankruptcy-remote reserves (custodian-bank deposits allowed, July \
        2024)
        """
    }
    var defaultSource: Source {
        .sco60("classification condition 1, bankruptcy-remote reserves (July 2024 custodian relief)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        var bad: [CustodyEvidence.Line] = []
        var unnamed: [String] = []
        var custodians: Set<String> = []
        var total = ExactTotal()
        for line in a.reserves where line.acquiredVia == .outright {
            switch line.custody {
            case .segregated: continue
            case .custodianBalanceSheet where line.assetClass == .bankDeposit:
                let name = line.custodian?.name ?? line.counterparty?.name
                let group = line.custodian?.group ?? line.counterparty?.group
                guard let name else {
                    unnamed.append(line.id)
                    continue
                }
                custodians.insert(name)
                if let why = Self.notOnlyCustodian(name: name, group: group, a) {
                    bad.append(.init(id: line.id, custodian: name, reason: why))
                    total.add(line.value.value, "the reserves not bankruptcy remote")
                }
                continue
            case .custodianBalanceSheet:
                bad.append(.init(id: line.id, reason: "\(line.assetClass.rawValue) on a custodian's own balance sheet"))
            case .issuerBalanceSheet:
                bad.append(.init(id: line.id, reason: "held on the issuer's own balance sheet"))
            }
            total.add(line.value.value, "the reserves not bankruptcy remote")
        }
        if let inexact = total.failure {
            return Finding(
                id, .fail, inexact.message + ": the evaluation fails closed",
                basis: .computed)
        }
        var ev = CustodyEvidence()
        ev.notBankruptcyRemote = bad
        ev.notBankruptcyRemoteValue = total.value
        ev.balanceSheetCustodians = custodians.sorted()
        if !bad.isEmpty {
            return Finding(
                id, .fail,
                "\(bad.count) reserve line\(bad.count == 1 ? "" : "s") (\(money(total.value))) not "
                    + "bankruptcy remote "
                    + "from the issuer", basis: .declared, evidence: ev)
        }
        if !unnamed.isEmpty {
            ev.custodianNotNamed = unnamed
            return Finding(
                id, .insufficientData,
                "deposits on a custodian's balance sheet without a named custodian: "
                    + unnamed.prefix(5).joined(separator: ", "), basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass,
            "all reserves segregated"
                + (custodians.isEmpty
                    ? ""
                    : "; deposits on the balance sheet of "
                        + "\(custodians.sorted().joined(separator: ", ")), acting only as custodian"),
            basis: .declared, evidence: ev)
    }

    /// Why a balance-sheet custodian is not independent of the issuer, or nil.
    static func notOnlyCustodian(name: String, group: String?, _ a: Attestation) -> String? {
        let n = normalisedName(name)
        let issuerName = normalisedName(a.issuer.legalName)
        if n == issuerName || n == normalisedName(a.issuer.id) {
            return "the custodian \(name) is the issuer"
        }
        // A consortium or group issuer that names the custodian in its own legal name (a name of
        // at least 8 letters and digits, so that "Bank" alone never matches).
        if n.count >= 8, issuerName.contains(n) {
            return "the custodian \(name) shares the issuer's legal name (\(a.issuer.legalName))"
        }
        if let issuerGroup = a.issuer.group.map(normalisedName) {
            if n == issuerGroup || group.map(normalisedName) == issuerGroup {
                return "the custodian \(name) belongs to the issuer's group \(a.issuer.group ?? "")"
            }
        }
        let roles = (a.entities ?? []).filter { normalisedName($0.name) == n && $0.role != .reserveCustodian }
            .map(\.role.rawValue)
        if !roles.isEmpty { return "the custodian \(name) also acts as \(roles.joined(separator: ", "))" }
        return nil
    }
}

/// Case-, space- and punctuation-insensitive form of a legal name, for comparing names.
func normalisedName(_ name: String) -> String {
    String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
}

/// CC2-LEGAL: enforceable rights in every jurisdiction of issue and redemption (legal opinions).
struct LegalRule: Rule {
    let id = RuleID.cc2Legal
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "Legal opinions cover every jurisdiction where the coin is issued and redeemed."
    }
    var reference: String {
        "SCO60 classification condition 2: legally enforceable rights in every jurisdiction"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let needed = Array(Set(a.legal?.jurisdictions ?? [a.issuer.jurisdiction])).sorted()
        var ev = LegalEvidence()
        ev.jurisdictions = needed
        guard let opinions = a.legal?.opinions else {
            return Finding(id, .insufficientData, "legal.opinions is missing", basis: .declared, evidence: ev)
        }
        let covered = Set(opinions.map(\.jurisdiction))
        ev.opinionJurisdictions = covered.sorted()
        let missing = needed.filter { !covered.contains($0) }
        if !missing.isEmpty {
            ev.missing = missing
            return Finding(
                id, .fail, "no legal opinion for \(missing.joined(separator: ", "))", basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "legal opinions cover \(needed.joined(separator: ", "))", basis: .declared, evidence: ev)
    }
}

/// CC2-FINALITY: settlement finality in primary and secondary markets.
struct FinalityRule: Rule {
    let id = RuleID.cc2Finality
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "The legal framework ensures settlement finality."
    }
    var reference: String {
        "SCO60 classification condition 2: settlement finality"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        guard let finality = c.attestation.legal?.settlementFinality else {
            return Finding(id, .insufficientData, "legal.settlementFinality is missing", basis: .declared)
        }
        let ev = FinalityEvidence(settlementFinality: finality)
        return finality
            ? Finding(id, .pass, "the legal framework ensures settlement finality", basis: .declared, evidence: ev)
            : Finding(id, .fail, "the issuer does not declare settlement finality", basis: .declared, evidence: ev)
    }
}

/// CC2-REDEEM: the bank itself can redeem at par within the profile's days: directly, through a
/// named intermediary, or (when redemption is open to all holders) as a holder. Fails only when the
/// bank has no route; a coin whose every unit is non-redeemable cannot claim that all holders
/// redeem (issue 10, class 9).
struct RedemptionRule: Rule {
    let id = RuleID.cc2Redeem
    let condition = RuleCondition.legal
    let gatesInEveryProfile = true
    var checks: String {
        "The bank itself can redeem at par within the settlement limit (all holders, or the bank's "
            + "own route); a fee warns."
    }
    var reference: String {
        "SCO60 classification condition 2: redemption; 5 calendar days per HKMA SPM CRP-1"
    }
    var defaultSource: Source {
        .sco60("classification condition 2 (rights, redemption, settlement finality)")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return "settlement <= \(t.redemptionDays) calendar days"
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let limit = c.profile.thresholds.redemptionDays
        var ev = RedemptionEvidence()
        ev.maxSettlementDays = limit
        guard let r = c.attestation.token.redemption else {
            return Finding(id, .insufficientData, "token.redemption is missing", basis: .declared, evidence: ev)
        }
        ev.holders = r.holders.rawValue
        ev.settlementDays = r.settlementDays
        if let fee = r.feePercent { ev.feePercent = fee.value }
        let f = c.figures
        if f.inexact == nil, f.outstandingUnits > 0 {
            ev.nonRedeemableUnits = f.nonRedeemableUnits
            if f.nonRedeemableUnits >= f.outstandingUnits, r.holders != .none {
                return Finding(
                    id, .fail,
                    "contradiction: redemption is declared open to \(r.holders.rawValue) holders but every "
                        + "issued unit (\(money(f.outstandingUnits))) is marked non-redeemable",
                    basis: .computed, evidence: ev)
            }
        }
        let route = c.position?.redemptionRoute
        if let route { ev.bankRoute = route.description }
        if r.holders == .none {
            return Finding(id, .fail, "redemption is open to no holders", basis: .declared, evidence: ev)
        }
        if route == RedemptionRoute.none {
            return Finding(id, .fail, "the bank has no route to redeem at par", basis: .declared, evidence: ev)
        }
        if r.settlementDays > limit {
            return Finding(
                id, .fail, "redemption settles in \(r.settlementDays) days, more than \(limit)", basis: .declared,
                evidence: ev)
        }
        if r.holders == .restricted, route == nil {
            return Finding(
                id, .insufficientData,
                "redemption is restricted to some holders and the bank's own route is not given "
                    + "(its position's redemption route: direct, through a named intermediary, or none)",
                basis: .declared, evidence: ev)
        }
        ev.marginDays = limit - r.settlementDays
        let who = route.map { "the bank redeems \($0.description)" } ?? "all holders redeem"
        if let fee = r.feePercent, fee.value > 0 {
            return Finding(
                id, .warn,
                "\(who) within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s") but with a "
                    + "\(Amount.canonical(fee.value))% fee: holders receive less than the peg value",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "\(who) at peg within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s")",
            basis: .declared, evidence: ev
        )
        .withMargin(
            "\(limit - r.settlementDays) days inside the \(limit)-day settlement limit",
            fraction: Decimal(limit - r.settlementDays) / Decimal(max(1, limit)))
    }
}

/// The networks the coin is issued on, with their descriptions when given.
private func describedNetworks(_ a: Attestation) -> (issued: [String], described: [String: Attestation.Network]) {
    let issued = Array(Set(a.token.outstanding.map(\.network))).sorted()
    var described: [String: Attestation.Network] = [:]
    for n in a.token.networks ?? [] { described[n.name] = n }
    return (issued, described)
}

/// CC3-NETWORK: the network's risks are assessed and mitigated (declared).
struct NetworkRule: Rule {
    let id = RuleID.cc3Network
    let condition = RuleCondition.network
    let gatesInEveryProfile = true
    var checks: String {
        "Every network the coin is issued on is described, with a published risk assessment."
    }
    var reference: String {
        "SCO60 classification condition 3: network risks sufficiently mitigated"
    }
    var defaultSource: Source {
        .sco60("classification condition 3 (network risks sufficiently mitigated)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        let (issued, described) = describedNetworks(c.attestation)
        var ev = NetworkEvidence()
        ev.networks = issued
        let undescribed = issued.filter { described[$0] == nil }
        if c.attestation.token.networks == nil || !undescribed.isEmpty {
            ev.undescribed = undescribed
            return Finding(
                id, .insufficientData, "token.networks does not describe \(undescribed.joined(separator: ", "))",
                basis: .declared, evidence: ev)
        }
        let unassessed = issued.filter { described[$0]?.riskAssessment == nil }
        if !unassessed.isEmpty {
            ev.withoutRiskAssessment = unassessed
            return Finding(
                id, .insufficientData, "no published risk assessment for \(unassessed.joined(separator: ", "))",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "risk assessments published for \(issued.joined(separator: ", "))", basis: .declared,
            evidence: ev)
    }
}

/// CC3-PERMISSIONLESS: treatment of permissionless networks, per profile.
struct PermissionlessRule: Rule {
    let id = RuleID.cc3Permissionless
    let condition = RuleCondition.network
    let gatesInEveryProfile = true
    var checks: String {
        "Permissionless networks: bcbs fails them unless the bank records its own assessment "
            + "(interpretation); hkma and mas need structured mitigation evidence (mas then warns: exposure caps)."
    }
    var reference: String {
        "SCO60 classification condition 3; BCBS position on permissionless blockchains (Dec 2023, July 2024)"
    }
    var defaultSource: Source {
        .bcbsConsultationDec2023
    }
    func thresholds(in p: Profile) -> String? {
        p.permissionless.rawValue
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let (issued, described) = describedNetworks(c.attestation)
        var ev = PermissionlessEvidence()
        ev.treatment = c.profile.permissionless.rawValue
        let undescribed = issued.filter { described[$0] == nil }
        if !undescribed.isEmpty {
            ev.undescribed = undescribed
            return Finding(
                id, .insufficientData, "whether \(undescribed.joined(separator: ", ")) is permissionless is not stated",
                basis: .declared, evidence: ev)
        }
        let open = issued.filter { described[$0]?.permissionless == true }
        ev.permissionless = open
        if open.isEmpty {
            return Finding(
                id, .pass, "issued only on permissioned networks (\(issued.joined(separator: ", ")))", basis: .declared,
                evidence: ev)
        }
        // Structured evidence per network (governance, technology, settlement finality, AML/CFT):
        // a single URL is not enough (HKMA, MAS).
        let lacking = open.filter { described[$0]?.mitigation == nil }
        if !lacking.isEmpty { ev.withoutStructuredMitigation = lacking }
        if let policy = c.profile.policy {
            let assessed = open.compactMap { policy.assessment(of: $0) }
            ev.bankAssessments = assessed.map {
                .init(
                    network: $0.network, mitigated: $0.mitigated, reason: $0.reason, approver: $0.approver,
                    date: $0.date.description)
            }
            if assessed.count == open.count, assessed.allSatisfy(\.mitigated) {
                return Finding(
                    id, .pass,
                    "permissionless \(open.joined(separator: ", ")): the bank's own assessment records "
                        + "the network's risks as sufficiently mitigated", basis: .verifiedByBank, evidence: ev)
            }
            if let refused = assessed.first(where: { !$0.mitigated }) {
                return Finding(
                    id, .fail,
                    "permissionless \(refused.network): the bank's own assessment finds its risks not "
                        + "sufficiently mitigated (\(refused.reason))", basis: .verifiedByBank, evidence: ev)
            }
        }
        switch c.profile.permissionless {
        case .fail:
            // Interpretation: the permissionless view is the Dec 2023 consultation's; the July 2024
            // text leaves condition 3 to the bank's assessment, which its registry would record.
            return Finding(
                id, .fail,
                "issued on permissionless \(open.joined(separator: ", ")) and no assessment by the bank "
                    + "that the network's risks are sufficiently mitigated is recorded (interpretation: the "
                    + "Dec 2023 "
                    + "consultation's view; the July 2024 text leaves condition 3 to the bank's assessment)",
                basis: .interpretation, evidence: ev)
        case .requiresMitigationEvidence:
            if lacking.isEmpty {
                return Finding(
                    id, .pass,
                    "permissionless \(open.joined(separator: ", ")) with structured mitigation evidence "
                        + "(governance, technology, settlement finality, AML/CFT)", basis: .declared,
                    evidence: ev)
            }
            return Finding(
                id, .fail,
                "permissionless \(lacking.joined(separator: ", ")) without structured evidence of "
                    + "mitigation (governance, technology, settlement finality, AML/CFT): a URL is not enough",
                basis: .declared, evidence: ev)
        case .conditionalWithExposureCap:
            if !lacking.isEmpty {
                return Finding(
                    id, .fail,
                    "permissionless \(lacking.joined(separator: ", ")) without structured evidence of "
                        + "mitigation (governance, technology, settlement finality, AML/CFT)",
                    basis: .declared, evidence: ev)
            }
            return Finding(
                id, .warn,
                "permissionless \(open.joined(separator: ", ")) with structured mitigation evidence: "
                    + "conditional path, exposure caps apply", basis: .declared, evidence: ev)
        }
    }
}

/// CC4-ENTITIES: every role the attestation implies is covered by a regulated or risk-managed
/// entity: the issuer, the validators or operator of every network, every custodian and
/// counterparty holding reserves, the redeemer and the reserve manager (not only the entities
/// the issuer chose to list).
struct EntitiesRule: Rule {
    let id = RuleID.cc4Entities
    let condition = RuleCondition.entities
    let gatesInEveryProfile = true
    var checks: String {
        "Every role the attestation implies (issuer, validators or operator of each network, "
            + "custodians and counterparties, redeemer, reserve manager) and every listed entity is regulated, or "
            + "under risk-management standards."
    }
    var reference: String {
        "SCO60 classification condition 4: regulated and supervised entities"
    }
    var defaultSource: Source {
        .sco60("classification condition 4 (regulated and supervised entities)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    /// Whether the listed entities named `name` (any role, or those `roles`) are regulated or
    /// risk-managed: true, false (declared neither), or nil (not listed or not stated).
    static func covered(_ entities: [Attestation.Entity], name: String? = nil, roles: Set<EntityRole>? = nil) -> Bool? {
        let matching = entities.filter { e in
            (name.map { normalisedName($0) == normalisedName(e.name) } ?? true)
                && (roles.map { $0.contains(e.role) } ?? true)
        }
        if matching.contains(where: { $0.regulated == true || $0.riskManagementStandards == true }) { return true }
        if !matching.isEmpty,
            matching.allSatisfy({ $0.regulated == false && $0.riskManagementStandards != true })
        {
            return false
        }
        return nil
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        var ev = EntitiesEvidence()
        guard let entities = a.entities, !entities.isEmpty else {
            return Finding(
                id, .insufficientData,
                "entities is missing: who redeems, transfers, stores and manages reserves is not stated",
                basis: .declared, evidence: ev)
        }
        var unregulated: [String] = []
        var unknown: [String] = []
        let policy = c.profile.policy
        let day = a.asOf.date
        var verified: [String] = []
        /// The bank's registry approves this party in this role on asOf.
        func approved(_ role: BankPolicy.Role, _ name: String) -> Bool {
            guard policy?.approval(role, name, on: day) != nil else { return false }
            verified.append("\(role.rawValue) \(name)")
            return true
        }
        for e in entities {
            if e.regulated == true || e.riskManagementStandards == true { continue }
            switch e.role {
            case .reserveCustodian: if approved(.custodian, e.name) { continue }
            case .transferSystemOperator, .settlementAgent: if approved(.transferOperator, e.name) { continue }
            default: break
            }
            if e.regulated == false && e.riskManagementStandards != nil
                || e.regulated == false && e.role != .nodeValidator
            {
                unregulated.append("\(e.role.rawValue) \(e.name)")
            } else {
                unknown.append("\(e.role.rawValue) \(e.name)")
            }
        }
        // The roles the attestation implies, whether or not the issuer listed them.
        var required: [(role: String, covered: Bool?)] = []
        let issuerCovered = a.issuer.regulation != nil ? true : Self.covered(entities, name: a.issuer.legalName)
        required.append(("issuer \(a.issuer.legalName)", issuerCovered))
        for network in Array(Set(a.token.outstanding.map(\.network))).sorted() {
            let validators = a.token.networks?.first { $0.name == network }?.validatorsRegulated
            let operators =
                Self.covered(entities, roles: [.transferSystemOperator, .nodeValidator]) == true
                    || entities.contains {
                        [
                            .transferSystemOperator,
                            .settlementAgent,
                        ].contains($0.role) && approved(.transferOperator, $0.name)
                    }
                ? true : Self.covered(entities, roles: [.transferSystemOperator, .nodeValidator])
            let coveredNetwork: Bool? =
                validators == true || operators == true
                ? true
                : (validators == false && operators != true ? false : nil)
            required.append(("validators or operator of \(network)", coveredNetwork))
        }
        var seen = Set<String>()
        // Each distinct name normalised once: a large attestation repeats a few parties on every line.
        var normalised: [String: String] = [:]
        func normalisedOnce(_ name: String) -> String {
            if let known = normalised[name] { return known }
            let n = normalisedName(name)
            normalised[name] = n
            return n
        }
        for line in a.reserves where line.acquiredVia == .outright {
            var parties: [(String, String, Bool?)] = []
            if let p = line.custodian { parties.append(("custodian", p.name, p.regulated)) }
            if let p = line.counterparty { parties.append(("counterparty", p.name, p.regulated)) }
            for (kind, name, regulated) in parties where seen.insert("\(kind) \(normalisedOnce(name))").inserted {
                let listed = Self.covered(entities, name: name)
                let covered: Bool? =
                    regulated == true || listed == true
                        || kind == "custodian" && approved(.custodian, name)
                    ? true : (regulated == false || listed == false ? false : nil)
                required.append(("\(kind) \(name)", covered))
            }
        }
        let redeemers = entities.filter { $0.role == .redemptionAgent }
        required.append(
            (
                "redeemer",
                redeemers.isEmpty
                    ? issuerCovered
                    : Self.covered(
                        entities,
                        roles: [.redemptionAgent])
            ))
        let managers = entities.filter { $0.role == .reserveManager }
        required.append(
            (
                "reserve manager",
                managers.isEmpty
                    ? issuerCovered
                    : Self.covered(
                        entities,
                        roles: [.reserveManager])
            ))
        for (role, covered) in required {
            if covered == false { unregulated.append(role) } else if covered == nil { unknown.append(role) }
        }
        ev.entities = entities.count
        ev.requiredRoles = required.map(\.role)
        if !verified.isEmpty { ev.verifiedByBank = Array(Set(verified)).sorted() }
        ev.unregulated = unregulated
        ev.undetermined = unknown
        if !unregulated.isEmpty {
            return Finding(
                id, .fail, "not regulated nor under risk-management standards: \(unregulated.joined(separator: "; "))",
                basis: .declared, evidence: ev)
        }
        if !unknown.isEmpty {
            return Finding(
                id, .insufficientData, "regulation not stated for: \(unknown.joined(separator: "; "))",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass,
            "all \(required.count) roles the attestation implies and all \(entities.count) listed entities "
                + "are "
                + "regulated or under risk-management standards", basis: .declared, evidence: ev)
    }
}

/// CC4-GOVERNANCE: those entities disclose a governance framework.
struct EntityGovernanceRule: Rule {
    let id = RuleID.cc4Governance
    let condition = RuleCondition.entities
    let gatesInEveryProfile = true
    var checks: String {
        "Those entities disclose a governance framework."
    }
    var reference: String {
        "SCO60 classification condition 4: disclosed governance framework"
    }
    var defaultSource: Source {
        .sco60("classification condition 4 (regulated and supervised entities)")
    }
    func thresholds(in profile: Profile) -> String? { nil }

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = EntityGovernanceEvidence()
        guard let entities = c.attestation.entities, !entities.isEmpty else {
            return Finding(id, .insufficientData, "entities is missing", basis: .declared, evidence: ev)
        }
        let lacking = entities.filter { $0.governanceDisclosure == nil }.map { "\($0.role.rawValue) \($0.name)" }
        ev.withoutDisclosure = lacking
        if !lacking.isEmpty {
            return Finding(
                id, .insufficientData, "no governance disclosure for: \(lacking.joined(separator: "; "))",
                basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "all \(entities.count) entities disclose a governance framework", basis: .declared, evidence: ev)
    }
}

/// G2A-HEDGING: Group 2a hedging recognition (needs market data; tentative).
struct HedgingRule: Rule {
    let id = RuleID.g2aHedging
    let condition = RuleCondition.group2a
    let gatesInEveryProfile = false
    var checks: String {
        """
        Group 2a hedging recognition: regulated derivative or ETF, market cap, volume, price observations (needs \
        market data).
        """
    }
    var reference: String {
        "SCO60 Group 2a hedging recognition criteria (tentative)"
    }
    var defaultSource: Source {
        .sco60("Group 2a hedging recognition criteria")
    }
    func thresholds(in p: Profile) -> String? {
        let t = p.thresholds
        return
            """
            market cap >= USD \(money(t.hedgingMarketCapUSD)), daily volume >= USD \(money(t.hedgingDailyVolumeUSD)), \
            >= \(t.hedgingPriceObservations) observations
            """
    }

    func evaluate(_ c: RuleContext) -> Finding {
        let t = c.profile.thresholds
        var ev = HedgingEvidence()
        ev.minMarketCapitalisationUSD = t.hedgingMarketCapUSD
        ev.minDailyVolumeUSD = t.hedgingDailyVolumeUSD
        ev.minPriceObservations = t.hedgingPriceObservations
        guard let m = c.attestation.marketData else {
            return Finding(
                id, .insufficientData, "no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b",
                basis: .declared, evidence: ev)
        }
        ev.referencedByRegulatedProduct = m.referencedByRegulatedProduct
        ev.averageMarketCapitalisationUSD = m.averageMarketCapitalisationUSD.value
        ev.trimmedMeanDailyVolumeUSD = m.trimmedMeanDailyVolumeUSD.value
        ev.priceObservations = m.priceObservations
        var problems: [String] = []
        if !m.referencedByRegulatedProduct { problems.append("no regulated derivative or ETF references it") }
        if m.averageMarketCapitalisationUSD.value < t.hedgingMarketCapUSD {
            problems.append("market capitalisation below USD \(money(t.hedgingMarketCapUSD))")
        }
        if m.trimmedMeanDailyVolumeUSD.value < t.hedgingDailyVolumeUSD {
            problems.append("daily volume below USD \(money(t.hedgingDailyVolumeUSD))")
        }
        if m.priceObservations < t.hedgingPriceObservations {
            problems.append("fewer than \(t.hedgingPriceObservations) price observations")
        }
        if problems.isEmpty {
            return Finding(
                id, .pass, "meets the hedging recognition criteria (Group 2a if not 1b)", basis: .declared, evidence: ev
            )
        }
        return Finding(id, .fail, problems.joined(separator: "; "), basis: .declared, evidence: ev)
    }
}
