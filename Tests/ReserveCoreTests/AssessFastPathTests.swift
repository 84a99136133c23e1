import Foundation
import Testing

@testable import ReserveCore

/// The assessment's fast paths against the code they replace, on many generated inputs: the
/// ASCII name normalisation against the `CharacterSet` filter.
@Suite struct AssessFastPathTests {
    typealias Generator = MoneyTests.Generator

    /// The normalisation before the fast path: lowercased, then only `CharacterSet.alphanumerics`.
    static func reference(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
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
}
