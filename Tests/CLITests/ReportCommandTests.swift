import Foundation
import ReserveCore
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Issue 14, part 1: `report`, the coin dossier, rendered from the shipped samples; printed to PDF
/// through headless Chromium and read back with pdftotext.
@Suite struct ReportCommandTests {
    static let at = "2026-11-22T00:00:00Z"
    static let titles = [
        "Reserves by asset class", "Reserves by currency", "Reserves by custodian or counterparty",
        "Reserves by residual maturity", "Coverage and worst stressed coverage over time",
    ]

    static let hasBrowser =
        executableOnPath("chromium") != nil && executableOnPath("pdftotext") != nil
        && executableOnPath("pdfinfo") != nil && executableOnPath("pdftoppm") != nil

    /// The samples recorded twice (two evaluations each: a history), then every sample's dossier.
    func dossiers(_ extra: [String] = []) throws -> (Workspace, RunResult) {
        let ws = try Workspace([.attestations, .keys])
        _ = try ws.run("verify", "attestations", "--at", "2026-11-21T00:00:00Z")
        // A later look: the unchanged attestations are judged again and are stale by then.
        _ = try ws.run("verify", "attestations", "--at", "2027-01-01T00:00:00Z")
        let run = try ws.run(arguments: ["report", "attestations", "--out", "dossiers", "--at", Self.at] + extra)
        return (ws, run)
    }

    /// A page's lines: an assertion compares a whole line the template writes, not a fragment of it.
    func lines(_ html: String) -> [String] { html.components(separatedBy: "\n") }

    /// The SVG documents inside an HTML page.
    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map {
            "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
        }
    }

    /// The rule ids of the attestation's findings, from `verify --format json` (the dossier's contract).
    func ruleIDs(_ ws: Workspace, _ input: String) throws -> [String] {
        let report = try ws.run("verify", input, "--at", Self.at, "--no-record", "--format", "json").json()
        return (report["attestations"]?[0]?["findings"]?.array ?? []).compactMap { $0["rule"]?.string }
    }

    @Test func everySampleGetsASelfContainedDossierWithTheVerdictEveryRuleAndWellFormedCharts() throws {
        let (ws, run) = try dossiers()
        #expect(run.status == 0, "\(run)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: ws.path("dossiers")).filter {
            $0.hasSuffix(".html")
        }
        #expect(pages.count == 6, "\(pages)")
        let harbor = String(decoding: try ws.read("dossiers/harbor-usd-2026-10-31.html"), as: UTF8.self)
        let harborLines = lines(harbor)
        #expect(harborLines.contains("<strong>NOT ELIGIBLE: Group 2b</strong> under bcbs@2026-01-01<br>"))
        #expect(harborLines.contains("Blocked by: CC3-PERMISSIONLESS, CC4-ENTITIES<br>"))
        let kizuna = String(decoding: try ws.read("dossiers/kizuna-yen-2026-10-31.html"), as: UTF8.self)
        let kizunaLines = lines(kizuna)
        #expect(kizunaLines.contains("<strong>ELIGIBLE: Group 1b</strong> under bcbs@2026-01-01<br>"))
        // Margins and sources are text for people, never raw JSON.
        #expect(
            kizunaLines.contains(
                "<td>net reserves 30,150,000,000 cover 30,000,000,000 at peg: coverage 100.50%</td>"
                    + "<td>coverage margin 150,000,000 (0.50% of the peg value)</td>"),
            "the margin text is missing")
        #expect(!kizuna.contains("{&quot;") && !kizuna.contains("{\"fraction"), "a margin or source printed as JSON")
        #expect(
            kizunaLines.contains(
                "<td>basel-text: BCBS SCO60 (July 2024 amendments, in force 1 Jan 2026), classification condition 1, "
                    + "redemption risk test: reserves in the peg currency (unconfirmed)</td><td>computed</td></tr>"),
            "the source is missing")
        for rule in try ruleIDs(ws, "attestations/harbor-usd/harbor-usd-2026-10.jws") {
            #expect(harbor.contains("<b class=\"rule\">\(rule)</b>"), "\(rule) is missing from the dossier")
        }
        for name in pages {
            let html = String(decoding: try ws.read("dossiers/\(name)"), as: UTF8.self)
            // Self-contained: no script, nothing loaded from elsewhere.
            #expect(!html.lowercased().contains("<script"), "\(name)")
            #expect(!html.contains(" src="), "\(name)")
            #expect(!html.contains("<link"), "\(name)")
            #expect(!html.contains("url("), "\(name)")
            let charts = svgs(html)
            // Each chart titled, in the page's order.
            let chartTitles = charts.map {
                $0.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>")[0]
            }
            #expect(chartTitles == Self.titles, "\(name)")
            for svg in charts {
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(
                    parser.parse(),
                    "\(name): an SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
            }
        }
        // History from the ledger, with the verdict change (1b, then 2b once stale) marked on the chart.
        #expect(
            kizuna.contains(##"<text x="261" y="42" fill="#8e44ad">→ 2b</text>"##), "the verdict change is not marked")
        // The history table's verdicts, newest first.
        let verdicts = kizunaLines.filter { $0 == "<td>not eligible 2b</td>" || $0 == "<td>eligible 1b</td>" }
        #expect(
            verdicts == [
                "<td>not eligible 2b</td>", "<td>not eligible 2b</td>", "<td>not eligible 2b</td>",
                "<td>eligible 1b</td>",
            ], "\(verdicts)")
        // The stress table, scenario by scenario, and the market loss line by line.
        #expect(
            harborLines.contains(
                "<tr><td>counterparty-default</td><td>0</td><td>5,038,000,000</td><td>100.76%</td>"))
        #expect(harborLines.contains("<h3>Market scenario: loss by reserve line</h3>"))
        #expect(
            harborLines.contains(
                "<tr><td>tbill-2027-01-28</td><td>sovereign-bill</td><td>3,500,000,000</td><td>17,068,493.15</td>"
                    + "</tr>"),
            "\(harbor)")
        // When the signing keys were judged.
        #expect(
            harborLines.contains(
                "<p>Keys judged at 2026-11-22T00:00:00Z (evaluation-time: the earliest time the verifier can prove the")
        )
        // Where it sits in the ledger: the chain head, after the coin's 12 evaluations.
        let head = harborLines.filter { $0.hasPrefix("<dt>Chain head</dt>") }
        #expect(
            head.count == 1
                && head[0].wholeMatch(of: #/<dt>Chain head</dt><dd class="mono">12 evaluations, [0-9a-f]{64}</dd>/#)
                    != nil,
            "\(head)")
        // Deterministic: the same page again.
        let again = try ws.run("report", "attestations/harbor-usd", "--out", "again", "--at", Self.at)
        #expect(again.status == 0, "\(again)")
        #expect(try ws.read("again/harbor-usd-2026-10-31.html") == (try ws.read("dossiers/harbor-usd-2026-10-31.html")))
    }

    @Test func theBanksFiguresGiveTheCapitalConsequence() throws {
        let ws = try Workspace([.attestations, .keys])
        let run = try ws.run(
            "report", "attestations/harbor-usd", "--out", "d", "--at", Self.at, "--exposure", "1000000",
            "--tier1-capital", "500000000")
        #expect(run.status == 0, "\(run)")
        let html = String(decoding: try ws.read("d/harbor-usd-2026-10-31.html"), as: UTF8.self)
        let verify = try ws.run(
            "verify", "attestations/harbor-usd", "--at", Self.at, "--no-record", "--format", "json",
            "--exposure", "1000000", "--tier1-capital", "500000000"
        ).json()
        let rw = verify["attestations"]?[0]?["findings"]?.array?.first { $0["rule"]?.string == "G2B-RW" }
        let message = try #require(rw?["message"]?.string)
        #expect(
            message == "Group 2b: risk-weighted assets 12,500,000 (1,250%), capital 1,000,000, equal to the exposure")
        #expect(lines(html).contains("Capital: \(message) (G2B-RW)"), "\(message)")
        for bad in [["--exposure", "1e6"], ["--tier1-capital", "5"]] {
            let refused = try ws.run(arguments: ["report", "attestations/harbor-usd", "--out", "e"] + bad)
            #expect(refused.status == 64, "\(bad): \(refused)")
        }
    }

    @Test func signaturesShowKeyValidityAndTheEnvelopesRFC3161Timestamp() throws {
        let ws = try Workspace([.attestations, .keys])
        let envelope = "attestations/sakura-pay/sakura-pay-2026-10.dsse.json"
        let tsa = try TestTSA.make(name: "test-tsa")
        try ws.write(tsa.certificatePEM, to: "keys/_tsa/test-tsa.pem")
        try ws.openssl("x509", "-in", "keys/_tsa/test-tsa.pem", "-outform", "DER", "-out", "tsa.der")
        let digest = String(
            String(decoding: try ws.openssl("dgst", "-sha256", "-r", "tsa.der"), as: UTF8.self).prefix(64))
        try ws.write(
            #"{"format": "reserve-tsa/1", "authorities": [{"name": "test-tsa", "file": "test-tsa.pem", "#
                + #""sha256": "\#(digest)"}]}"#, to: "keys/_tsa/tsa.json")
        try ws.write(
            try tsa.token(over: EnvelopeReader().open(try ws.read(envelope)).timestampedBytes), to: envelope + ".tsr")
        let run = try ws.run("report", envelope, "--out", "d", "--at", Self.at)
        #expect(run.status == 0, "\(run)")
        let html = String(decoding: try ws.read("d/sakura-pay-2026-10-31.html"), as: UTF8.self)
        let htmlLines = lines(html)
        #expect(htmlLines.contains("<th>Key validity</th><th>Status</th></tr></thead>"))
        #expect(htmlLines.contains("<td>from 2026-01-01T00:00:00Z, until 2027-12-31T23:59:59Z</td>"), "\(html)")
        // The token's time is the test TSA's clock when it signed (now), so that part is a pattern.
        let stamp = htmlLines.filter { $0.hasPrefix("signatures existed). RFC 3161 timestamp: ") }
        #expect(
            stamp.count == 1
                && stamp[0].wholeMatch(
                    of:
                        #/signatures existed\). RFC 3161 timestamp: valid, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by test-tsa\.</p>/#
                )
                    != nil,
            "\(stamp)")
        let plain = try ws.run("report", "attestations/kizuna-yen", "--out", "e", "--at", Self.at)
        #expect(plain.status == 0, "\(plain)")
        let other = String(decoding: try ws.read("e/kizuna-yen-2026-10-31.html"), as: UTF8.self)
        #expect(lines(other).contains("signatures existed). RFC 3161 timestamp: none came with the envelope.</p>"))
    }

    @Test func withoutALedgerTheDossierSaysSo() throws {
        let ws = try Workspace([.attestations, .keys])
        let run = try ws.run("report", "attestations/kizuna-yen", "--out", "d", "--at", Self.at)
        #expect(run.status == 0, "\(run)")
        let html = String(decoding: try ws.read("d/kizuna-yen-2026-10-31.html"), as: UTF8.self)
        #expect(lines(html).contains("<p>No ledger was read for this dossier.</p>"))
        #expect(lines(html).contains("<p>No evaluation of this coin in the ledger.</p>"))
        #expect(!ws.exists("reserve-verifier.sqlite"), "report records nothing")
    }

    @Test(.enabled(if: hasBrowser, "chromium and poppler-utils (pdftotext, pdfinfo, pdftoppm) are needed"))
    func chromiumPrintsTheDossierToAPDFWhoseTextHoldsTheVerdictEveryRuleAndTheChartTitles() throws {
        let (ws, run) = try dossiers(["--pdf"])
        #expect(run.status == 0, "\(run)")
        let pdf = ws.path("dossiers/harbor-usd-2026-10-31.pdf")
        let text = try runProgram(try #require(executableOnPath("pdftotext")), [pdf, "-"], in: ws.url)
        #expect(text.status == 0, "\(text)")
        // Chromium lays the page out and pdftotext extracts it (line breaks and spacing are theirs,
        // not ours), so the text is searched for what the page says, not compared line by line.
        #expect(text.output.contains("NOT ELIGIBLE: Group 2b"), "\(text.output.prefix(500))")
        for rule in try ruleIDs(ws, "attestations/harbor-usd/harbor-usd-2026-10.jws") {
            #expect(text.output.contains(rule), "\(rule) is not in the PDF's text")
        }
        for title in Self.titles { #expect(text.output.contains(title), "\(title) is not in the PDF's text") }
        // A4, and more than one page (findings, stress, charts, history, signatures).
        let info = try runProgram(try #require(executableOnPath("pdfinfo")), [pdf], in: ws.url)
        // pdfinfo's page-size line (points, then the name) is poppler's wording.
        #expect(info.output.contains("(A4)"), "\(info)")
        let pageLine = info.output.components(separatedBy: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        let pages = Int(pageLine.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
        #expect((2...14).contains(pages), "\(info)")
        // The first page is not blank: render it and count dark pixels.
        _ = try runProgram(
            try #require(executableOnPath("pdftoppm")), ["-r", "50", "-f", "1", "-l", "1", pdf, "page"],
            in: ws.url)
        let ppm = try ws.read(
            try FileManager.default.contentsOfDirectory(atPath: ws.url.path)
                .first { $0.hasPrefix("page") && $0.hasSuffix(".ppm") } ?? "page-1.ppm")
        let dark = ppm.dropFirst(64).filter { $0 < 200 }.count
        #expect(dark > 5_000, "the first page looks blank (\(dark) non-white bytes)")

        // A screenshot of the page, as a person would see it in a browser.
        let shot = try runProgram(
            try #require(executableOnPath("chromium")),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(ws.path("shot.png"))",
                "--window-size=900,1200",
                "--user-data-dir=\(ws.path("chromium-profile"))",
                URL(fileURLWithPath: ws.path("dossiers/kizuna-yen-2026-10-31.html")).absoluteString,
            ], in: ws.url)
        #expect(shot.status == 0, "\(shot)")
        let png = try ws.read("shot.png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "the screenshot is suspiciously small (\(png.count) bytes): blank?")
    }

    @Test func errorsAreReportedAndNothingIsWritten() throws {
        let ws = try Workspace([.attestations, .keys])
        let noOut = try ws.run("report", "attestations/kizuna-yen")
        #expect(noOut.status == 64, "\(noOut)")
        let missing = try ws.run("report", "nothing.json", "--out", "d", "--at", Self.at)
        #expect(missing.status == 2)
        #expect(
            missing.reportedError
                == ReportedError(
                    code: "E001", name: "unreadable-input", message: "nothing.json: no such file or folder"),
            "\(missing)")
        let noLedger = try ws.run(
            "report", "attestations/kizuna-yen", "--out", "d", "--db", "none.sqlite", "--at", Self.at)
        #expect(noLedger.status == 2)
        #expect(
            noLedger.reportedError
                == ReportedError(code: "E001", name: "unreadable-input", message: "none.sqlite: no such ledger"),
            "\(noLedger)")
        let noBrowser = try ws.run(
            "report", "attestations/kizuna-yen", "--out", "d", "--pdf", "--chromium", "/nonexistent/chromium",
            "--at", Self.at)
        #expect(noBrowser.status == 2)
        #expect(
            noBrowser.reportedError
                == ReportedError(
                    code: "E060", name: "invalid-configuration",
                    message: "/nonexistent/chromium is not an executable Chromium"), "\(noBrowser)")
        // A browser that fails: E060 naming it, and no PDF is left behind.
        let failing = try ws.run(
            "report", "attestations/kizuna-yen", "--out", "f", "--pdf", "--chromium", "/bin/false", "--at", Self.at)
        #expect(failing.status == 2)
        #expect(
            failing.reportedError?.code == "E060" && failing.reportedError?.name == "invalid-configuration",
            "\(failing)")
        #expect(failing.reportedError?.message.hasPrefix("/bin/false did not print f/.report-") == true, "\(failing)")
        #expect(!ws.exists("f/kizuna-yen-2026-10-31.pdf"))
        #expect(!ws.exists("f/kizuna-yen-2026-10-31.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path("f")).isEmpty)
        // An output folder that cannot be made (a file is in the way).
        try ws.write("x", to: "blocked")
        let blocked = try ws.run("report", "attestations/kizuna-yen", "--out", "blocked/d", "--at", Self.at)
        #expect(blocked.status == 2)
        #expect(
            blocked.reportedError?.code == "E001" && blocked.reportedError?.name == "unreadable-input", "\(blocked)")
        #expect(
            blocked.reportedError?.message.hasPrefix("blocked/d: the output folder could not be created: ") == true,
            "\(blocked)")
        // One bad input among good ones: nothing is written at all.
        try ws.write("{", to: "in/a-broken.json")
        try FileManager.default.copyItem(atPath: ws.path("attestations/kizuna-yen"), toPath: ws.path("in/kizuna"))
        let broken = try ws.run("report", "in", "--out", "d", "--at", Self.at)
        #expect(broken.status == 2)
        #expect(
            broken.reportedError
                == ReportedError(
                    code: "E003", name: "malformed-json",
                    message:
                        "in/a-broken.json: malformed JSON at line 1, column 2, byte 1: expected a string key, found "
                        + "end of input"
                ), "\(broken)")
        #expect(!ws.exists("d"))
    }
}
