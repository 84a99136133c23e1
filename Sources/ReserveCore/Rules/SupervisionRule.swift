import Foundation

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
