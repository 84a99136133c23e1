import Foundation

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

    /// Public blockchains that anyone may join as a validator or miner, by name in
    /// ``normalisedName(_:)`` form: permissionless whatever an attestation declares (2026-12-02; before,
    /// a coin on "ethereum" that declared `permissionless: false` passed under bcbs). A partial
    /// defence, our own list (`tool-calibration`): a network given another name still passes on
    /// its declaration, which the bank's registry of assessed networks ([POLICY.md]) replaces.
    static let wellKnownPermissionless: Set<String> = [
        "bitcoin", "btc", "ethereum", "eth", "ethereummainnet", "solana", "polygon", "polygonpos", "tron",
        "avalanche", "avalanchecchain", "arbitrum", "arbitrumone", "optimism", "base", "bnbchain",
        "bnbsmartchain", "bsc", "stellar", "algorand", "cardano", "tezos", "near", "aptos", "sui", "ton",
        "xrpl", "xrpledger", "litecoin", "celo", "gnosis", "linea", "zksync", "zksyncera", "scroll",
    ]

    static func isWellKnownPermissionless(_ network: String) -> Bool {
        wellKnownPermissionless.contains(normalisedName(network))
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
        let open = issued.filter { described[$0]?.permissionless == true || Self.isWellKnownPermissionless($0) }
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
