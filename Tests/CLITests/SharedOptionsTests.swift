import Foundation
import ReserveCore
import TestSupport
import Testing

/// One voice across commands: the shared options (`--format`, `--quiet`, `--verbose`, `--keys`,
/// `--db`), their defaults from the environment and from `RESERVE_VERIFIER_CONFIG`, in the order
/// flag > environment variable > configuration file > built-in default.
@Suite struct SharedOptionsTests {
    static let at = "2026-11-22T00:00:00Z"

    /// `status` on a missing ledger names the path it looked at: a probe for which `--db` won.
    func ledgerLookedAt(_ ws: Workspace, _ arguments: [String] = [], environment: [String: String] = [:]) throws
        -> String
    {
        let result = try CLI.run(["status"] + arguments, in: ws.url, environment: environment)
        #expect(result.status == 2, "\(result)")
        guard let range = result.stderr.range(of: "no ledger at ") else {
            Issue.record("no ledger path in \(result)")
            return ""
        }
        return String(result.stderr[range.upperBound...].prefix { $0 != " " })
    }

    @Test func databasePathFollowsFlagThenEnvironmentThenConfigurationThenDefault() throws {
        let ws = try Workspace()
        try ws.write(#"{"db": "from-config.sqlite"}"#, to: "conf/config.json")
        let config = ["RESERVE_VERIFIER_CONFIG": ws.path("conf/config.json")]
        let both = config.merging(["RESERVE_VERIFIER_DB": "from-env.sqlite"]) { a, _ in a }

        #expect(try ledgerLookedAt(ws, ["--db", "from-flag.sqlite"], environment: both) == "from-flag.sqlite")
        #expect(try ledgerLookedAt(ws, environment: both) == "from-env.sqlite")
        // A relative path in the configuration file is relative to the file's folder.
        #expect(try ledgerLookedAt(ws, environment: config) == ws.path("conf/from-config.sqlite"))
        #expect(try ledgerLookedAt(ws) == "reserve-verifier.sqlite")
    }

    @Test func formatComesFromTheConfigurationWhenTheCommandOffersIt() throws {
        let ws = try Workspace()
        try ws.write(#"{"format": "json"}"#, to: "config.json")
        let env = ["RESERVE_VERIFIER_CONFIG": ws.path("config.json")]

        let json = try CLI.run(["rules"], in: ws.url, environment: env)
        #expect(json.status == 0, "\(json)")
        #expect(json.output.hasPrefix("{"), "\(json)")
        let text = try CLI.run(["rules", "--format", "text"], in: ws.url, environment: env)
        #expect(text.output.hasPrefix("bcbs@"), "\(text)")

        // `rules` offers markdown; `keys list` (text, json) does not and stays at its built-in text.
        try ws.write(#"{"format": "markdown"}"#, to: "config.json")
        let rules = try CLI.run(["rules"], in: ws.url, environment: env)
        #expect(rules.output.hasPrefix("Profile `bcbs@"), "\(rules)")
        let keys = try Workspace([.keys])
        let list = try CLI.run(["keys", "list"], in: keys.url, environment: env)
        #expect(list.status == 0, "\(list)")
        #expect(list.output.hasPrefix("harbor-usd"), "\(list)")
    }

    @Test func profileFollowsFlagThenEnvironmentThenConfiguration() throws {
        let ws = try Workspace()
        try ws.write(#"{"profile": "mas"}"#, to: "config.json")
        let config = ["RESERVE_VERIFIER_CONFIG": ws.path("config.json")]

        #expect(try CLI.run(["rules"], in: ws.url, environment: config).output.hasPrefix("mas@"))
        #expect(
            try CLI.run(
                ["rules"], in: ws.url, environment: config.merging(["RESERVE_VERIFIER_PROFILE": "hkma"]) { a, _ in a }
            )
            .output.hasPrefix("hkma@"))
        #expect(
            try CLI.run(
                ["rules", "--profile", "bcbs"], in: ws.url,
                environment: config.merging(["RESERVE_VERIFIER_PROFILE": "hkma"]) { a, _ in a }
            ).output.hasPrefix("bcbs@"))
    }

    @Test func trustStoreComesFromTheConfigurationOnEveryCommandThatReadsIt() throws {
        let ws = try Workspace([.attestations, .keys])
        try FileManager.default.createDirectory(atPath: ws.path("etc"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: ws.path("keys"), toPath: ws.path("etc/trust"))
        try ws.write(#"{"keys": "trust", "db": "ledger.sqlite"}"#, to: "etc/config.json")
        let env = ["RESERVE_VERIFIER_CONFIG": ws.path("etc/config.json")]

        let list = try CLI.run(["keys", "list"], in: ws.url, environment: env)
        #expect(list.status == 0, "\(list)")
        #expect(list.output.contains("kizuna-yen"), "\(list)")
        let verify = try CLI.run(["verify", "attestations/kizuna-yen", "--at", Self.at], in: ws.url, environment: env)
        #expect(verify.status == 0, "\(verify)")
        #expect(ws.exists("etc/ledger.sqlite"), "\(verify)")
        #expect(!ws.exists("reserve-verifier.sqlite"))
        // The flag still wins: an empty trust store knows no issuer.
        try FileManager.default.createDirectory(atPath: ws.path("empty"), withIntermediateDirectories: true)
        let flagged = try CLI.run(
            ["verify", "attestations/kizuna-yen", "--at", Self.at, "--keys", "empty", "--no-record"],
            in: ws.url, environment: env)
        #expect(flagged.status != 0, "\(flagged)")
    }

    @Test(arguments: [
        (
            #"{"db": "x.sqlite", "colour": "blue"}"#, "E005",
            "unknown key 'colour' (known keys: keys, db, profile, policy, format)"
        ),
        (#"{"db": 7}"#, "E007", "'db' must be a string, not number"),
        // The shared strict check of the keys comes before any value's check.
        (
            #"{"db": 7, "colour": "blue"}"#, "E005",
            "unknown key 'colour' (known keys: keys, db, profile, policy, format)"
        ),
        (#"{"profile": "fed"}"#, "E008", "'profile' is 'fed', not one of bcbs, hkma, mas"),
        (#"{"format": "yaml"}"#, "E008", "'format' is 'yaml', not one of text, json, csv, markdown"),
        (#"{"keys": ""}"#, "E008", "'keys' must not be empty"),
        (#"["keys"]"#, "E007", "the configuration must be a JSON object, not array"),
        (#"{"db": "a", "db": "b"}"#, "E004", #"duplicate key "db" at db (line 1, column 13, byte 12)"#),
        (#"{"db": "#, "E003", "malformed JSON at line 1, column 8, byte 7: unexpected end of input, expected a value"),
        (#"{"keys": "a\u0007b"}"#, "E008", "'keys' contains a control or bidirectional-override character"),
        (#"{"db": "a\u0000"}"#, "E008", "'db' contains a control or bidirectional-override character"),
        (#"{"policy": "a\u0085b"}"#, "E008", "'policy' contains a control or bidirectional-override character"),
        (#"{"keys": "a\u202Eb"}"#, "E008", "'keys' contains a control or bidirectional-override character"),
        (
            #"{"keys": ""# + String(repeating: "k", count: 5000) + #""}"#, "E008",
            "'keys' is a string of 5000 bytes, longer than the limit of 4096"
        ),
        (
            #"{"db": ""# + String(repeating: "d", count: 4097) + #""}"#, "E008",
            "'db' is a string of 4097 bytes, longer than the limit of 4096"
        ),
    ])
    func badConfigurationStopsEveryCommandWithAPreciseError(text: String, code: String, message: String) throws {
        let ws = try Workspace()
        try ws.write(text, to: "config.json")
        let result = try CLI.run(
            ["rules"], in: ws.url, environment: ["RESERVE_VERIFIER_CONFIG": ws.path("config.json")])

        #expect(result.status == 2, "\(result)")
        #expect(result.reportedError?.code == code, "\(result)")
        #expect(
            result.reportedError?.message == ws.path("config.json") + " (RESERVE_VERIFIER_CONFIG): " + message,
            "\(result)")
        #expect(result.output.isEmpty, "\(result)")
    }

    /// A value of exactly `ReaderLimits.configFile.maxStringBytes` bytes, printable, is accepted.
    @Test func configurationValueAtTheStringLimitIsAccepted() throws {
        let ws = try Workspace()
        let db = "/" + String(repeating: "d", count: ReaderLimits.configFile.maxStringBytes - 1)
        try ws.write(#"{"db": ""# + db + #"", "profile": "mas"}"#, to: "config.json")
        let result = try CLI.run(
            ["rules"], in: ws.url, environment: ["RESERVE_VERIFIER_CONFIG": ws.path("config.json")])

        #expect(result.status == 0, "\(result)")
        #expect(result.output.hasPrefix("mas@"), "\(result)")
    }

    @Test func missingConfigurationFileIsE001NamingTheVariable() throws {
        let ws = try Workspace()
        let result = try CLI.run(
            ["status"], in: ws.url, environment: ["RESERVE_VERIFIER_CONFIG": ws.path("nowhere.json")])

        #expect(result.status == 2, "\(result)")
        #expect(
            result.reportedError
                == ReportedError(
                    code: "E001", name: "unreadable-input",
                    message: "RESERVE_VERIFIER_CONFIG: \(ws.path("nowhere.json")): No such file or directory"),
            "\(result)")
    }

    @Test func helpAndVersionStillAnswerWithABadConfiguration() throws {
        let ws = try Workspace()
        try ws.write(#"{"nope": "x"}"#, to: "config.json")
        let env = ["RESERVE_VERIFIER_CONFIG": ws.path("config.json")]

        #expect(try CLI.run(["--version"], in: ws.url, environment: env).status == 0)
        #expect(try CLI.run(["status", "--help"], in: ws.url, environment: env).status == 0)
    }

    @Test func firstVerifyThatCreatesTheLedgerSaysSoOnceAndNotWhenQuiet() throws {
        let ws = try Workspace([.attestations, .keys])

        let first = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at)
        #expect(first.status == 0, "\(first)")
        #expect(
            first.stderr
                == "note: created a new ledger reserve-verifier.sqlite (choose another with --db or "
                + "RESERVE_VERIFIER_DB; --no-record keeps none)\n",
            "\(first)")
        let second = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at)
        #expect(second.stderr.isEmpty, "\(second)")

        let quiet = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at, "--quiet", "--db", "other.sqlite")
        #expect(quiet.status == 0, "\(quiet)")
        #expect(quiet.stderr.isEmpty, "\(quiet)")
        #expect(ws.exists("other.sqlite"))
        // Stdout is the same with and without the note.
        #expect(quiet.stdout == second.stdout || quiet.output.contains("ELIGIBLE"), "\(quiet)")

        let unrecorded = try Workspace([.attestations, .keys]).run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--no-record")
        #expect(unrecorded.stderr.isEmpty, "\(unrecorded)")

        // The note that records were signed is a note too.
        try ws.openssl("genpkey", "-algorithm", "ed25519", "-out", "verifier.pem")
        let records = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--sign-with", "verifier.pem",
            "--record-out", "records", "--quiet")
        #expect(records.status == 0, "\(records)")
        #expect(records.stderr.isEmpty, "\(records)")
        #expect(ws.exists("records/kizuna-yen-2026-10-31.record.json"))
    }

    /// Every command that prints or can fail takes --quiet and --verbose; those that print results take --format.
    @Test(arguments: [
        (["verify"], true), (["watch"], false), (["status"], true), (["history"], true), (["reevaluate"], true),
        (["ledger", "verify"], false), (["ledger", "checkpoint"], false), (["ledger", "withdraw"], false),
        (["keys", "add"], false), (["keys", "revoke"], false), (["keys", "require"], false), (["keys", "list"], true),
        (["lint"], true), (["sign"], false), (["rules"], true), (["policy", "lint"], false),
        (["record", "sign"], false), (["record", "verify"], true), (["diff"], true), (["report"], false),
    ])
    func sharedOptionsAreOnEveryCommand(command: [String], hasFormat: Bool) throws {
        let ws = try Workspace()
        let help = try CLI.run(command + ["--help"], in: ws.url)

        #expect(help.status == 0, "\(help)")
        #expect(help.output.contains("--quiet"), "\(command)")
        #expect(help.output.contains("--verbose"), "\(command)")
        #expect(help.output.contains("--format") == hasFormat, "\(command)")
    }

    @Test func quietAndVerboseExcludeEachOther() throws {
        let result = try Workspace().run("status", "--quiet", "--verbose")
        #expect(result.status == 64, "\(result)")
        #expect(
            result.stderr.split(separator: "\n").first == "Error: --quiet and --verbose exclude each other", "\(result)"
        )
    }

    /// The man page is swift-argument-parser's (scripts/generate-manual.sh; `--check` in CI proves
    /// it current): here, that it is committed and documents every command and the defaults.
    @Test func theManPageDocumentsEveryCommandAndTheConfiguration() throws {
        let page = String(
            decoding: try Data(contentsOf: packageRoot.appendingPathComponent("docs/man/reserve-verifier.1")),
            as: UTF8.self)

        #expect(page.hasPrefix(".\\\" \"Generated by swift-argument-parser\""))
        for command in [
            "verify", "watch", "status", "history", "reevaluate", "ledger", "keys", "lint", "sign", "schema", "rules",
            "policy", "record", "diff", "report",
        ] {
            #expect(page.contains(".It Em \(command)"), "\(command) is missing from the man page")
        }
        #expect(page.contains("RESERVE_VERIFIER_CONFIG"))
        #expect(page.contains("Fl -quiet"))
    }

    /// Options that are strings with a meaning are parsed once, as the command line is read: a bad
    /// value is a usage error (64) that names the option and, where they are few, the values.
    @Test(arguments: [
        (
            ["rules", "--profile", "fed"],
            "'fed' is invalid for '--profile <profile>'. Please provide one of 'bcbs', 'hkma' or 'mas'."
        ),
        (["verify", "x.json", "--exposure", "1e6"], "'1e6' is invalid for '--exposure <exposure>'"),
        (
            ["verify", "x.json", "--exposure", "10", "--tier1-capital", "1,000"],
            "'1,000' is invalid for '--tier1-capital <tier1-capital>'"
        ),
        (
            ["keys", "add", "--issuer", "a", "--role", "issuer", "--algorithm", "rsa", "k.pem"],
            "'rsa' is invalid for '--algorithm <algorithm>'. Please provide one of 'ed25519', 'ecdsa-p256-sha256', "
                + "'ecdsa-p384-sha384', 'rsa-pss-sha256' or 'rsa-pkcs1-sha256'."
        ),
        (
            ["sign", "--key", "k.pem", "--algorithm", "md5", "x.json"],
            "'md5' is invalid for '--algorithm <algorithm>'. Please provide one of 'ed25519', 'ecdsa-p256-sha256', "
                + "'ecdsa-p384-sha384', 'rsa-pss-sha256' or 'rsa-pkcs1-sha256'."
        ),
        (
            ["status", "--format", "csv"],
            "'csv' is invalid for '--format <format>'. Please provide one of 'text' and 'json'."
        ),
    ])
    func typedOptionsRefuseABadValueAsAUsageError(arguments: [String], message: String) throws {
        let result = try Workspace().run(arguments: arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.split(separator: "\n").first == "Error: The value \(message)", "\(result)")
    }

    @Test func aBadProfileInTheEnvironmentIsAUsageErrorNamingTheVariable() throws {
        let ws = try Workspace()
        let result = try CLI.run(["rules"], in: ws.url, environment: ["RESERVE_VERIFIER_PROFILE": "fed"])
        #expect(result.status == 64, "\(result)")
        #expect(
            result.stderr.split(separator: "\n").first
                == "Error: unknown profile 'fed' in RESERVE_VERIFIER_PROFILE (use bcbs, hkma, mas)", "\(result)")
    }
}
