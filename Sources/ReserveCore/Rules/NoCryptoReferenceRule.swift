import Foundation

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
        // The indices of the crypto lines (not a filtered copy of the lines).
        let reserves = a.reserves
        let crypto = reserves.indices.filter {
            reserves[$0].assetClass == .cryptoasset && reserves[$0].acquiredVia == .outright
        }
        var ev = NoCryptoReferenceEvidence()
        ev.cryptoassetLines = crypto.map { reserves[$0].id }
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
            for i in crypto { value += reserves[i].value.value }
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
