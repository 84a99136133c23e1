/// The rule catalogue as the code defines it, for `reserve-verifier rules` and docs/RULES.md.
public enum RuleCatalogue {
    public struct Entry: Sendable, Hashable {
        public var id: RuleID
        public var condition: String
        public var checks: String
        public var thresholds: String
        public var reference: String
        public var gating: Bool
        public var tentative: Bool
        public var source: Source
    }

    public static func entries(for profile: Profile) -> [Entry] {
        RuleID.allCases.map { id in
            Entry(id: id, condition: condition(id), checks: checks(id), thresholds: thresholds(id, profile), reference: id.reference,
                  gating: profile.isGating(id), tentative: profile.tentative.contains(id),
                  source: profile.source(of: id))
        }
    }

    static func condition(_ id: RuleID) -> String {
        switch id {
        case .sigTrusted, .attTime: "integrity"
        case .cc1Peg, .cc1NoCryptoRef, .cc1Supervised, .cc1Custody: "1 stabilisation"
        case .rrtNet, .rrtOC, .rrtQuality, .rrtCcy, .rrtGov, .rrtDisclose, .rrtAudit, .rrtLiquidity, .rrtMaturity,
             .rrtTenor, .rrtConcentration: "1 redemption risk test"
        case .cc2Legal, .cc2Finality, .cc2Redeem: "2 legal"
        case .cc3Network, .cc3Permissionless: "3 network"
        case .cc4Entities, .cc4Governance: "4 entities"
        case .g2aHedging: "group 2a"
        case .g2Limit, .g2bRiskWeight: "bank capital"
        case .cnyPeg: "jurisdiction"
        case .replay, .rollback, .equivocation, .sequenceJump, .stale: "history"
        }
    }

    static func checks(_ id: RuleID) -> String {
        switch id {
        case .sigTrusted: "Every required role signed with a trusted key of the issuer, valid and unrevoked at the earliest proven signing time (RFC 3161 timestamp, the ledger's first sight of the envelope, else the evaluation time), never the signer's issuedAt."
        case .attTime: "issuedAt is not after the evaluation time (beyond the clock skew)."
        case .cc1Peg: "The coin redeems for a predefined amount of a reference asset: peg value per unit > 0."
        case .cc1NoCryptoRef: "Stabilisation does not rest on cryptoassets or an algorithm; no cryptoassets in reserves."
        case .rrtNet: "Reserves (excluding cash received under repos and collateral-swap securities) minus other "
            + "claims >= every issued unit (non-redeemable ones included) x peg; exact or fails closed."
        case .rrtOC: "After market, counterparty-default and combined stress, net reserves still cover the peg value."
        case .rrtQuality: "Reserves are central bank reserves, high-quality sovereign paper (own-currency sovereign "
            + "debt in the peg currency with a lower floor), deposits at well-rated banks, short over-collateralised "
            + "reverse repos; funds only through a look-through of their holdings."
        case .rrtCcy: "Reserves are in the peg currency, or the mismatch is absorbed by overcollateralisation after the FX add-on."
        case .rrtGov: "An operational risk and resilience framework for the reserves, and a published reserve mandate."
        case .rrtDisclose: "Reserve value and composition are published at least as often as the thresholds."
        case .rrtAudit: "An independent external audit of the reserves (reserve audit, or a financial-statement audit covering them) for a period ending within the window before asOf; examinations are not audits; adverse or disclaimer fails, qualified warns."
        case .rrtLiquidity: "Assets available the same day (central bank reserves, callable deposits, overnight reverse repo, short bills after haircut) cover a share of the peg value."
        case .rrtMaturity: "Weighted-average residual maturity of the reserve pool within the profile's limit."
        case .rrtTenor: "Each deposit's term and each security's residual maturity (and reverse repo tenor) within "
            + "the profile's limits."
        case .rrtConcentration: "The largest unsecured exposure to one counterparty (deposits, repos after stressed "
            + "collateral) defaults at the profile's loss given default: coverage if the largest counterparty fails."
        case .cnyPeg: "A coin pegged to CNY (onshore or offshore CNH) falls under the PBoC ban on CNY-pegged "
            + "stablecoins and RWA tokens without approval."
        case .cc1Supervised: "The issuer is supervised by a regulator applying prudential capital and liquidity requirements."
        case .cc1Custody: "Reserves are segregated (bankruptcy remote); a named bank acting only as custodian (not "
            + "the issuer, its group or a consortium member, no other role) may hold reserve cash as its own deposits."
        case .cc2Legal: "Legal opinions cover every jurisdiction where the coin is issued and redeemed."
        case .cc2Finality: "The legal framework ensures settlement finality."
        case .cc2Redeem: "The bank itself can redeem at par within the settlement limit (all holders, or the bank's "
            + "own route); a fee warns."
        case .cc3Network: "Every network the coin is issued on is described, with a published risk assessment."
        case .cc3Permissionless: "Permissionless networks: bcbs fails them unless the bank records its own assessment "
            + "(interpretation); hkma and mas need structured mitigation evidence (mas then warns: exposure caps)."
        case .cc4Entities: "Every role the attestation implies (issuer, validators or operator of each network, "
            + "custodians and counterparties, redeemer, reserve manager) and every listed entity is regulated, or "
            + "under risk-management standards."
        case .cc4Governance: "Those entities disclose a governance framework."
        case .g2aHedging: "Group 2a hedging recognition: regulated derivative or ETF, market cap, volume, price observations (needs market data)."
        case .g2Limit: "For a coin that is not Group 1b: the bank's total Group 2 exposure against its Tier 1 capital "
            + "(needs --exposure and --tier1-capital); above 2% all of it takes 2b treatment."
        case .g2bRiskWeight: "For a Group 2b coin: the 1,250% risk weight on the exposure, i.e. capital equal to the exposure (needs --exposure)."
        case .replay: "The same payload digest seen before: reported, not stored twice; every other history rule still applies."
        case .rollback: "Only the coin's newest accepted attestation passes: a sequence at or below it, an older asOf, or an attestation once refused admission fails."
        case .equivocation: "Two different validly signed payloads with the same issuer, token and sequence (also when either is seen again)."
        case .sequenceJump: "The sequence steps from the coin's newest accepted one by at most the trust policy's maxSequenceStep."
        case .stale: "The newest accepted attestation of the coin is older than its freshness window at evaluation time."
        }
    }

    static func thresholds(_ id: RuleID, _ p: Profile) -> String {
        let t = p.thresholds
        let s = p.stress
        switch id {
        case .attTime: return "clock skew \(t.clockSkewSeconds) s"
        case .rrtNet: return "coverage >= 100%"
        case .rrtOC:
            let shocks = s.rateShockBasisPoints.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(s.version): rate shock bp \(shocks), other \(s.defaultRateShockBasisPoints); debt haircuts AAA..AA- \(s.highGradeHaircuts.map(String.init).joined(separator: "/"))%, A+..BBB- \(s.investmentGradeHaircuts.map(String.init).joined(separator: "/"))% (<=1y/3y/5y/10y/>10y); gold \(s.goldHaircutPercent)%, equity \(s.mainIndexEquityHaircutPercent)/\(s.otherEquityHaircutPercent)%; FX +\(s.currencyMismatchPercent)%; default of largest unsecured counterparty below \(s.counterpartyDefaultBelow.rawValue)"
        case .rrtQuality: return "sovereign >= \(t.sovereignMinimumRating.rawValue), own-currency >= "
            + "\(t.ownCurrencySovereignMinimumRating.rawValue); bank >= \(t.bankMinimumRating.rawValue); reverse repo "
            + "<= \(t.reverseRepoMaxTenorDays) days"
        case .rrtCcy: return "FX add-on \(s.currencyMismatchPercent)%"
        case .rrtDisclose: return "value <= \(t.valueDisclosureDays) day, composition <= "
            + "\(t.compositionDisclosureDays) days; "
            + "last published within the value frequency + \(t.disclosureLagDays) days before asOf"
        case .rrtAudit: return "period end within \(t.auditMonths) months + \(t.auditReportingLagMonths) months' "
            + "reporting lag before asOf"
        case .rrtLiquidity: return "same-day assets >= \(percent(t.sameDayLiquidityShare)) of peg value; bills <= \(t.sameDayBillMaxDays) days"
        case .rrtMaturity: return t.maxWeightedAverageMaturityDays.map { "WAM <= \($0) days" } ?? "no limit"
        case .cc2Redeem: return "settlement <= \(t.redemptionDays) calendar days"
        case .cc3Permissionless: return p.permissionless.rawValue
        case .g2aHedging: return "market cap >= USD \(money(t.hedgingMarketCapUSD)), daily volume >= USD \(money(t.hedgingDailyVolumeUSD)), >= \(t.hedgingPriceObservations) observations"
        case .stale: return "trust.json freshnessDays (default 35)"
        case .sequenceJump: return "trust.json maxSequenceStep (default 100, tool calibration)"
        case .rrtTenor:
            let l = t.tenor
            return "deposit term <= \(l.depositMaxTermDays) days, securities <= \(l.securityMaxResidualDays) days "
                + "residual"
                + (l.reverseRepoMaxTenorDays.map { ", reverse repo <= \($0) day\($0 == 1 ? "" : "s")" } ?? "")
                + (l.gates ? "; fails" : "; warns")
        case .rrtConcentration:
            return "largest unsecured counterparty defaults, LGD \(percent(t.concentrationLossGivenDefault)); "
                + (t.concentrationGates ? "fails" : "warns") + " below 100% coverage"
        case .g2Limit: return "should stay <= 1%, must not exceed 2% of Tier 1"
        case .g2bRiskWeight: return "risk weight 1,250%"
        default: return "-"
        }
    }

    public static func json(_ profile: Profile) -> String {
        let rules: [JSONValue] = entries(for: profile).map { e in
            ["id": .string(e.id.rawValue), "condition": .string(e.condition), "checks": .string(e.checks),
             "thresholds": .string(e.thresholds), "reference": .string(e.reference), "gating": .bool(e.gating),
             "tentative": .bool(e.tentative), "source": e.source.json]
        }
        return JSONWriter.write(["profile": .string(profile.versionedName), "title": .string(profile.title), "rules": .array(rules),
                                 "notes": .strings(profile.notes)]) + "\n"
    }

    public static func markdown(_ profile: Profile) -> String {
        var out = "Profile `\(profile.versionedName)`: \(profile.title).\n\n"
        out += "| id | condition | checks | thresholds | reference | source | gating |\n|---|---|---|---|---|---|---|\n"
        for e in entries(for: profile) {
            let gate = e.gating ? "yes" : (e.tentative ? "no (tentative: warn)" : "no")
            out += "| `\(e.id.rawValue)` | \(e.condition) | \(e.checks) | \(e.thresholds) | \(e.reference) | "
                + "\(e.source.label) | \(gate) |\n"
        }
        for note in profile.notes { out += "\n\(note)\n" }
        return out
    }

    public static func text(_ profile: Profile) -> String {
        var out = "\(profile.versionedName): \(profile.title)\n\n"
        for e in entries(for: profile) {
            out += "\(e.id.rawValue)  [\(e.condition)]\(e.gating ? "  gating" : "")\(e.tentative ? "  tentative" : "")\n"
            out += "  \(e.checks)\n"
            if e.thresholds != "-" { out += "  thresholds: \(e.thresholds)\n" }
            out += "  reference: \(e.reference)\n"
            out += "  source: \(e.source.label)\n"
        }
        for note in profile.notes { out += "\nnote: \(note)\n" }
        return out
    }
}
