import Foundation

/// CC1-PEG: redeemable for a predefined amount of a reference asset.
struct PegRule: Rule {
    let id = RuleID.cc1Peg

    func evaluate(_ c: RuleContext) -> Finding {
        let peg = c.attestation.token.peg
        let ev: JSONObject = ["currency": .string(peg.currency), "valuePerUnit": .amount(peg.valuePerUnit.value)]
        guard peg.valuePerUnit.value > 0 else {
            return Finding(id, .fail, "the peg value per unit is zero", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "pegged at \(Amount.canonical(peg.valuePerUnit.value)) \(peg.currency) per unit", basis: .declared, evidence: ev)
    }
}

/// CC1-NO-CRYPTO-REF: stabilisation must not rest on other cryptoassets or an algorithm.
struct NoCryptoReferenceRule: Rule {
    let id = RuleID.cc1NoCryptoRef

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let crypto = a.reserves.filter { $0.assetClass == .cryptoasset && $0.acquiredVia == .outright }
        var ev = JSONObject()
        ev["cryptoassetLines"] = .strings(crypto.map(\.id))
        if let mechanism = a.token.stabilisation {
            ev["stabilisation"] = .string(mechanism.rawValue)
            if mechanism == .cryptoReserve || mechanism == .algorithmic {
                return Finding(id, .fail, "stabilisation is \(mechanism.rawValue): a coin stabilised by cryptoassets or an algorithm fails condition 1", basis: .declared, evidence: ev)
            }
        }
        if !crypto.isEmpty {
            var value = Decimal(0)
            for line in crypto { value += line.value.value }
            ev["cryptoassetValue"] = .amount(value)
            return Finding(id, .fail, "reserves hold cryptoassets (\(money(value)) in \(crypto.count) line\(crypto.count == 1 ? "" : "s")): stabilisation rests partly on other cryptoassets",
                           basis: .computed, evidence: ev)
        }
        guard let mechanism = a.token.stabilisation else {
            return Finding(id, .insufficientData, "token.stabilisation is missing", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "\(mechanism.rawValue) stabilisation; no cryptoassets in the reserves", basis: .declared, evidence: ev)
    }
}

/// CC1-SUPERVISED: the issuer is supervised with prudential capital and liquidity requirements.
struct SupervisionRule: Rule {
    let id = RuleID.cc1Supervised

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = JSONObject()
        guard let r = c.attestation.issuer.regulation else {
            return Finding(id, .insufficientData, "issuer.regulation is missing: no supervisor is named", basis: .declared, evidence: ev)
        }
        ev["regulator"] = .string(r.regulator)
        ev["licence"] = .string(r.licence)
        guard let capital = r.prudentialCapital, let liquidity = r.prudentialLiquidity else {
            return Finding(id, .insufficientData, "issuer.regulation.prudentialCapital and prudentialLiquidity are needed", basis: .declared, evidence: ev)
        }
        ev["prudentialCapital"] = .bool(capital)
        ev["prudentialLiquidity"] = .bool(liquidity)
        guard capital && liquidity else {
            let lacking = [capital ? nil : "capital", liquidity ? nil : "liquidity"].compactMap { $0 }.joined(separator: " and ")
            return Finding(id, .fail, "\(r.regulator) applies no prudential \(lacking) requirements to the issuer", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "supervised by \(r.regulator) (\(r.licence)) with prudential capital and liquidity requirements", basis: .declared, evidence: ev)
    }
}

/// CC1-CUSTODY: reserves are bankruptcy remote; a custodian bank may hold reserve cash as its own deposits.
struct CustodyRule: Rule {
    let id = RuleID.cc1Custody

    func evaluate(_ c: RuleContext) -> Finding {
        var bad: [JSONValue] = []
        var value = Decimal(0)
        for line in c.attestation.reserves where line.acquiredVia == .outright {
            switch line.custody {
            case .segregated: continue
            case .custodianBalanceSheet where line.assetClass == .bankDeposit: continue
            case .custodianBalanceSheet:
                bad.append(["id": .string(line.id), "reason": .string("\(line.assetClass.rawValue) on a custodian's own balance sheet")])
            case .issuerBalanceSheet:
                bad.append(["id": .string(line.id), "reason": .string("held on the issuer's own balance sheet")])
            }
            value += line.value.value
        }
        var ev = JSONObject()
        ev["notBankruptcyRemote"] = .array(bad)
        ev["notBankruptcyRemoteValue"] = .amount(value)
        if bad.isEmpty {
            return Finding(id, .pass, "all reserves segregated (deposits at a custodian bank allowed)", basis: .declared, evidence: ev)
        }
        return Finding(id, .fail, "\(bad.count) reserve line\(bad.count == 1 ? "" : "s") (\(money(value))) not bankruptcy remote from the issuer", basis: .declared, evidence: ev)
    }
}

/// CC2-LEGAL: enforceable rights in every jurisdiction of issue and redemption (legal opinions).
struct LegalRule: Rule {
    let id = RuleID.cc2Legal

    func evaluate(_ c: RuleContext) -> Finding {
        let a = c.attestation
        let needed = Array(Set(a.legal?.jurisdictions ?? [a.issuer.jurisdiction])).sorted()
        var ev = JSONObject()
        ev["jurisdictions"] = .strings(needed)
        guard let opinions = a.legal?.opinions else {
            return Finding(id, .insufficientData, "legal.opinions is missing", basis: .declared, evidence: ev)
        }
        let covered = Set(opinions.map(\.jurisdiction))
        ev["opinionJurisdictions"] = .strings(covered.sorted())
        let missing = needed.filter { !covered.contains($0) }
        if !missing.isEmpty {
            ev["missing"] = .strings(missing)
            return Finding(id, .fail, "no legal opinion for \(missing.joined(separator: ", "))", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "legal opinions cover \(needed.joined(separator: ", "))", basis: .declared, evidence: ev)
    }
}

/// CC2-FINALITY: settlement finality in primary and secondary markets.
struct FinalityRule: Rule {
    let id = RuleID.cc2Finality

    func evaluate(_ c: RuleContext) -> Finding {
        guard let finality = c.attestation.legal?.settlementFinality else {
            return Finding(id, .insufficientData, "legal.settlementFinality is missing", basis: .declared)
        }
        let ev: JSONObject = ["settlementFinality": .bool(finality)]
        return finality
            ? Finding(id, .pass, "the legal framework ensures settlement finality", basis: .declared, evidence: ev)
            : Finding(id, .fail, "the issuer does not declare settlement finality", basis: .declared, evidence: ev)
    }
}

/// CC2-REDEEM: every holder can redeem at the peg, settling within the profile's days.
struct RedemptionRule: Rule {
    let id = RuleID.cc2Redeem

    func evaluate(_ c: RuleContext) -> Finding {
        let limit = c.profile.thresholds.redemptionDays
        var ev = JSONObject()
        ev["maxSettlementDays"] = .int(limit)
        guard let r = c.attestation.token.redemption else {
            return Finding(id, .insufficientData, "token.redemption is missing", basis: .declared, evidence: ev)
        }
        ev["holders"] = .string(r.holders.rawValue)
        ev["settlementDays"] = .int(r.settlementDays)
        if let fee = r.feePercent { ev["feePercent"] = .amount(fee.value) }
        if r.holders != .all {
            return Finding(id, .fail, "redemption is open to \(r.holders == .none ? "no holders" : "some holders only")", basis: .declared, evidence: ev)
        }
        if r.settlementDays > limit {
            return Finding(id, .fail, "redemption settles in \(r.settlementDays) days, more than \(limit)", basis: .declared, evidence: ev)
        }
        if let fee = r.feePercent, fee.value > 0 {
            return Finding(id, .warn, "redemption within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s") but with a \(Amount.canonical(fee.value))% fee: holders receive less than the peg value",
                           basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "all holders redeem at peg within \(r.settlementDays) day\(r.settlementDays == 1 ? "" : "s")", basis: .declared, evidence: ev)
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

    func evaluate(_ c: RuleContext) -> Finding {
        let (issued, described) = describedNetworks(c.attestation)
        var ev = JSONObject()
        ev["networks"] = .strings(issued)
        let undescribed = issued.filter { described[$0] == nil }
        if c.attestation.token.networks == nil || !undescribed.isEmpty {
            ev["undescribed"] = .strings(undescribed)
            return Finding(id, .insufficientData, "token.networks does not describe \(undescribed.joined(separator: ", "))", basis: .declared, evidence: ev)
        }
        let unassessed = issued.filter { described[$0]?.riskAssessment == nil }
        if !unassessed.isEmpty {
            ev["withoutRiskAssessment"] = .strings(unassessed)
            return Finding(id, .insufficientData, "no published risk assessment for \(unassessed.joined(separator: ", "))", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "risk assessments published for \(issued.joined(separator: ", "))", basis: .declared, evidence: ev)
    }
}

/// CC3-PERMISSIONLESS: treatment of permissionless networks, per profile.
struct PermissionlessRule: Rule {
    let id = RuleID.cc3Permissionless

    func evaluate(_ c: RuleContext) -> Finding {
        let (issued, described) = describedNetworks(c.attestation)
        var ev = JSONObject()
        ev["treatment"] = .string(c.profile.permissionless.rawValue)
        let undescribed = issued.filter { described[$0] == nil }
        if !undescribed.isEmpty {
            ev["undescribed"] = .strings(undescribed)
            return Finding(id, .insufficientData, "whether \(undescribed.joined(separator: ", ")) is permissionless is not stated", basis: .declared, evidence: ev)
        }
        let open = issued.filter { described[$0]?.permissionless == true }
        ev["permissionless"] = .strings(open)
        if open.isEmpty {
            return Finding(id, .pass, "issued only on permissioned networks (\(issued.joined(separator: ", ")))", basis: .declared, evidence: ev)
        }
        switch c.profile.permissionless {
        case .fail:
            return Finding(id, .fail, "issued on permissionless \(open.joined(separator: ", ")): the Basel Committee holds these risks cannot yet be sufficiently mitigated",
                           basis: .declared, evidence: ev)
        case .requiresMitigationEvidence:
            let lacking = open.filter { described[$0]?.mitigationEvidence == nil }
            if lacking.isEmpty {
                return Finding(id, .pass, "permissionless \(open.joined(separator: ", ")) with additional governance and technology measures evidenced",
                               basis: .declared, evidence: ev)
            }
            ev["withoutMitigationEvidence"] = .strings(lacking)
            return Finding(id, .fail, "permissionless \(lacking.joined(separator: ", ")) without evidence of additional governance and technology measures",
                           basis: .declared, evidence: ev)
        case .conditionalWithExposureCap:
            return Finding(id, .warn, "permissionless \(open.joined(separator: ", ")): conditional path, exposure caps apply", basis: .declared, evidence: ev)
        }
    }
}

/// CC4-ENTITIES: every entity running or backing the coin is regulated or under risk-management standards.
struct EntitiesRule: Rule {
    let id = RuleID.cc4Entities

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = JSONObject()
        guard let entities = c.attestation.entities, !entities.isEmpty else {
            return Finding(id, .insufficientData, "entities is missing: who redeems, transfers, stores and manages reserves is not stated", basis: .declared, evidence: ev)
        }
        var unregulated: [String] = [], unknown: [String] = []
        for e in entities {
            if e.regulated == true || e.riskManagementStandards == true { continue }
            if e.regulated == false && e.riskManagementStandards != nil || e.regulated == false && e.role != .nodeValidator {
                unregulated.append("\(e.role.rawValue) \(e.name)")
            } else {
                unknown.append("\(e.role.rawValue) \(e.name)")
            }
        }
        ev["entities"] = .int(entities.count)
        ev["unregulated"] = .strings(unregulated)
        ev["undetermined"] = .strings(unknown)
        if !unregulated.isEmpty {
            return Finding(id, .fail, "not regulated nor under risk-management standards: \(unregulated.joined(separator: "; "))", basis: .declared, evidence: ev)
        }
        if !unknown.isEmpty {
            return Finding(id, .insufficientData, "regulation not stated for: \(unknown.joined(separator: "; "))", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "all \(entities.count) entities regulated or under risk-management standards", basis: .declared, evidence: ev)
    }
}

/// CC4-GOVERNANCE: those entities disclose a governance framework.
struct EntityGovernanceRule: Rule {
    let id = RuleID.cc4Governance

    func evaluate(_ c: RuleContext) -> Finding {
        var ev = JSONObject()
        guard let entities = c.attestation.entities, !entities.isEmpty else {
            return Finding(id, .insufficientData, "entities is missing", basis: .declared, evidence: ev)
        }
        let lacking = entities.filter { $0.governanceDisclosure == nil }.map { "\($0.role.rawValue) \($0.name)" }
        ev["withoutDisclosure"] = .strings(lacking)
        if !lacking.isEmpty {
            return Finding(id, .insufficientData, "no governance disclosure for: \(lacking.joined(separator: "; "))", basis: .declared, evidence: ev)
        }
        return Finding(id, .pass, "all \(entities.count) entities disclose a governance framework", basis: .declared, evidence: ev)
    }
}

/// G2A-HEDGING: Group 2a hedging recognition (needs market data; tentative).
struct HedgingRule: Rule {
    let id = RuleID.g2aHedging

    func evaluate(_ c: RuleContext) -> Finding {
        let t = c.profile.thresholds
        var ev = JSONObject()
        ev["minMarketCapitalisationUSD"] = .amount(t.hedgingMarketCapUSD)
        ev["minDailyVolumeUSD"] = .amount(t.hedgingDailyVolumeUSD)
        ev["minPriceObservations"] = .int(t.hedgingPriceObservations)
        guard let m = c.attestation.marketData else {
            return Finding(id, .insufficientData, "no market data: Group 2a cannot be shown, so a coin that is not 1b is 2b", basis: .declared, evidence: ev)
        }
        ev["referencedByRegulatedProduct"] = .bool(m.referencedByRegulatedProduct)
        ev["averageMarketCapitalisationUSD"] = .amount(m.averageMarketCapitalisationUSD.value)
        ev["trimmedMeanDailyVolumeUSD"] = .amount(m.trimmedMeanDailyVolumeUSD.value)
        ev["priceObservations"] = .int(m.priceObservations)
        var problems: [String] = []
        if !m.referencedByRegulatedProduct { problems.append("no regulated derivative or ETF references it") }
        if m.averageMarketCapitalisationUSD.value < t.hedgingMarketCapUSD { problems.append("market capitalisation below USD \(money(t.hedgingMarketCapUSD))") }
        if m.trimmedMeanDailyVolumeUSD.value < t.hedgingDailyVolumeUSD { problems.append("daily volume below USD \(money(t.hedgingDailyVolumeUSD))") }
        if m.priceObservations < t.hedgingPriceObservations { problems.append("fewer than \(t.hedgingPriceObservations) price observations") }
        if problems.isEmpty {
            return Finding(id, .pass, "meets the hedging recognition criteria (Group 2a if not 1b)", basis: .declared, evidence: ev)
        }
        return Finding(id, .fail, problems.joined(separator: "; "), basis: .declared, evidence: ev)
    }
}

/// The rules in catalogue order (the integrity rules SIG-TRUSTED and ATT-TIME run first, in the
/// evaluator; the history rules come from the ledger).
public enum Rules {
    static let catalogue: [any Rule] = [
        PegRule(), NoCryptoReferenceRule(), NetReservesRule(), OvercollateralisationRule(), ReserveQualityRule(),
        CurrencyRule(), ReserveGovernanceRule(), DisclosureRule(), AuditRule(), LiquidityRule(), MaturityRule(),
        SupervisionRule(), CustodyRule(), LegalRule(), FinalityRule(), RedemptionRule(), NetworkRule(), PermissionlessRule(),
        EntitiesRule(), EntityGovernanceRule(), HedgingRule(),
    ]
}
