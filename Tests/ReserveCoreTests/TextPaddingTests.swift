import Foundation
import Testing

@testable import ReserveCore

/// Table cells are padded and cut in characters, the unit their columns are measured in.
@Suite struct TextPaddingTests {
    /// On text of one UTF-16 unit a character (every sample's), the same as Foundation's padding.
    @Test(arguments: ["", "a", "kizuna-yen/KZJPY #12", "100.50%", "東京銀行", "Café", "NOT ELIGIBLE 2b"])
    func paddedIsFoundationsPaddingOnSingleUnitText(_ text: String) {
        for width in 0...24 {
            #expect(text.padded(to: width) == text.padding(toLength: width, withPad: " ", startingAt: 0))
        }
    }

    /// An emoji (two UTF-16 units) or a combining accent counts as one character: the padding is
    /// not a space short, and a cut never splits a character.
    @Test func charactersOfSeveralUnitsAreOneCharacterWide() {
        #expect("🏦 bank".padded(to: 8) == "🏦 bank  ")
        #expect("Cafe\u{301}".padded(to: 6) == "Cafe\u{301}  ")
        #expect("Cafe\u{301}x".padded(to: 4) == "Cafe\u{301}")
        #expect("🏦🏦🏦".padded(to: 2) == "🏦🏦")
    }

    /// The summary's "closest to failing": the gating pass with the smallest margin, the first
    /// rule in catalogue order on a tie; nil without one.
    @Test func closestToFailingIsTheSmallestMarginThenTheFirstRule() {
        let findings = [
            Finding(.rrtOC, .pass, "m", basis: .computed).withMargin("b", fraction: Decimal(string: "0.2")!),
            Finding(.rrtNet, .pass, "m", basis: .computed).withMargin("a", fraction: Decimal(string: "0.2")!),
            Finding(.rrtQuality, .fail, "m", basis: .computed).withMargin("c", fraction: Decimal(string: "0.1")!),
            Finding(.rrtLiquidity, .pass, "m", basis: .computed),
        ]
        let reference = findings.filter { $0.gating && $0.status == .pass && $0.margin != nil }
            .min { ($0.margin!.fraction, $0.rule) < ($1.margin!.fraction, $1.rule) }
        #expect(ReportRenderer.closestToFailing(findings)?.rule == reference?.rule)
        #expect(ReportRenderer.closestToFailing(findings)?.rule == .rrtNet)
        #expect(ReportRenderer.closestToFailing(Array(findings.suffix(2))) == nil)
    }
}
