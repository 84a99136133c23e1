import Foundation

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
    ///
    /// `normalisedNames`, when given, holds ``normalisedName(_:)`` of each entity's name, in order
    /// (computed once per attestation instead of once per call).
    static func covered(
        _ entities: [Attestation.Entity], name: String? = nil, roles: Set<EntityRole>? = nil,
        normalisedNames: [String]? = nil
    ) -> Bool? {
        let target = name.map(normalisedName)
        var matching: [Attestation.Entity] = []
        for (i, e) in entities.enumerated() {
            if let target, target != (normalisedNames?[i] ?? normalisedName(e.name)) { continue }
            if let roles, !roles.contains(e.role) { continue }
            matching.append(e)
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
        let entityNames = entities.map { normalisedName($0.name) }
        let issuerCovered =
            a.issuer.regulation != nil
            ? true : Self.covered(entities, name: a.issuer.legalName, normalisedNames: entityNames)
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
        // Each party once (by role and normalised name, in order of first appearance), with what its
        // lines declare together: unregulated if any line says so, whatever another line says (a
        // contradiction is read against the coin: our reading); else regulated if any line says so.
        // A large attestation repeats a few parties on every line: a name as written is looked up
        // first, and normalised only the first time it is seen.
        // By kind (custodians, counterparties), then by name: a party is its role and normalised name.
        var parties: [(kind: String, name: String, regulated: Bool?)] = []
        let reserves = a.reserves
        var byNormalisedName: [[String: Int]] = (0..<2).map { _ in Dictionary(minimumCapacity: reserves.count) }
        var byWrittenName: [[String: Int]] = (0..<2).map { _ in Dictionary(minimumCapacity: reserves.count) }
        func note(_ kind: Int, _ name: String, _ regulated: Bool?) {
            let i: Int
            if let known = byWrittenName[kind][name] {
                i = known
            } else {
                let key = normalisedName(name)
                if let known = byNormalisedName[kind][key] {
                    i = known
                    byWrittenName[kind][name] = i
                } else {
                    byNormalisedName[kind][key] = parties.count
                    byWrittenName[kind][name] = parties.count
                    parties.append((kind == 0 ? "custodian" : "counterparty", name, regulated))
                    return
                }
            }
            if regulated == false || parties[i].regulated == nil { parties[i].regulated = regulated }
        }
        for i in reserves.indices where reserves[i].acquiredVia == .outright {
            if let p = reserves[i].custodian { note(0, p.name, p.regulated) }
            if let p = reserves[i].counterparty { note(1, p.name, p.regulated) }
        }
        for (kind, name, regulated) in parties {
            let listed = Self.covered(entities, name: name, normalisedNames: entityNames)
            let covered: Bool? =
                regulated == true || listed == true
                    || kind == "custodian" && approved(.custodian, name)
                ? true : (regulated == false || listed == false ? false : nil)
            required.append(("\(kind) \(name)", covered))
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
