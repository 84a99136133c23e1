import Foundation
import ReserveCore
import TestSupport
import Testing

/// The README and the pages of `docs/` document what the code defines: the rule table, every
/// error code, every rule id and its reading, every command; and every link between them resolves.
@Suite struct ReadmeTests {
    static let readme = packageRoot.appendingPathComponent("README.md")
    static let docs = packageRoot.appendingPathComponent("docs", isDirectory: true)

    static func text(_ url: URL) throws -> String {
        let data = try #require(try? Data(contentsOf: url), "\(url.path) is missing")
        return String(decoding: data, as: UTF8.self)
    }

    static func page(_ name: String) throws -> String { try text(docs.appendingPathComponent(name)) }

    /// README.md and the Markdown pages directly in docs/ (not docs/incoming/, which is drafts),
    /// as paths relative to the package root.
    static func documentationFiles() throws -> [String] {
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs.path)
            .filter { $0.hasSuffix(".md") }
            .sorted()
            .map { "docs/" + $0 }
        return ["README.md"] + pages
    }

    @Test func rulesPageEqualsRulesFormatMarkdown() throws {
        let rules = try Self.page("RULES.md")
        let ws = try Workspace()
        let result = try ws.run("rules", "--format", "markdown")
        try #require(result.status == 0, "\(result)")

        let begin = "<!-- rules:begin -->\n"
        let end = "<!-- rules:end -->"
        guard let start = rules.range(of: begin),
            let stop = rules.range(of: end, range: start.upperBound..<rules.endIndex)
        else {
            Issue.record(
                """
                docs/RULES.md has no section between the lines `<!-- rules:begin -->` and `<!-- rules:end -->`: \
                add the two lines and run `bash scripts/refresh-generated.sh`.
                """)
            return
        }
        let section = String(rules[start.upperBound..<stop.lowerBound])
        if let difference = firstDifference(expected: result.output, actual: section) {
            Issue.record(
                """
                docs/RULES.md's rules section differs from `reserve-verifier rules --format markdown`:
                \(difference)
                Run `bash scripts/refresh-generated.sh` (it writes the command's output between the markers).
                """)
        }
    }

    /// Every code has its row in docs/ERRORS.md, with its name.
    @Test func everyErrorCodeHasItsRowInTheErrorsPage() throws {
        let errors = try Self.page("ERRORS.md")

        let missing = VerifierError.Code.allCases.filter { !errors.contains("| `\($0.rawValue)` | `\($0.name)` |") }

        #expect(
            missing.isEmpty,
            """
            error codes without a row `| \u{60}CODE\u{60} | \u{60}name\u{60} | meaning |` in docs/ERRORS.md: \
            \(missing.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", "))
            """)
    }

    /// Every rule id is in the rules table (generated) and has its reading in docs/READINGS.md.
    @Test func everyRuleIDAppearsInTheRulesAndReadingsPages() throws {
        let rules = try Self.page("RULES.md")
        let readings = try Self.page("READINGS.md")

        let notInRules = RuleID.allCases.map(\.rawValue).filter { !rules.contains("| `\($0)` |") }
        let notInReadings = RuleID.allCases.map(\.rawValue).filter { !readings.contains("`\($0)`") }

        #expect(notInRules.isEmpty, "rule ids without a row in docs/RULES.md: \(notInRules.joined(separator: ", "))")
        #expect(
            notInReadings.isEmpty,
            "rule ids without a reading in docs/READINGS.md: \(notInReadings.joined(separator: ", "))")
    }

    /// The front door keeps its two set-up commands, in one `sh` block.
    @Test func theReadmeKeepsTheTwoSetUpCommands() throws {
        let readme = try Self.text(Self.readme)

        #expect(
            readme.contains(
                """
                ```sh
                swift run reserve-verifier verify attestations/    # the main job, on the shipped samples
                swift test                                         # the tests
                ```
                """))
    }

    /// Every subcommand the binary has is in the README's command table and in docs/CLI.md, and
    /// neither names a subcommand the binary does not have.
    @Test func everyCommandIsDocumentedAndEveryDocumentedCommandExists() throws {
        let ws = try Workspace()
        let result = try ws.run("--help")
        try #require(result.status == 0, "\(result)")
        let subcommands = Self.subcommands(inHelp: result.output)
        try #require(
            subcommands.count >= 10,
            "could not read the subcommands from `reserve-verifier --help`:\n\(result.output)")

        for file in ["README.md", "docs/CLI.md"] {
            let text = try Self.text(packageRoot.appendingPathComponent(file))
            let table = try #require(Self.section("## Commands", of: text), "\(file) has no `## Commands` section")
            let rows = table.split(separator: "\n").filter { $0.hasPrefix("| `") }
            let documented = Set(
                rows.flatMap { row in
                    // The first cell: `verify PATH...`, `status`, `history`: each command's first word.
                    let cell = row.dropFirst(2).prefix { $0 != "|" }
                    return cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                        .filter { $0.offset % 2 == 1 }
                        .compactMap { $0.element.split(separator: " ").first.map(String.init) }
                })
            let missing = subcommands.filter { !documented.contains($0) }
            let unknown = documented.subtracting(subcommands).sorted()
            #expect(missing.isEmpty, "\(file)'s command table lacks: \(missing.joined(separator: ", "))")
            #expect(
                unknown.isEmpty,
                "\(file)'s command table names commands the binary lacks: \(unknown.joined(separator: ", "))")
        }
    }

    /// Every relative link (and image) in README.md and docs/*.md points at a file that exists,
    /// and a `#fragment` into a Markdown page at one of its headings.
    @Test func everyRelativeLinkResolves() throws {
        var broken: [String] = []
        for file in try Self.documentationFiles() {
            let base = packageRoot.appendingPathComponent(file).deletingLastPathComponent()
            for target in Self.links(in: try Self.text(packageRoot.appendingPathComponent(file))) {
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    .map(String.init)
                let path = parts[0]
                let fragment = parts.count > 1 ? parts[1] : nil
                let url = path.isEmpty ? packageRoot.appendingPathComponent(file) : base.appendingPathComponent(path)
                guard FileManager.default.fileExists(atPath: url.standardizedFileURL.path) else {
                    broken.append("\(file): \(target) (no file \(url.standardizedFileURL.path))")
                    continue
                }
                if let fragment, url.pathExtension == "md" {
                    let anchors = Self.anchors(in: try Self.text(url))
                    if !anchors.contains(fragment) {
                        broken.append("\(file): \(target) (no heading with anchor #\(fragment))")
                    }
                }
            }
        }
        #expect(broken.isEmpty, "broken links:\n\(broken.joined(separator: "\n"))")
    }

    @Test func theLinkCheckerReadsLinksAndAnchorsAsGitHubDoes() {
        let text = """
            See [a](docs/A.md#the-coin-dossier-report) and ![pic](images/x.png).
            ```
            [not a link](inside-a-code-block.md)
            ```
            ## The coin dossier: `report`
            ### Timestamps (RFC 3161)
            """
        #expect(Self.links(in: text) == ["docs/A.md#the-coin-dossier-report", "images/x.png"])
        #expect(Self.anchors(in: text) == ["the-coin-dossier-report", "timestamps-rfc-3161"])
    }

    // MARK: Reading Markdown

    /// The text from `heading` to the next heading of the same or a higher level.
    static func section(_ heading: String, of text: String) -> String? {
        guard let start = text.range(of: "\n" + heading + "\n") else { return nil }
        let level = heading.prefix { $0 == "#" }.count
        var body: [Substring] = []
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let hashes = line.prefix { $0 == "#" }.count
            if hashes > 0, hashes <= level, line.dropFirst(hashes).hasPrefix(" ") { break }
            body.append(line)
        }
        return body.joined(separator: "\n")
    }

    /// Link and image targets outside fenced code blocks: `[text](target)`, `![alt](target)`.
    static func links(in text: String) -> [String] {
        var targets: [String] = []
        for line in proseLines(text) {
            var rest = line[...]
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                let target = after[..<close].split(separator: " ").first.map(String.init) ?? ""
                if !target.isEmpty { targets.append(target) }
                rest = after[close...]
            }
        }
        return targets
    }

    /// The anchors GitHub gives a page's headings: lowercased, punctuation other than `-` and `_`
    /// dropped, spaces as `-`; a repeated heading gets `-1`, `-2`...
    static func anchors(in text: String) -> [String] {
        var seen: [String: Int] = [:]
        var anchors: [String] = []
        for line in proseLines(text) where line.hasPrefix("#") {
            let hashes = line.prefix { $0 == "#" }.count
            guard hashes <= 6, line.dropFirst(hashes).hasPrefix(" ") else { continue }
            let title = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces).lowercased()
            let slug = String(
                title.compactMap { c -> Character? in
                    if c == " " { return "-" }
                    return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
                })
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.append(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    static func proseLines(_ text: String) -> [Substring] {
        var inFence = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                return false
            }
            return !inFence
        }
    }

    /// The names under `SUBCOMMANDS:` in swift-argument-parser's help.
    static func subcommands(inHelp help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { break }
            if let name = line.split(separator: " ").first, line.dropFirst(2).first != " ", name != "help" {
                names.append(String(name))
            }
        }
        return names
    }
}
