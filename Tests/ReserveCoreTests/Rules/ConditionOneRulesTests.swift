import Foundation
import Testing

@testable import ReserveCore

/// CC1-PEG: redeemable for a predefined amount of a reference asset.
@Suite struct PegRuleTests {
    @Test func positivePegPasses() throws {
        let finding = try RuleFixture.eligible().finding(PegRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? PegEvidence)?.currency == "JPY")
        #expect((finding.evidence as? PegEvidence)?.valuePerUnit == ruleMoney("1"))
    }

    @Test func zeroPegFails() throws {
        var f = RuleFixture.eligible()
        f["token", "peg", "valuePerUnit"] = "0.000"
        let finding = try f.finding(PegRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? PegEvidence)?.valuePerUnit == ruleMoney("0"))
    }

    /// The reference asset must be a traditional one: a currency or precious metal of ISO 4217.
    /// The format accepts any three capital letters, so before 2026-12-02 a coin pegged to "BTC" (its
    /// reserves "deposits in BTC") passed CC1-PEG and was ELIGIBLE.
    @Test(arguments: [
        ("BTC", FindingStatus.fail), ("ETH", FindingStatus.fail), ("XXX", FindingStatus.fail),
        ("USD", FindingStatus.pass), ("XAU", FindingStatus.pass), ("CNH", FindingStatus.pass),
    ])
    func thePegIsACurrencyOrPreciousMetalOfISO4217(code: String, status: FindingStatus) throws {
        var f = RuleFixture.eligible()
        f.pegCurrency = code
        let finding = try f.finding(PegRule())
        #expect(finding.status == status, "\(finding.message)")
    }

    /// The verifier's list is its own (so that a verdict does not move with the machine's ICU
    /// data), checked against ICU's: every code in it is one of ICU's ISO 4217 currencies, so no
    /// typo admits a code that names nothing.
    @Test func everyCodeOfTheListIsAnISO4217CurrencyOfICU() {
        let icu = Set(Locale.Currency.isoCurrencies.map(\.identifier))
        #expect(ISO4217.codes.subtracting(icu).isEmpty, "\(ISO4217.codes.subtracting(icu).sorted())")
        #expect(!ISO4217.isCurrency("BTC") && !ISO4217.isCurrency("XTS") && !ISO4217.isCurrency("XXX"))
    }

    @Test func missingPegDoesNotDecodeSoThereIsNoInsufficientData() throws {
        // By design CC1-PEG has no insufficient-data outcome: token.peg is required by the format.
        var f = RuleFixture.eligible()
        f["token", "peg"] = nil
        guard case .failure(let problems) = AttestationDecoder().decodeAll(f.root) else {
            Issue.record("a payload without token.peg decoded")
            return
        }
        #expect(problems.problems.map { "\($0)" } == ["E006 missing-field: token.peg: required field is missing"])
    }
}

/// CC1-NO-CRYPTO-REF: stabilisation does not rest on cryptoassets or an algorithm.
@Suite struct NoCryptoReferenceRuleTests {
    @Test func fiatReserveWithoutCryptoassetsPasses() throws {
        let finding = try RuleFixture.eligible().finding(NoCryptoReferenceRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.stabilisation == "fiat-reserve")
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.cryptoassetLines == [])
    }

    @Test(arguments: ["algorithmic", "crypto-reserve"])
    func cryptoOrAlgorithmicStabilisationFails(_ mechanism: String) throws {
        var f = RuleFixture.eligible()
        f["token", "stabilisation"] = .string(mechanism)
        let finding = try f.finding(NoCryptoReferenceRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.stabilisation == mechanism)
    }

    @Test func cryptoassetsInTheReservesFail() throws {
        var f = RuleFixture.eligible()
        f.reserves += [RuleLine.named("btc", "cryptoasset", "400"), RuleLine.named("eth", "cryptoasset", "100")]
        let finding = try f.finding(NoCryptoReferenceRule())
        #expect(finding.status == .fail)
        #expect(finding.basis == .computed)
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.cryptoassetLines == ["btc", "eth"])
        #expect((finding.evidence as? NoCryptoReferenceEvidence)?.cryptoassetValue == ruleMoney("500"))
    }

    @Test func missingStabilisationGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["token", "stabilisation"] = nil
        let finding = try f.finding(NoCryptoReferenceRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "token.stabilisation is missing")
    }
}

/// CC1-SUPERVISED: the issuer is supervised with prudential capital and liquidity requirements.
@Suite struct SupervisionRuleTests {
    @Test func prudentiallyRegulatedIssuerPasses() throws {
        let finding = try RuleFixture.eligible().finding(SupervisionRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? SupervisionEvidence)?.regulator == "JFSA")
        #expect((finding.evidence as? SupervisionEvidence)?.prudentialCapital == true)
        #expect((finding.evidence as? SupervisionEvidence)?.prudentialLiquidity == true)
    }

    @Test func noPrudentialLiquidityRequirementFails() throws {
        var f = RuleFixture.eligible()
        f["issuer", "regulation", "prudentialLiquidity"] = false
        let finding = try f.finding(SupervisionRule())
        #expect(finding.status == .fail)
        #expect(finding.message == "JFSA applies no prudential liquidity requirements to the issuer")
        #expect((finding.evidence as? SupervisionEvidence)?.prudentialLiquidity == false)
    }

    @Test func missingRegulationGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["issuer", "regulation"] = nil
        let finding = try f.finding(SupervisionRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "issuer.regulation is missing: no supervisor is named")
    }

    @Test func missingPrudentialCapitalGivesInsufficientDataNamingTheField() throws {
        var f = RuleFixture.eligible()
        f["issuer", "regulation", "prudentialCapital"] = nil
        let finding = try f.finding(SupervisionRule())
        #expect(finding.status == .insufficientData)
        #expect(finding.message == "issuer.regulation.prudentialCapital and prudentialLiquidity are needed")
    }
}

/// CC1-CUSTODY: reserves bankruptcy remote; a custodian bank may hold reserve cash as deposits.
@Suite struct CustodyRuleTests {
    @Test func segregatedReservesAndCustodianBankDepositsPass() throws {
        // The fixture's deposit sits on the custodian bank's balance sheet (allowed since July 2024).
        let finding = try RuleFixture.eligible().finding(CustodyRule())
        #expect(finding.status == .pass)
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemoteValue == ruleMoney("0"))
    }

    @Test func reservesOnTheIssuersBalanceSheetFail() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(RuleLine.named("loan", "secured-loan", "250", custody: "issuer-balance-sheet"))
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemoteValue == ruleMoney("250"))
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.first?.id == "loan")
    }

    @Test func securitiesOnACustodiansOwnBalanceSheetFail() throws {
        var f = RuleFixture.eligible()
        var bond = RuleLine.debt(
            "jgb", "sovereign-bond", "100", issuer: "JP", rating: "A+", maturity: RuleFixture.year(1))
        if case .object(var o) = bond {
            o["custody"] = "custodian-balance-sheet"
            bond = .object(o)
        }
        f.reserves.append(bond)
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemoteValue == ruleMoney("100"))
    }

    /// A deposit on the balance sheet of a "custodian" that is the issuer written in full-width
    /// letters fails as the issuer itself (names compare in NFKC form).
    @Test func aCustodianThatIsTheIssuerInFullWidthLettersFails() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.deposit(
                "dep-self", "100", bank: "ＲＵＬＥ　ＦＩＸＴＵＲＥ　ＢＡＮＫ", rating: "A+", custody: "custodian-balance-sheet"))
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.map(\.id) == ["dep-self"],
            "\(finding.message)")
    }

    /// A deposit is a claim on the bank that takes it, whatever its custody label. Before 2026-12-02 a
    /// bank-deposit line labelled `segregated` skipped the custodian checks, so reserves deposited
    /// with the issuer itself (or a bank that also runs the coin) passed CC1-CUSTODY and the coin
    /// was ELIGIBLE. Now the deposit-taking bank of every deposit must be independent of the issuer.
    @Test(arguments: ["Rule Fixture Bank", "ＲＵＬＥ　ＦＩＸＴＵＲＥ　ＢＡＮＫ", "Fixture Network Operations K.K."])
    func aSegregatedDepositWithTheIssuerOrAnotherOfItsPartiesFails(bank: String) throws {
        var f = RuleFixture.eligible()
        f.reserves.append(RuleLine.deposit("dep-self", "100", bank: bank, rating: "A+", custody: "segregated"))
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail)
        #expect(
            (finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.map(\.id) == ["dep-self"],
            "\(finding.message)")
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemoteValue == ruleMoney("100"))
    }

    /// The same for a reverse repo: reserve cash lent to the issuer (or a party running the coin)
    /// is a claim on it, not a reserve held apart from it (2026-12-02; before, it passed).
    @Test func aReverseRepoWithTheIssuerAsCounterpartyFails() throws {
        var f = RuleFixture.eligible()
        f.reserves.append(
            RuleLine.reverseRepo(
                "rr-self", "100", tenorDays: 1, counterparty: "Rule Fixture Bank",
                collateral: RuleLine.collateral(issuer: "JP", rating: "A+", value: "101", maturity: RuleFixture.year(1))
            ))
        let finding = try f.finding(CustodyRule())
        #expect(finding.status == .fail, "\(finding.message)")
        #expect((finding.evidence as? CustodyEvidence)?.notBankruptcyRemote?.map(\.id) == ["rr-self"])
    }

    /// A segregated deposit at an independent bank (or at the reserve custodian) still passes.
    @Test(arguments: ["Independent Bank", "Example Trust Bank"])
    func aSegregatedDepositAtAnIndependentBankPasses(bank: String) throws {
        var f = RuleFixture.eligible()
        f.reserves.append(RuleLine.deposit("dep-other", "100", bank: bank, rating: "A+", custody: "segregated"))
        #expect(try f.finding(CustodyRule()).status == .pass)
    }

    @Test func custodyIsRequiredSoThereIsNoInsufficientData() throws {
        // By design CC1-CUSTODY has no insufficient-data outcome: every line must state `custody`.
        var f = RuleFixture.eligible()
        f["reserves", 0, "custody"] = nil
        guard case .failure(let problems) = AttestationDecoder().decodeAll(f.root) else {
            Issue.record("a reserve line without custody decoded")
            return
        }
        #expect(
            problems.problems.map { "\($0)" } == ["E006 missing-field: reserves[0].custody: required field is missing"])
    }
}
