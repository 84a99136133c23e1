import Foundation
import ReserveCore
import Testing

/// `lint` reports every problem of a draft payload.
@Suite struct LintCommandTests {
    @Test func validPayloadHasNoProblemsAndExitsZero() throws {
        let ws = try Workspace([.payloads])

        let result = try ws.run("lint", "samples/payloads/kizuna-yen-2026-10.json")

        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("no problems"), "\(result)")
    }

    @Test func payloadWithThreeProblemsListsAllThreeWithTheirCodes() throws {
        let ws = try Workspace([.payloads])
        var text = String(decoding: try ws.read("samples/payloads/kizuna-yen-2026-10.json"), as: UTF8.self)
        // E009 + E005:
        text = text.replacingOccurrences(of: #""sequence": 12,"#, with: #""sequence": 0, "extra": true,"#)
        text = text.replacingOccurrences(of: #""value": "20100000000""#, with: #""value": "-5""#)  // E009
        try ws.write(text, to: "draft.json")

        let result = try ws.run("lint", "draft.json")

        #expect(result.status == 1, "\(result)")
        #expect(result.output.contains("3 problems"), "\(result)")
        let problemLines = result.output.split(separator: "\n").filter { $0.hasPrefix("  E") }
        #expect(problemLines.count == 3, "\(result)")
        #expect(problemLines.contains { $0.hasPrefix("  E005") && $0.contains("extra") }, "\(result)")
        #expect(problemLines.contains { $0.hasPrefix("  E009") && $0.contains("sequence") }, "\(result)")
        #expect(problemLines.contains { $0.hasPrefix("  E009") && $0.contains("reserves[0].value") }, "\(result)")
    }
}
