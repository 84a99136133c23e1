import Foundation
import ReserveCore
import Testing

/// `lint` reports every problem of a draft payload.
@Suite struct LintCommandTests {
    @Test func validPayloadHasNoProblemsAndExitsZero() throws {
        let ws = try Workspace([.payloads])

        let result = try ws.run("lint", "samples/payloads/kizuna-yen-2026-10.json")

        #expect(result.status == 0, "\(result)")
        #expect(result.output == "samples/payloads/kizuna-yen-2026-10.json: no problems\n", "\(result)")
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
        #expect(
            result.output.components(separatedBy: "\n") == [
                "draft.json: 3 problems",
                "  E005 unknown-field: extra: unknown field \"extra\" (the format defines: asOf, assurance, "
                    + "attestationId, disclosure, entities, format, governance, issuedAt, issuer, legal, marketData, "
                    + "otherClaims, reserves, sequence, token)",
                "  E009 out-of-range: sequence: \"0\" is outside 1...2147483647",
                "  E009 out-of-range: reserves[0].value: \"-5\" is negative; amounts must be zero or more",
                "",
            ], "\(result)")
    }
}
