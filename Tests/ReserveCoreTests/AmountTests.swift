import Foundation
import ReserveCore
import Testing

/// One row of the parsing table: text in, expected outcome out.
struct DecoderAmountCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: Result<String, Amount.ParseFailure>

    /// Accepted, with the value Foundation reads from the same (validated) text.
    static func accepted(_ text: String) -> Self { Self(text: text, expected: .success(text)) }
    static func rejected(_ text: String, _ failure: Amount.ParseFailure) -> Self {
        Self(text: text, expected: .failure(failure))
    }

    var testDescription: String { "\"\(text)\"" }
}

@Suite struct AmountTests {
    // Money is exact, never Double (docs/FORMAT.md, amounts): every input Foundation's Decimal(string:)
    // gets wrong, plus the grammar's edges.
    static let table: [DecoderAmountCase] = [
        .accepted("1234567.891"),
        .accepted("0"),
        .accepted("0.5"),
        .accepted("1.50"),
        .accepted("12000000000.00"),
        .accepted("0.000000000000000001"),
        .accepted(String(repeating: "9", count: 38)),
        .accepted("0." + String(repeating: "0", count: 36) + "1"),
        .rejected("12.5abc", .notADecimal),
        .rejected("1,5", .notADecimal),
        .rejected("1,000", .notADecimal),
        .rejected(" 12.5", .notADecimal),
        .rejected("12.5 ", .notADecimal),
        .rejected("1e3", .notADecimal),
        .rejected("1E3", .notADecimal),
        .rejected("+7", .notADecimal),
        .rejected("01", .notADecimal),
        .rejected("00", .notADecimal),
        .rejected("00.5", .notADecimal),
        .rejected(".5", .notADecimal),
        .rejected("5.", .notADecimal),
        .rejected("", .notADecimal),
        .rejected(".", .notADecimal),
        .rejected("-", .notADecimal),
        .rejected("5-", .notADecimal),
        .rejected("1.2.3", .notADecimal),
        .rejected("١٢", .notADecimal),
        .rejected("１２", .notADecimal),
        .rejected("NaN", .notADecimal),
        .rejected("Infinity", .notADecimal),
        .rejected("0x10", .notADecimal),
        .rejected("1_000", .notADecimal),
        .rejected("-5", .negative),
        .rejected("-0", .negative),
        .rejected("-0.01", .negative),
        .rejected(String(repeating: "9", count: 39), .tooManyDigits),
        .rejected("1" + String(repeating: "0", count: 38), .tooManyDigits),
        .rejected("0." + String(repeating: "0", count: 37) + "1", .tooManyDigits),
    ]

    @Test(arguments: table)
    func parsingFollowsTheStrictGrammar(row: DecoderAmountCase) throws {
        let result = Amount.parse(row.text)
        switch (result, row.expected) {
        case (.success(let amount), .success(let text)):
            let exact = try #require(Decimal(string: text, locale: nil))
            #expect(amount.value.decimal == exact)
        case (.failure(let failure), .failure(let expected)):
            #expect(failure == expected)
        default:
            Issue.record("\"\(row.text)\": got \(result), expected \(row.expected)")
        }
    }

    @Test(arguments: ["-abc", "--5", "-1,5", "- 5"])
    func minusFollowedByTextThatIsNotADecimalIsNotADecimal(text: String) {
        #expect(Amount.parse(text) == .failure(.notADecimal))

    }

    @Test func floatLiteralTrapIsAvoided() throws {
        let amount = try Amount.parse("1234567.891").get()
        #expect(amount.value.decimal == Decimal(1_234_567_891) / 1000)
        #expect(amount.description == "1234567.891")
    }

    @Test func thirtyEightDigitAmountIsKeptExactly() throws {
        let text = "12345678901234567890123456789012345678"
        let amount = try Amount.parse(text).get()
        #expect(amount.description == text)
        #expect(amount.value - (try Amount.parse("12345678901234567890123456789012345677").get().value) == 1)
    }

    @Test func canonicalDescriptionDropsTrailingZeros() throws {
        #expect(try Amount.parse("1.50").get().description == "1.5")
        #expect(try Amount.parse("1200").get().description == "1200")
        #expect(try Amount.parse("12000000000.00").get().description == "12000000000")
        #expect(try Amount.parse("0.000").get().description == "0")
    }

    @Test func equalValuesWithDifferentScaleAreEqual() throws {
        #expect(try Amount.parse("1.50").get() == (try Amount.parse("1.5").get()))
        #expect(try Amount.parse("0.1").get() < (try Amount.parse("0.10000000000000000001").get()))
    }

    @Test func eighteenDecimalAmountsAreExact() throws {
        let wei = try Amount.parse("0.000000000000000001").get()
        var scale = Decimal(1)
        for _ in 0..<18 { scale *= 10 }
        #expect(wei.value.decimal * scale == 1)
        let big = try Amount.parse("123456789.123456789012345678").get()
        #expect(
            big.value.decimal * scale == (try #require(Decimal(string: "123456789123456789012345678", locale: nil))))
        #expect(big.description == "123456789.123456789012345678")
    }

    @Test func sumsOfEighteenDecimalAmountsDoNotDrift() throws {
        let tenth = try Amount.parse("0.100000000000000001").get()
        var total = Decimal(0)
        for _ in 0..<10 { total += tenth.value.decimal }
        #expect(Amount(total).description == "1.00000000000000001")
    }

    // MARK: Decimal.fixed

    @Test(arguments: [
        ("0.125", 2, "0.12"),
        ("0.135", 2, "0.14"),
        ("0.145", 2, "0.14"),
        ("2.5", 0, "2"),
        ("3.5", 0, "4"),
        ("1.5", 4, "1.5000"),
        ("7", 2, "7.00"),
        ("0.1", 1, "0.1"),
        ("0.0049", 2, "0.00"),
        ("1.23456", 3, "1.235"),
        ("999.995", 2, "1000.00"),
    ])
    func fixedRoundsHalfEvenAndPadsToTheScale(text: String, scale: Int, expected: String) throws {
        let value = try Amount.parse(text).get().value
        #expect(value.decimal.fixed(scale) == expected)
    }

    @Test func roundingTheValueNamesTheMode() throws {
        let value = try Amount.parse("0.125").get().value
        #expect(value.decimal.rounded(scale: 2, .up) == Decimal(13) / 100)
        #expect(value.decimal.rounded(scale: 2, .down) == Decimal(12) / 100)
        #expect(value.decimal.rounded(scale: 2, .plain) == Decimal(13) / 100)
        #expect(value.decimal.rounded(scale: 2, .bankers) == Decimal(12) / 100)
    }
}

@Suite struct AmountGroupingTests {
    @Test(arguments: [
        ("12000000000", "12,000,000,000"), ("-895000", "-895,000"), ("-8895000000.5", "-8,895,000,000.50"),
        ("999", "999"),
    ])
    func groupsThousandsForPeople(_ text: String, _ expected: String) throws {
        let value = try #require(Decimal(string: text))
        #expect(Amount.grouped(value) == expected)
    }
}
