import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveReport
import ReserveStore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write each coin's dossier for a credit committee: one self-contained HTML page (and a PDF with --pdf).",
        discussion: """
            Each input is verified and evaluated as `verify --no-record` would (nothing is recorded); the coin's \
            history, the evaluation's row, the chain head and the latest checkpoint come from the ledger when it \
            exists. Files are \
            named <attestationId>.html (and .pdf) in --out. --pdf prints through headless Chromium (--chromium PATH, \
            $CHROMIUM, else chromium or chromium-browser on PATH).
            """)

    @Argument(help: "Envelope files or folders.", completion: .file())
    var paths: [String]

    @Option(help: "The folder the dossiers are written to (created when missing).", completion: .directory)
    var out: String

    @OptionGroup var trustStore: KeysOption
    var keys: String { trustStore.keys }

    @OptionGroup var profile: ProfileOption

    @OptionGroup var database: DatabaseOption

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @OptionGroup var bank: BankPositionOptions

    @Flag(help: "Also print each dossier to PDF (A4) with headless Chromium.")
    var pdf = false

    @Option(help: "The Chromium (or Chrome) executable for --pdf.", completion: .file())
    var chromium: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one envelope file or folder") }
    }

    func run() throws {
        try runLedgerCommand { () throws(VerifierError) in
            let time = at ?? Clock.now()
            let store = try TrustStoreLoader.load(keys)
            let inputs = try Inputs.collect(paths)
            let browser = pdf ? try Self.locateChromium(chromium) : nil
            let provider = OpenSSLProvider()
            let ledger = try openLedger()
            let verifier = AttestationVerifier(store: store, provider: provider)
            let evaluator = Evaluator(profile: try profile.resolved().profile, position: bank.position)
            let tool = "reserve-verifier \(ReserveVerifier.version)"
            var pages: [(String, String)] = []
            var used: [String: Int] = [:]
            for loaded in VerifyPipeline.load(inputs, limit: DecodingLimits.default.maxBytes, hasher: provider) {
                let checked = VerifyPipeline.check(
                    loaded, verifier: verifier, evaluator: evaluator, at: time, firstSeen: nil)
                let assessment: Assessment
                switch checked.outcome {
                case .success(let value): assessment = value
                case .failure(let error):
                    throw VerifierError(error.code, "\(loaded.source): \(error.message)", detail: error.detail)
                }
                let evaluation = evaluator.decide(assessment, history: .unrecorded)
                let a = assessment.verified.attestation
                let html = try DossierPages.html(
                    try DossierPages.dossier(
                        assessment.verified, evaluation, source: loaded.source, envelopeSHA256: loaded.sha256 ?? "",
                        store: store, ledger: ledger, ledgerPath: database.path, hasher: provider, tool: tool, at: time)
                )
                let count = (used[a.attestationId] ?? 0) + 1
                used[a.attestationId] = count
                pages.append((count == 1 ? a.attestationId : "\(a.attestationId)-\(count)", html))
            }
            try Self.makeFolder(out)
            // Every page (and PDF) is made in a scratch folder inside --out first, then moved into
            // place: a browser that fails midway leaves nothing behind.
            let scratch = (out as NSString).appendingPathComponent(".report-\(getpid())")
            try Self.makeFolder(scratch)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var made: [String] = []
            for (name, html) in pages {
                let page = (scratch as NSString).appendingPathComponent(name + ".html")
                try Files.writeAtomically(Array(html.utf8), to: page)
                made.append(name + ".html")
                if let browser {
                    let pdf = (scratch as NSString).appendingPathComponent(name + ".pdf")
                    try Self.printPDF(browser, html: page, to: pdf)
                    made.append(name + ".pdf")
                }
            }
            for file in made {
                let target = (out as NSString).appendingPathComponent(file)
                if rename((scratch as NSString).appendingPathComponent(file), target) != 0 {
                    let reason = String(cString: strerror(errno))
                    throw VerifierError(.unreadableInput, "\(target) could not be written: \(reason)")
                }
                Console.out("\(target)\n")
            }
            return 0
        }
    }

    /// The ledger, read only, when it exists; a --db that does not exist is an error.
    private func openLedger() throws(VerifierError) -> Ledger? {
        guard Files.exists(database.path) else {
            if database.db != nil { throw VerifierError(.unreadableInput, "\(database.path): no such ledger") }
            return nil
        }
        return try database.openForReading()
    }

    static func makeFolder(_ path: String) throws(VerifierError) {
        guard !Files.isDirectory(path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw VerifierError(
                .unreadableInput, "\(path): the output folder could not be created: \(error.localizedDescription)")
        }
    }

    static func locateChromium(_ explicit: String?) throws(VerifierError) -> URL {
        if let path = explicit ?? ProcessInfo.processInfo.environment["CHROMIUM"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw VerifierError(.invalidConfiguration, "\(path) is not an executable Chromium")
            }
            return URL(fileURLWithPath: path)
        }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return URL(fileURLWithPath: "\(folder)/\(name)")
            }
        }
        throw VerifierError(
            .invalidConfiguration,
            "--pdf needs headless Chromium: install it (Debian: apt-get install chromium) or pass --chromium PATH")
    }

    /// Prints `html` to an A4 PDF at `target` (written through a temporary file, then renamed).
    static func printPDF(_ browser: URL, html: String, to target: String) throws(VerifierError) {
        let source = URL(fileURLWithPath: html).standardizedFileURL
        let temp = URL(fileURLWithPath: target).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: target).lastPathComponent).\(getpid()).tmp")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reserve-verifier-chromium-\(getpid())")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = [
            "--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(profile.path)",
            "--print-to-pdf=\(temp.path)", source.absoluteString,
        ]
        // Chromium refuses to run as root with its sandbox; the page is our own and holds no script.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let process = Process()
        process.executableURL = browser
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw VerifierError(
                .invalidConfiguration, "\(browser.path) could not be started: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let size = try? FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int,
            size > 0
        else {
            try? FileManager.default.removeItem(at: temp)
            throw VerifierError(
                .invalidConfiguration,
                "\(browser.path) did not print \(html) to PDF (exit \(process.terminationStatus))")
        }
        if rename(temp.path, target) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw VerifierError(.unreadableInput, "\(target) could not be written")
        }
    }
}
