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
        // The reference asset must be traditional (a currency, a precious metal, the SDR): the
        // format accepts any three capital letters, so "BTC" decodes (basel-text, condition 1;
        // 2026-12-02: before, a BTC peg passed).
        guard ISO4217.isCurrency(peg.currency) else {
            return Finding(
                id, .fail,
                "\(peg.currency) is not a currency or precious metal of ISO 4217: the reference asset must be a "
                    + "traditional one", basis: .declared, evidence: ev)
        }
        return Finding(
            id, .pass, "pegged at \(Amount.canonical(peg.valuePerUnit.value)) \(peg.currency) per unit",
            basis: .declared, evidence: ev)
    }
}
