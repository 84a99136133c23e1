import Foundation
import ReserveCore
import TestSupport
import Testing

/// The README documents what the code defines: the rule table, every error code, every rule id.
@Suite struct ReadmeTests {
    static let readme = packageRoot.appendingPathComponent("README.md")

    func readmeText() throws -> String {
        let data = try #require(try? Data(contentsOf: Self.readme), "README.md is missing at \(Self.readme.path)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func rulesSectionEqualsRulesFormatMarkdown() throws {
        let readme = try readmeText()
        let ws = try Workspace()
        let result = try ws.run("rules", "--format", "markdown")
        try #require(result.status == 0, "\(result)")

        let begin = "<!-- rules:begin -->\n", end = "<!-- rules:end -->"
        guard let start = readme.range(of: begin), let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex) else {
            Issue.record("""
                README.md has no section between the lines `<!-- rules:begin -->` and `<!-- rules:end -->`: add the two \
                lines and paste the output of `reserve-verifier rules --format markdown` between them.
                """)
            return
        }
        let section = String(readme[start.upperBound..<stop.lowerBound])
        if let difference = firstDifference(expected: result.output, actual: section) {
            Issue.record("""
                README.md's rules section differs from `reserve-verifier rules --format markdown`:
                \(difference)
                Paste the command's output between `<!-- rules:begin -->` and `<!-- rules:end -->`.
                """)
        }
    }

    @Test func everyErrorCodeAppearsInTheReadme() throws {
        let readme = try readmeText()

        let missing = VerifierError.Code.allCases.map(\.rawValue).filter { !readme.contains($0) }

        #expect(missing.isEmpty, "error codes missing from README.md: \(missing.joined(separator: ", "))")
    }

    @Test func everyRuleIDAppearsInTheReadme() throws {
        let readme = try readmeText()

        let missing = RuleID.allCases.map(\.rawValue).filter { !readme.contains($0) }

        #expect(missing.isEmpty, "rule ids missing from README.md: \(missing.joined(separator: ", "))")
    }
}
