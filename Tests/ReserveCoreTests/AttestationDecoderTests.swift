import Foundation
import TestSupport
import Testing

@testable import ReserveCore

/// What a plain decimal is, as the decoder explains it.
private let plainDecimalExplanation =
    "(digits with an optional '.' and more digits; no sign, exponent, spaces or separators)"

@Suite struct AttestationDecoderTests {
    // MARK: Helpers

    func problems(_ payload: DecoderPayload, limits: DecodingLimits = .default) -> [VerifierError] {
        AttestationDecoder(limits: limits).problems(in: payload.bytes)
    }

    /// Decodes `bytes`, expects exactly one problem with `code` whose message starts with `path`,
    /// checks that `decode` throws the same error, and returns it.
    @discardableResult
    func expectOnlyProblem(
        _ bytes: [UInt8], _ code: VerifierError.Code, at path: String?, limits: DecodingLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> VerifierError? {
        let decoder = AttestationDecoder(limits: limits)
        let found = decoder.problems(in: bytes)
        #expect(found.count == 1, "problems: \(found)", sourceLocation: sourceLocation)
        guard let problem = found.first else { return nil }
        #expect(problem.code == code, "\(problem)", sourceLocation: sourceLocation)
        if let path {
            #expect(problem.message.hasPrefix("\(path): "), "\(problem.message)", sourceLocation: sourceLocation)
        }
        let thrown = decoderError({ _ = try decoder.decode(bytes) }, sourceLocation: sourceLocation)
        #expect(thrown == problem, sourceLocation: sourceLocation)
        return problem
    }

    @discardableResult
    func expectOnlyProblem(
        _ payload: DecoderPayload, _ code: VerifierError.Code, at path: String, limits: DecodingLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> VerifierError? {
        expectOnlyProblem(payload.bytes, code, at: path, limits: limits, sourceLocation: sourceLocation)
    }

    let valid = DecoderPayload()

    // MARK: The valid payload

    @Test func builtPayloadDecodesWithEveryFieldRead() throws {
        let attestation = try AttestationDecoder().decode(valid.bytes)
        #expect(attestation.attestationId == "kizuna-yen-2026-10-31")
        #expect(attestation.sequence == 12)
        #expect(attestation.asOf.description == "2026-10-31T15:00:00Z")
        #expect(attestation.issuer.regulation?.prudentialLiquidity == true)
        #expect(attestation.token.peg.valuePerUnit == Amount(Money(1)))
        #expect(attestation.token.outstanding.first?.nonRedeemable == Amount(Money(7)))
        #expect(attestation.token.networks?.first?.mitigationEvidence == "https://kizuna-yen.example/risk/mitigation")
        #expect(attestation.token.redemption?.feePercent == Amount(Decimal(25) / 100))
        #expect(attestation.reserves.map(\.assetClass) == [.sovereignBond, .bankDeposit, .reverseRepo])
        #expect(attestation.reserves[0].faceValue == Amount(Money(9_610_000_000)))
        #expect(attestation.reserves[0].maturity?.description == "2027-03-20")
        #expect(attestation.reserves[0].acquiredVia == .outright)
        #expect(attestation.reserves[1].counterparty?.rating == .a)
        #expect(attestation.reserves[2].collateral?.assetClass == .sovereignBill)
        #expect(attestation.reserves[2].tenorDays == 1)
        #expect(attestation.otherClaims?.first?.amount == Amount(Money(1_000_000)))
        #expect(attestation.entities?.first?.role == .reserveCustodian)
        #expect(attestation.legal?.opinions?.first?.date.description == "2026-02-10")
        #expect(attestation.governance?.operationalResilienceFramework == true)
        #expect(attestation.disclosure?.compositionFrequencyDays == 7)
        #expect(attestation.assurance?.first?.reportSha256?.count == 64)
        #expect(attestation.marketData?.priceObservations == 250)
    }

    @Test func payloadWithOnlyRequiredFieldsDecodes() throws {
        var payload = valid
        for key in ["otherClaims", "entities", "legal", "governance", "disclosure", "assurance", "marketData"] {
            payload = payload.removing(DecoderPath(stringLiteral: key))
        }
        payload = payload.removing("issuer.regulation").removing("token.networks").removing("token.redemption")
            .removing("token.stabilisation").removing("reserves[2]").removing("reserves[0]")
        let attestation = try AttestationDecoder().decode(payload.bytes)
        #expect(attestation.reserves.map(\.id) == ["dep-1"])
        #expect(attestation.marketData == nil && attestation.legal == nil)
    }

    /// Values that are valid for each class-specific field of a reserve line.
    static func specificValue(_ field: String, for assetClass: ReserveClass) -> JSONValue {
        switch field {
        case "issuer": assetClass.isSovereignDebt || assetClass == .centralBankReserve ? "US" : "Example Corp"
        case "rating": "AA"
        case "maturity": "2027-06-30"
        case "faceValue": "101"
        case "counterparty": ["name": "Example Bank", "rating": "A", "regulated": true]
        case "callable": false
        case "tenorDays": 7
        case "collateral": DecoderPayload.collateral
        case "name": "Example Fund"
        case "holdsOnlyEligible": true
        case "weightedAverageMaturityDays": 45
        case "mainIndex": true
        case "holdings":
            [
                [
                    "id": "holding-1", "class": "central-bank-reserve", "currency": "USD", "value": "100",
                    "issuer": "US",
                    "custody": "segregated",
                ]
            ]
        default: .null
        }
    }

    @Test func aFundInsideAFundIsRejectedWithItsPath() throws {
        let inner: JSONValue = [
            "id": "inner", "class": "money-market-fund", "currency": "USD", "value": "100",
            "custody": "segregated",
        ]
        let line: JSONValue = [
            "id": "mmf", "class": "money-market-fund", "currency": "USD", "value": "100",
            "custody": "segregated",
            "holdings": [inner],
        ]
        let problems = AttestationDecoder().problems(in: valid.setting("reserves", [line]).bytes)
        #expect(
            problems.map { "\($0.code) \($0.message)" } == [
                "invalidValue reserves[0].holdings[0].class: a money-market fund's holdings cannot include another fund"
            ])
    }

    @Test func structuredMitigationNeedsEveryArea() throws {
        let network: JSONValue = [
            "name": "net", "permissionless": true,
            "mitigation": ["governance": "https://x.example/g"],
        ]
        let problems = AttestationDecoder().problems(in: valid.setting("token.networks", [network]).bytes)
        #expect(
            problems.map { "\($0.code) \($0.message)" } == [
                "missingField token.networks[0].mitigation.technology: required field is missing",
                "missingField token.networks[0].mitigation.settlementFinality: required field is missing",
                "missingField token.networks[0].mitigation.amlCft: required field is missing",
            ])
    }

    @Test(arguments: ReserveClass.allCases)
    func reserveLineWithEveryFieldOfItsClassDecodes(assetClass: ReserveClass) throws {
        var line: JSONObject = [
            "id": "line-1", "class": .string(assetClass.rawValue), "currency": "USD", "value": "100",
            "custody": "segregated", "custodian": ["name": "Example Custodian", "regulated": true],
            "acquiredVia": "outright", "description": "a line",
        ]
        let specific = AttestationFields.reserveSpecific(assetClass)
        for field in specific.sorted() {
            line[field] = Self.specificValue(field, for: assetClass)
            #expect(line[field] != .null, "no test value for \(field)")
        }
        let payload = valid.setting("reserves", [.object(line)])
        let attestation = try AttestationDecoder().decode(payload.bytes)
        #expect(attestation.reserves.first?.assetClass == assetClass)
    }

    @Test func samplePayloadsDecodeWithoutProblems() throws {
        let folder = packageRoot.path + "/samples/payloads"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(names.count == 4)
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: folder + "/" + name), "\(name)")
            let problems = AttestationDecoder().problems(in: Array(data))
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    // MARK: One test per error code

    @Test func oversizedPayloadIsInputTooLarge() throws {
        var limits = DecodingLimits()
        limits.maxBytes = 100
        let problem = expectOnlyProblem(valid.bytes, .inputTooLarge, at: nil, limits: limits)
        #expect(problem?.message == "the payload is \(valid.bytes.count) bytes, over the limit of 100")
        limits.maxBytes = valid.bytes.count
        #expect(AttestationDecoder(limits: limits).problems(in: valid.bytes).isEmpty)
    }

    @Test func truncatedPayloadIsMalformedJSONWithItsLocation() throws {
        let bytes = Array(valid.bytes.dropLast())
        let problem = expectOnlyProblem(bytes, .malformedJSON, at: nil)
        let lines = valid.text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            problem?.message
                == "malformed JSON at line \(lines), column 1, byte \(bytes.count): unexpected end of input inside "
                + "an object",
            "\(problem?.message ?? "")")
    }

    @Test func duplicateKeyInAReserveLineIsRejectedWithItsPath() throws {
        let text = valid.text.replacingOccurrences(
            of: #""value": "20100000000""#, with: #""value": "20100000000", "value": "1""#)
        #expect(text != valid.text)
        let problem = expectOnlyProblem(Array(text.utf8), .duplicateKey, at: nil)
        #expect(
            problem?.message == #"duplicate key "value" at reserves[1].value (line 103, column 31, byte 2627)"#,
            "\(problem?.message ?? "")")
    }

    @Test func unknownTopLevelFieldIsRejectedWithItsPath() {
        let problem = expectOnlyProblem(valid.setting("comment", "hello"), .unknownField, at: "comment")
        // It lists what the format defines.
        #expect(
            problem?.message
                == #"comment: unknown field "comment" (the format defines: asOf, assurance, attestationId, "#
                + "disclosure, entities, format, governance, issuedAt, issuer, legal, marketData, otherClaims, "
                + "reserves, sequence, token)")
    }

    @Test func unknownFieldInTokenPegIsRejectedWithItsPath() {
        expectOnlyProblem(valid.setting("token.peg.symbol", "JPY"), .unknownField, at: "token.peg.symbol")
    }

    @Test func fieldOfAnotherReserveClassIsAnUnknownField() {
        let problem = expectOnlyProblem(
            valid.setting("reserves[0].tenorDays", 30), .unknownField, at: "reserves[0].tenorDays")
        // The sovereign-bond fields are listed.
        #expect(
            problem?.message
                == #"reserves[0].tenorDays: unknown field "tenorDays" (the format defines: acquiredVia, class, "#
                + "currency, custodian, custody, description, faceValue, id, issuer, maturity, rating, value)")
    }

    @Test(
        arguments: [
            "issuer.regulation.website", "token.outstanding[0].chainId", "token.networks[0].tps",
            "token.redemption.cutOff",
            "reserves[1].counterparty.lei", "reserves[2].collateral.isin", "reserves[0].custodian.lei",
            "otherClaims[0].currency",
            "entities[0].lei", "legal.court", "legal.opinions[0].partner", "governance.board", "disclosure.email",
            "assurance[0].standard", "marketData.source", "reserves[1].issuer",
        ] as [String])
    func unknownFieldInEveryObjectIsRejectedWithItsPath(path: String) {
        expectOnlyProblem(valid.setting(DecoderPath(stringLiteral: path), "x"), .unknownField, at: path)
    }

    @Test func unknownFieldNameIsQuotedSafelyInTheMessage() throws {
        let problem = try #require(
            problems(valid.setting("token.peg", ["currency": "JPY", "valuePerUnit": "1", "a\nb\u{202E}": 1])).first)
        #expect(problem.code == .unknownField)
        #expect(!problem.message.contains("\n") && !problem.message.contains("\u{202E}"))
        #expect(
            problem.message
                == #"token.peg["a\nb\u{202e}"]: unknown field "a\nb\u{202e}" (the format defines: currency, "#
                + #"valuePerUnit)"#,
            "\(problem.message)")
    }

    @Test func missingPegValueIsAMissingFieldWithItsPath() {
        expectOnlyProblem(valid.removing("token.peg.valuePerUnit"), .missingField, at: "token.peg.valuePerUnit")
    }

    @Test(
        arguments: [
            "format", "attestationId", "sequence", "asOf", "issuedAt", "issuer", "token", "reserves",
            "issuer.id", "token.outstanding[0].issued", "reserves[1].custody", "reserves[2].collateral.value",
            "assurance[0].coversReserves", "marketData.priceObservations",
        ] as [String])
    func removingARequiredFieldIsAMissingFieldWithItsPath(path: String) {
        expectOnlyProblem(valid.removing(DecoderPath(stringLiteral: path)), .missingField, at: path)
    }

    @Test func amountAsAJSONNumberIsAWrongTypeSayingAmountsAreStrings() {
        let problem = expectOnlyProblem(
            valid.setting("reserves[0].value", .number("9600000000")), .wrongType, at: "reserves[0].value")
        #expect(
            problem?.message
                == #"reserves[0].value: amounts are decimal strings, found the JSON number "9600000000"; write "#
                + #""9600000000""#
        )
    }

    @Test func booleanWrittenAsAStringIsAWrongType() {
        let problem = expectOnlyProblem(
            valid.setting("token.networks[0].permissionless", "false"), .wrongType,
            at: "token.networks[0].permissionless")
        #expect(problem?.message == "token.networks[0].permissionless: expected true or false, found string")
    }

    @Test func booleanWhereAStringBelongsIsAWrongType() {
        let problem = expectOnlyProblem(valid.setting("issuer.legalName", true), .wrongType, at: "issuer.legalName")
        #expect(problem?.message == "issuer.legalName: expected a string, found boolean")
    }

    @Test(
        arguments: [
            ("reserves", JSONValue.object(JSONObject())), ("issuer", "kizuna-yen"), ("sequence", "12"),
            ("token.outstanding", .null),
            ("reserves[1].callable", 1), ("marketData.averageMarketCapitalisationUSD", .null),
        ] as [(String, JSONValue)])
    func valueOfTheWrongJSONTypeIsAWrongTypeWithItsPath(path: String, value: JSONValue) {
        expectOnlyProblem(valid.setting(DecoderPath(stringLiteral: path), value), .wrongType, at: path)
    }

    @Test(
        arguments: [
            ("legal.opinions[0].date", JSONValue.string("2026-02-30"), #""2026-02-30" is not a date (YYYY-MM-DD)"#),
            ("token.peg.currency", "jpy", #""jpy" is not an ISO 4217 currency code"#),
            ("issuer.jurisdiction", "JPN", #""JPN" is not an ISO 3166-1 alpha-2 country code"#),
            (
                "reserves[1].class", "bank-account",
                #""bank-account" is not one of: central-bank-reserve, bank-deposit, sovereign-bill, "#
                    + "sovereign-bond, reverse-repo, money-market-fund, corporate-debt, commercial-paper, "
                    + "covered-bond, equity, gold, cryptoasset, secured-loan, other"
            ),
            ("reserves[1].value", "1e3", #""1e3" is not a plain decimal "# + plainDecimalExplanation),
            ("reserves[1].value", " 1", #"" 1" is not a plain decimal "# + plainDecimalExplanation),
            (
                "disclosure.url", "http://kizuna-yen.example/reserves",
                #""http://kizuna-yen.example/reserves" is not an https:// URL"#
            ),
            ("issuer.legalName", "Example\u{7}Bank", "contains a control or bidirectional-override character"),
            (
                "reserves[0].issuer", "Japan",
                #""Japan" is not an ISO 3166-1 alpha-2 country code (a sovereign or central bank issuer is its "#
                    + #"country)"#
            ),
            (
                "asOf", "2026-10-31T15:00:00+09:00",
                #""2026-10-31T15:00:00+09:00" is not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)"#
            ),
            (
                "attestationId", "../etc",
                #""../etc" is not an identifier (1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit)"#
            ),
            (
                "issuer.id", "Kizuna_Yen",
                #""Kizuna_Yen" is not an issuer id (1-64 of a-z 0-9 -, starting with a letter or digit)"#
            ),
            ("assurance[0].reportSha256", "ABCD", "not a SHA-256 digest (64 lowercase hex digits)"),
            ("sequence", .number("12.0"), #"expected an integer, found "12.0""#),
            ("issuer.legalName", "", "must not be empty"),
            (
                "reserves[1].counterparty.rating", "A++",
                #""A++" is not one of: AAA, AA+, AA, AA-, A+, A, A-, BBB+, BBB, BBB-, BB+, BB, BB-, B+, B, B-, "#
                    + "CCC+, CCC, CCC-, CC, C, D, unrated"
            ),
        ] as [(String, JSONValue, String)])
    func invalidTextIsAnInvalidValueWithItsPath(path: String, value: JSONValue, explanation: String) {
        let problem = expectOnlyProblem(valid.setting(DecoderPath(stringLiteral: path), value), .invalidValue, at: path)
        #expect(problem?.message == "\(path): \(explanation)", "\(problem?.message ?? "")")
    }

    @Test(arguments: [0x80, 0x85, 0x9B] as [UInt32])
    func c1ControlCharacterInAStringIsAnInvalidValue(scalar: UInt32) throws {
        let control = try #require(Unicode.Scalar(scalar))
        let payload = valid.setting("issuer.legalName", .string("Example\(control)Bank"))
        expectOnlyProblem(payload, .invalidValue, at: "issuer.legalName")

    }

    @Test func negativeAmountIsOutOfRangeWithItsPath() {
        let problem = expectOnlyProblem(valid.setting("reserves[1].value", "-5"), .outOfRange, at: "reserves[1].value")
        #expect(problem?.message == #"reserves[1].value: "-5" is negative; amounts must be zero or more"#)
    }

    @Test(
        arguments: [
            ("sequence", JSONValue.number("0")),
            ("sequence", .number("-1")),
            ("sequence", .number("2147483648")),
            ("sequence", .number("99999999999999999999999")),
            ("asOf", "1900-01-01T00:00:00Z"),
            ("issuedAt", "2200-01-01T00:00:00Z"),
            ("legal.opinions[0].date", "1969-12-31"),
            ("token.redemption.feePercent", "101"),
            ("token.redemption.settlementDays", .number("3651")),
            ("reserves[0].faceValue", .string(String(repeating: "1", count: 39))),
            ("issuer.legalName", .string(String(repeating: "x", count: 4097))),
        ] as [(String, JSONValue)])
    func valueOutsideItsRangeIsOutOfRangeWithItsPath(path: String, value: JSONValue) {
        expectOnlyProblem(valid.setting(DecoderPath(stringLiteral: path), value), .outOfRange, at: path)
    }

    @Test func feeOfExactlyOneHundredPercentIsAccepted() {
        #expect(problems(valid.setting("token.redemption.feePercent", "100")).isEmpty)
    }

    @Test func asOfAfterIssuedAtIsInconsistent() {
        let problem = expectOnlyProblem(valid.setting("asOf", "2026-11-02T01:00:01Z"), .inconsistent, at: "asOf")
        #expect(problem?.message == "asOf: asOf 2026-11-02T01:00:01Z is after issuedAt 2026-11-02T01:00:00Z")
        #expect(problems(valid.setting("asOf", "2026-11-02T01:00:00Z")).isEmpty)
    }

    @Test func duplicateReserveIdIsInconsistentAtTheSecondLine() {
        let problem = expectOnlyProblem(valid.setting("reserves[2].id", "jgb-1"), .inconsistent, at: "reserves[2].id")
        #expect(problem?.message == #"reserves[2].id: reserve id "jgb-1" is used twice"#)
    }

    /// A network described twice (here once permissioned, once permissionless): rules would read
    /// one description or the other.
    @Test func aNetworkDescribedTwiceIsInconsistentAtTheSecondDescription() {
        let twice: JSONValue = [
            [
                "name": "kizuna-net", "permissionless": false, "validatorsRegulated": true,
                "riskAssessment": "https://kizuna-yen.example/risk/network",
            ],
            [
                "name": "kizuna-net", "permissionless": true, "validatorsRegulated": false,
                "riskAssessment": "https://kizuna-yen.example/risk/network",
            ],
        ]
        let problem = expectOnlyProblem(
            valid.setting("token.networks", twice), .inconsistent, at: "token.networks[1].name")
        #expect(problem?.message == #"token.networks[1].name: network "kizuna-net" is described twice"#)
        var other = twice
        if case .array(var list) = other, case .object(var second) = list[1] {
            second["name"] = "other-net"
            list[1] = .object(second)
            other = .array(list)
        }
        #expect(problems(valid.setting("token.networks", other)).isEmpty)
    }

    @Test func nonRedeemableAboveIssuedIsInconsistent() {
        expectOnlyProblem(
            valid.setting("token.outstanding[0].nonRedeemable", "30000000001"), .inconsistent,
            at: "token.outstanding[0].nonRedeemable")
        #expect(problems(valid.setting("token.outstanding[0].nonRedeemable", "30000000000")).isEmpty)
    }

    @Test func assuranceOpinionBeforeItsPeriodEndIsInconsistent() {
        expectOnlyProblem(
            valid.setting("assurance[0].opinionDate", "2026-09-29"), .inconsistent, at: "assurance[0].opinionDate")
    }

    @Test func moreReserveLinesThanTheLimitIsTooManyItems() {
        var limits = DecodingLimits()
        limits.maxReserveLines = 2
        let problem = expectOnlyProblem(valid, .tooManyItems, at: "reserves", limits: limits)
        #expect(problem?.message == "reserves: 3 entries exceed the limit of 2")
        limits.maxReserveLines = 3
        #expect(problems(valid, limits: limits).isEmpty)
    }

    @Test func longerOtherListIsTooManyItems() {
        var limits = DecodingLimits()
        limits.maxListItems = 1
        let payload = valid.setting("entities[1]", DecoderPayload.entities[decoderPath: "[0]"] ?? .null)
        expectOnlyProblem(payload, .tooManyItems, at: "entities", limits: limits)
    }

    @Test(arguments: ["reserves", "token.outstanding"] as [String])
    func emptyRequiredListIsAnEmptyCollection(path: String) {
        expectOnlyProblem(valid.setting(DecoderPath(stringLiteral: path), []), .emptyCollection, at: path)
    }

    @Test func anotherFormatVersionIsUnsupportedAndNothingElseIsReported() {
        let payload = valid.setting("format", "reserve-attestation/2").setting("newField", 1).removing("token")
        let problem = expectOnlyProblem(payload, .unsupportedFormat, at: "format")
        #expect(
            problem?.message
                == #"format: "reserve-attestation/2" is not a format this version reads (expected "#
                + #""reserve-attestation/1")"#
        )
    }

    @Test func deeplyNestedValueIsNestingTooDeep() throws {
        var deep: JSONValue = "x"
        for _ in 0..<70 { deep = [deep] }
        let problem = expectOnlyProblem(valid.setting("reserves[0].description", deep).bytes, .nestingTooDeep, at: nil)
        #expect(
            problem?.message == "JSON nesting deeper than 64 levels at reserves[0].description"
                + String(repeating: "[0]", count: 61) + " (line 145, column 129, byte 6408)")
    }

    @Test func nestingTooDeepMessageNamesTheJSONPath() throws {
        var deep: JSONValue = "x"
        for _ in 0..<70 { deep = [deep] }
        let problem = try #require(problems(valid.setting("reserves[0].description", deep)).first)
        #expect(
            problem.message == "JSON nesting deeper than 64 levels at reserves[0].description"
                + String(repeating: "[0]", count: 61) + " (line 145, column 129, byte 6408)", "\(problem.message)")

    }

    @Test func nonObjectRootIsAWrongType() {
        expectOnlyProblem(decoderBytes("[]"), .wrongType, at: "(document)")
    }

    // MARK: All problems at once

    @Test func problemsListsEveryIndependentProblemInDocumentOrder() throws {
        let payload = valid.setting("sequence", 0).setting("token.peg.currency", "jpy").setting(
            "reserves[1].value", "-5")
        let bytes = decoderBytes(payload.textInInsertionOrder)
        let found = AttestationDecoder().problems(in: bytes)
        #expect(found.map(\.code) == [.outOfRange, .invalidValue, .outOfRange])
        #expect(
            found.map { $0.message.prefix(while: { $0 != ":" }) } == [
                "sequence", "token.peg.currency", "reserves[1].value",
            ])
    }

    @Test func decodeThrowsTheFirstProblemAndCountsTheRest() throws {
        let payload = valid.setting("sequence", 0).setting("token.peg.currency", "jpy").setting(
            "reserves[1].value", "-5")
        let error = try #require(
            decoderError { _ = try AttestationDecoder().decode(decoderBytes(payload.textInInsertionOrder)) })
        #expect(error.code == .outOfRange)
        #expect(error.message.hasPrefix("sequence: "))
        #expect(
            error.message
                == #"sequence: "0" is outside 1...2147483647 (and 2 more problems; `reserve-verifier lint` lists "#
                + #"them all)"#,
            "\(error.message)")
    }

    @Test func decodeWithTwoProblemsSaysOneMoreProblem() throws {
        let payload = valid.setting("sequence", 0).setting("reserves[1].value", "-5")
        let error = try #require(decoderError { _ = try AttestationDecoder().decode(payload.bytes) })
        #expect(
            error.message
                == #"sequence: "0" is outside 1...2147483647 (and 1 more problem; `reserve-verifier lint` lists "#
                + #"them all)"#,
            "\(error.message)")
    }

    @Test func problemsFollowTheFormatsFieldOrderWithUnknownFieldsFirst() throws {
        // Documented order: an object's unknown fields, then its fields in the format's order,
        // whatever order the document writes them in.
        let payload = valid.setting("sequence", 0).setting("zzz", 1)
        let found = AttestationDecoder().problems(in: decoderBytes(payload.textInInsertionOrder))
        #expect(found.map { $0.message.prefix(while: { $0 != ":" }) } == ["zzz", "sequence"])
    }

    @Test func thousandsOfProblemsAreCappedAtOneThousand() {
        var lines: [JSONValue] = []
        for i in 0..<1500 {
            lines.append([
                "id": .string("l\(i)"), "class": "gold", "currency": "USD", "value": "-1", "custody": "segregated",
            ])
        }
        let found = problems(valid.setting("reserves", .array(lines)))
        #expect(found.count == 1000)
    }

    // MARK: The JSON Schema matches the decoder

    static let schema = AttestationSchema.schema

    func schemaKeys(_ path: DecoderPath) -> Set<String>? {
        guard case .object(let object)? = Self.schema[decoderPath: path] else { return nil }
        return Set(object.keys)
    }

    static let allReserveFields = ReserveClass.allCases.reduce(AttestationFields.reserveCommon) {
        $0.union(AttestationFields.reserveSpecific($1))
    }

    @Test(
        arguments: [
            ("properties", AttestationFields.Top.names),
            ("properties.issuer.properties", AttestationFields.Issuer.names),
            ("properties.issuer.properties.regulation.properties", AttestationFields.Regulation.names),
            ("properties.token.properties", AttestationFields.Token.names),
            ("properties.token.properties.peg.properties", AttestationFields.Peg.names),
            ("properties.token.properties.outstanding.items.properties", AttestationFields.Outstanding.names),
            ("properties.token.properties.networks.items.properties", AttestationFields.Network.names),
            ("properties.token.properties.redemption.properties", AttestationFields.Redemption.names),
            ("properties.reserves.items.properties", allReserveFields),
            ("properties.reserves.items.properties.custodian.properties", AttestationFields.Party.names),
            ("properties.reserves.items.properties.counterparty.properties", AttestationFields.Counterparty.names),
            ("properties.reserves.items.properties.collateral.properties", AttestationFields.Collateral.names),
            ("properties.otherClaims.items.properties", AttestationFields.OtherClaim.names),
            ("properties.entities.items.properties", AttestationFields.Entity.names),
            ("properties.legal.properties", AttestationFields.Legal.names),
            ("properties.legal.properties.opinions.items.properties", AttestationFields.LegalOpinion.names),
            ("properties.governance.properties", AttestationFields.Governance.names),
            ("properties.disclosure.properties", AttestationFields.Disclosure.names),
            ("properties.assurance.items.properties", AttestationFields.Assurance.names),
            ("properties.marketData.properties", AttestationFields.MarketData.names),
        ] as [(String, Set<String>)])
    func schemaPropertiesEqualTheDecodersFields(schemaPath: String, fields: Set<String>) throws {
        let keys = try #require(schemaKeys(DecoderPath(stringLiteral: schemaPath)), "no object at \(schemaPath)")
        #expect(keys.subtracting(fields).isEmpty, "in the schema only: \(keys.subtracting(fields).sorted())")
        #expect(fields.subtracting(keys).isEmpty, "in the decoder only: \(fields.subtracting(keys).sorted())")
    }

    @Test(arguments: ReserveClass.allCases)
    func schemaClauseOfEachReserveClassAllowsExactlyItsFields(assetClass: ReserveClass) throws {
        guard case .array(let clauses)? = Self.schema[decoderPath: "properties.reserves.items.allOf"] else {
            Issue.record("no allOf clauses for reserve lines")
            return
        }
        let matching = clauses.filter { $0[decoderPath: "if.properties.class.const"] == .string(assetClass.rawValue) }
        try #require(matching.count == 1)
        guard case .array(let names)? = matching[0][decoderPath: "then.propertyNames.enum"] else {
            Issue.record("no propertyNames enum for \(assetClass)")
            return
        }
        let allowed = Set(names.compactMap { if case .string(let s) = $0 { s } else { nil } })
        #expect(allowed == AttestationFields.reserveCommon.union(AttestationFields.reserveSpecific(assetClass)))
    }

    @Test func everyObjectOfTheSchemaIsClosed() {
        var open: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let object):
                if object["type"] == "object" && object["additionalProperties"] != .bool(false) { open.append(path) }
                for (key, child) in object.entries { walk(child, path + "." + key) }
            case .array(let elements):
                for (i, child) in elements.enumerated() { walk(child, path + "[\(i)]") }
            default: break
            }
        }
        walk(Self.schema, "schema")
        #expect(open.isEmpty, "objects without additionalProperties: false: \(open)")
    }

    /// Pairs of (payload object, schema object) whose fields are all present in the built payload.
    @Test(
        arguments: [
            ("", "properties"),
            ("issuer", "properties.issuer.properties"),
            ("issuer.regulation", "properties.issuer.properties.regulation.properties"),
            ("token", "properties.token.properties"),
            ("token.peg", "properties.token.properties.peg.properties"),
            ("token.outstanding[0]", "properties.token.properties.outstanding.items.properties"),
            ("token.networks[0]", "properties.token.properties.networks.items.properties"),
            ("token.redemption", "properties.token.properties.redemption.properties"),
            ("reserves[0]", "properties.reserves.items.properties"),
            ("reserves[0].custodian", "properties.reserves.items.properties.custodian.properties"),
            ("reserves[1].counterparty", "properties.reserves.items.properties.counterparty.properties"),
            ("reserves[2].collateral", "properties.reserves.items.properties.collateral.properties"),
            ("otherClaims[0]", "properties.otherClaims.items.properties"),
            ("entities[0]", "properties.entities.items.properties"),
            ("legal", "properties.legal.properties"),
            ("legal.opinions[0]", "properties.legal.properties.opinions.items.properties"),
            ("governance", "properties.governance.properties"),
            ("disclosure", "properties.disclosure.properties"),
            ("assurance[0]", "properties.assurance.items.properties"),
            ("marketData", "properties.marketData.properties"),
        ] as [(String, String)])
    func schemaRequiredListsEqualTheFieldsTheDecoderRequires(payloadPath: String, schemaPath: String) throws {
        guard case .object(let object)? = valid[DecoderPath(stringLiteral: payloadPath)] else {
            Issue.record("no object at \(payloadPath) in the built payload")
            return
        }
        var requiredByDecoder = Set<String>()
        for key in object.keys {
            let path = payloadPath.isEmpty ? key : payloadPath + "." + key
            let found = problems(valid.removing(DecoderPath(stringLiteral: path)))
            if found.contains(where: { $0.code == .missingField && $0.message.hasPrefix("\(path): ") }) {
                requiredByDecoder.insert(key)
            }
        }
        // The schema's "required" sits beside "properties".
        let requiredPath = DecoderPath(stringLiteral: String(schemaPath.dropLast("properties".count)) + "required")
        guard case .array(let names)? = Self.schema[decoderPath: requiredPath] else {
            Issue.record("no required list at \(requiredPath)")
            return
        }
        let requiredBySchema = Set(names.compactMap { if case .string(let s) = $0 { s } else { nil } })
        #expect(requiredBySchema == requiredByDecoder)
    }
}
