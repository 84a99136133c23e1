import Foundation
import Testing

@testable import ReserveCore

/// The assessment's fast paths against the code they replace, on many generated inputs: the
/// ASCII name normalisation against the `CharacterSet` filter, and `Decimal.fixed` on the
/// integer mantissa against `NSDecimalRound` and `Decimal.description`.
@Suite struct AssessFastPathTests {
    typealias Generator = MoneyTests.Generator

    /// The normalisation without the fast path: NFKC, lowercased, then only `CharacterSet.alphanumerics`.
    static func reference(_ name: String) -> String {
        String(
            name.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter {
                CharacterSet.alphanumerics.contains($0)
            })
    }

    /// Full-width, ligature and decomposed spellings of a name normalise as the plain one.
    @Test func compatibilityAndCanonicalSpellingsOfANameAreTheSameName() {
        #expect(normalisedName("ＫＩＺＵＮＡ　Ｔｒｕｓｔ Ｂａｎｋ") == normalisedName("Kizuna Trust Bank"))
        #expect(normalisedName("ﬁnance") == "finance")
        #expect(normalisedName("Cafe\u{301} Bank") == normalisedName("Caf\u{E9} Bank"))
        #expect(normalisedName("ｶﾌﾞｼｷ") == normalisedName("カブシキ"))
        #expect(normalisedName("Kizuna Trust Bank") != normalisedName("Kizuna Trust Banc"))
    }

    static let names = [
        "", " ", "Kizuna Trust Bank, Ltd.", "KIZUNA TRUST BANK LTD", "Harbor-USD Custody & Co. (No. 2)",
        "\t\n\r!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u{7F}\u{0}", "ÉCOLE Générale S.A.", "İstanbul Bankası A.Ş.",
        "Straße GmbH", "東京銀行", "ﬁnance ＡＢＣ", "a\u{301}b", "Σίγμα ΟΣ", "½ ² ٣ Ⅻ", "👍 bank 🏦",
    ]

    @Test func namesNormaliseAsTheCharacterSetFilter() {
        var g = Generator(state: 7)
        var inputs = Self.names
        // Every ASCII byte, and mixtures with a few non-ASCII scalars.
        inputs.append(String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self))
        let extra: [Character] = ["é", "İ", "ß", "σ", "Σ", "一", "٣", "\u{301}", "ﬁ", "Ａ"]
        for i in 0..<5_000 {
            var text = ""
            for _ in 0..<g.below(24) {
                if i % 4 == 0, g.below(8) == 0 {
                    text.append(extra[g.below(extra.count)])
                } else {
                    text.append(Character(Unicode.Scalar(UInt8(g.below(128)))))
                }
            }
            inputs.append(text)
        }
        for name in inputs {
            #expect(normalisedName(name) == Self.reference(name), "\(name.debugDescription)")
            #expect(normalisedUnicodeName(name) == Self.reference(name), "\(name.debugDescription)")
        }
    }

    /// The byte search of two ASCII normalised names answers as Foundation's `contains`, which
    /// still answers for any other pair.
    @Test func aNormalisedNameContainsAnotherAsFoundationSays() {
        var g = Generator(state: 11)
        var pairs: [(String, String)] = [
            ("kizunayenholdingsandkizunatrustbank", "kizunatrustbank"), ("kizunatrustbank", "kizunatrustbanc"),
            ("abc", ""), ("", "a"), ("ab", "abc"), ("aaab", "aab"), ("東京銀行信託", "銀行"), ("cafébank", "fébank"),
            ("cafébank", "bank"), ("bank", "ébank"),
        ]
        let letters: [Character] = ["a", "b", "c", "1", "é", "一"]
        for i in 0..<3_000 {
            func text(_ n: Int) -> String {
                String((0..<n).map { _ in letters[g.below(i % 3 == 0 ? letters.count : 4)] })
            }
            let whole = text(g.below(16))
            let part = g.below(2) == 0 ? text(g.below(5)) : String(whole.dropFirst(g.below(4)).prefix(g.below(6)))
            pairs.append((whole, part))
        }
        for (text, part) in pairs {
            #expect(normalisedContains(text, part) == text.contains(part), "\(text) \(part)")
        }
    }

    /// Decimals as the rules make them: amounts, 38-digit quotients (ratios), their multiples by
    /// 100 (percentages), negative differences, and ties at the rounding place.
    static func decimals(seed: UInt64) -> [Decimal] {
        var g = Generator(state: seed)
        let values = MoneyTests.values(600, seed: seed).map(\.decimal)
        var out = values
        for _ in 0..<3_000 {
            let a = values[g.below(values.count)]
            let b = values[g.below(values.count)]
            guard b != 0 else { continue }
            let q = a / b
            out += [q, -q, q * 100, q - 1, (q - 1) * 100]
        }
        for text in [
            "0.1234565", "0.1234575", "-0.1234565", "0.0000005", "-0.0000005", "0.0000015", "2.5", "3.5", "-2.5",
            "0.125", "0.135", "99.995", "99.985", "0.00000049999999999999999999999999999999", "1.0000005",
            "0.99999950000000000000000000000000000001", "-0.00000000000000000000000000000000000001",
            "123456789012345678901234567890.12345678", "1e30", "1e-40", "5e-7", "15e-7",
        ] {
            if let d = Decimal(string: text, locale: nil) { out.append(d) }
        }
        out.append(Decimal(sign: .plus, exponent: -3, significand: 12_500))
        out.append(Decimal(sign: .minus, exponent: 2, significand: 7))
        out.append(Decimal(sign: .plus, exponent: -2, significand: Decimal(150)))
        return out
    }

    @Test func fixedTextAsNSDecimalRound() {
        for d in Self.decimals(seed: 11) {
            for scale in [0, 1, 2, 4, 6, 8] {
                #expect(d.fixed(scale) == d.decimalFixed(scale), "\(d) at \(scale)")
            }
        }
    }

    /// `Money.decimal` written into the `Decimal`'s storage: the same bytes as `Decimal(string:)`.
    @Test func decimalsAsDecimalParsesThem() {
        var g = Generator(state: 5)
        var values = MoneyTests.values(2_000, seed: 13).map(\.money)
        for _ in 0..<2_000 {
            let m = UInt128(g.next()) << 64 | UInt128(g.next())
            values.append(Money(negative: g.below(2) == 0, magnitude: m % Money.digitLimit, exponent: -g.below(40)))
        }
        for value in values {
            let n = value.normalized
            guard let parsed = Decimal(string: n.description, locale: nil) else {
                Issue.record("\(n) does not parse")
                continue
            }
            let bytes = withUnsafeBytes(of: value.decimal) { Array($0) }
            #expect(bytes == withUnsafeBytes(of: parsed) { Array($0) }, "\(n)")
        }
    }
}
