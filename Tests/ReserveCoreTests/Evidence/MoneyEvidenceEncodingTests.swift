import Foundation
import Testing

@testable import ReserveCore

/// Evidence figures held as `Money` are written exactly as the same figure held as `Decimal` was:
/// bare amounts as canonical text, ``Ratio`` with six decimals, ``Stressed`` rounded half-even to
/// six places, and an absent figure leaves its key out.
@Suite struct MoneyEvidenceEncodingTests {
    struct AsMoney: Encodable {
        var amount: Money
        var optional: Money?
        @Ratio var ratio: Money? = nil
        @Stressed var stressed: Money? = nil
        var list: [Money]
    }

    struct AsDecimal: Encodable {
        var amount: Decimal
        var optional: Decimal?
        @Ratio var ratio: Decimal? = nil
        @Stressed var stressed: Decimal? = nil
        var list: [Decimal]
    }

    static let texts = [
        "0", "1", "1.5", "1.50", "-3", "1200", "0.000001", "0.0000005", "0.0000015", "0.0000025", "-0.0000025",
        "123456789.1234565", "99999999999999999999999999999999999999", "0.99999999999999999999999999999999999999",
        "-17068493.150684931506849315068493150685", "1e3", "12.3456785",
    ]

    static func money(_ text: String) -> Money { Money(Decimal(string: text, locale: nil)!) }

    @Test(arguments: texts) func aMoneyFigureIsWrittenAsTheDecimalWas(text: String) {
        let decimal = Decimal(string: text, locale: nil)!
        let money = Self.money(text)
        let m = AsMoney(amount: money, optional: money, ratio: money, stressed: money, list: [money, -money])
        let d = AsDecimal(
            amount: decimal, optional: decimal, ratio: decimal, stressed: decimal, list: [decimal, -decimal])
        let written = JSONValueEncoder.encode(m)
        #expect(written == JSONValueEncoder.encode(d))
        #expect(JSONWriter.write(written, pretty: false) == JSONWriter.write(JSONValueEncoder.encode(d), pretty: false))
        #expect(m.$stressed == d.$stressed)
        #expect(m.$ratio == d.$ratio)
    }

    @Test func anAbsentMoneyFigureLeavesItsKeyOut() {
        let object = JSONValueEncoder.encodeObject(AsMoney(amount: 7, optional: nil, list: []))
        #expect(object["amount"] == .string("7"))
        #expect(object["optional"] == nil)
        #expect(object["ratio"] == nil)
        #expect(object["stressed"] == nil)
        #expect(object["list"] == .array([]))
    }
}
