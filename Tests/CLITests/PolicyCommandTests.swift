import Foundation
import ReserveCore
import TestSupport
import Testing

/// Issue 12, section 3: the bank's own policy file through the CLI: `policy lint`, `policy
/// schema`, `--policy` on `verify` (the verdict's profile names the policy; the ledger keeps each
/// version of the file), and an edited stored policy found by `ledger verify`.
@Suite struct PolicyCommandTests {
    static let at = "2026-11-22T00:00:00Z"

    func examplePolicy() throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("policy/example-bank.json"), encoding: .utf8)
    }

    @Test func theShippedExampleLintsAndEveryFieldItUsesIsInTheSchema() throws {
        let ws = try Workspace([])
        try ws.write(try examplePolicy(), to: "policy.json")
        let lint = try ws.run("policy", "lint", "policy.json")
        #expect(lint.status == 0, "\(lint)")
        #expect(lint.output.hasPrefix("ok: example-bank-2026@sha256:"))

        let schema = try ws.run("policy", "schema")
        guard case .object(let root) = try JSONParser().parse(schema.stdout),
            case .object(let properties)? = root["properties"]
        else {
            Issue.record("the schema is not a JSON object with properties")
            return
        }
        guard case .object(let example) = try JSONParser().parse(Array(try examplePolicy().utf8)) else {
            Issue.record("the example is not an object")
            return
        }
        #expect(Set(example.keys).isSubset(of: Set(properties.keys)), "\(example.keys) vs \(properties.keys)")
        #expect(root["additionalProperties"] == .bool(false))
    }

    @Test(arguments: [
        (
            #""surprise": 1"#, "E005",
            #"surprise: unknown field "surprise" (the format defines: approved, calibrations, format, name, "#
                + #"networkAssessments, regimes)"#
        ),
        (
            #""calibrations": [{"parameter": "concentrationGates", "value": "maybe", "reason": "r", "approver": "#
                + #""a", "date": "2026-10-01"}]"#,
            "E008", #"calibrations[0].value: "maybe" for concentrationGates: expected true or false"#
        ),
        (
            #""regimes": [{"regulator": "JFSA", "validFrom": "2026-13-01"}]"#, "E008",
            #"regimes[0].validFrom: "2026-13-01" is not a date (YYYY-MM-DD)"#
        ),
        (#""approved": [{"role": "custodian"}]"#, "E006", "approved[0].name: required field is missing"),
    ])
    func aBadPolicyIsRefusedWithItsCodeAndPath(_ member: String, _ code: String, _ message: String) throws {
        let ws = try Workspace([.attestations, .keys])
        try ws.write(#"{"format": "bank-policy/1", "name": "bad-bank", "# + member + "}", to: "bad.json")

        let lint = try ws.run("policy", "lint", "bad.json")
        #expect(lint.status == 2)
        #expect(lint.reportedError?.code == code, "\(lint.stderr)")
        #expect(lint.reportedError?.message == "bad.json: " + message, "\(lint.stderr)")
        let verify = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at, "--policy", "bad.json")
        #expect(verify.status == 2)
        #expect(verify.reportedError == lint.reportedError, "\(verify.stderr)")
        #expect(!ws.exists("reserve-verifier.sqlite"), "nothing recorded under a policy that does not decode")
    }

    /// The policy file is read within `ReaderLimits.bankPolicy.maxFileBytes`, by `policy lint` and
    /// by `verify --policy` alike.
    @Test func aPolicyFileOverItsSizeLimitIsE002() throws {
        let ws = try Workspace([.attestations, .keys])
        let limit = ReaderLimits.bankPolicy.maxFileBytes
        try ws.write(String(repeating: " ", count: limit + 1), to: "big.json")

        let lint = try ws.run("policy", "lint", "big.json")
        #expect(lint.status == 2, "\(lint)")
        #expect(lint.reportedError?.code == "E002", "\(lint.stderr)")
        #expect(
            lint.reportedError?.message == "big.json is \(limit + 1) bytes, over the limit of \(limit) (--max-bytes)",
            "\(lint.stderr)")
        let verify = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at, "--policy", "big.json")
        #expect(verify.status == 2, "\(verify)")
        #expect(verify.reportedError == lint.reportedError, "\(verify.stderr)")
        #expect(!ws.exists("reserve-verifier.sqlite"))
    }

    @Test func verifyUnderThePolicyNamesItKeepsEachVersionAndTheBanksCalibrationDecides() throws {
        let ws = try Workspace([.attestations, .keys])
        try ws.write(try examplePolicy(), to: "policy.json")

        let plain = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at, "--no-record")
        #expect(plain.status == 0, "\(plain)")
        // The bank makes RRT-CONCENTRATION gating: Kizuna's largest counterparty failing leaves 70% coverage.
        let first = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--policy", "policy.json", "--format", "json")
        #expect(first.status == 1, "\(first)")
        let report = try first.json()
        #expect(report["profile"]?.string == "bcbs@2026-01-01+example-bank-2026@sha256:7ca4656eef1f", "\(first)")
        // The finding the bank's calibration decided says which tool calibration it replaced.
        let replacements = (report["attestations"]?[0]?["findings"]?.array ?? []).compactMap {
            $0["evidence"]?["bankPolicyReplacement"]?.string
        }
        #expect(
            replacements == [
                "bank policy example-bank-2026@sha256:7ca4656eef1f: concentrationGates = true (single-counterparty "
                    + "failure (SVB, March 2023) must not break redemption at par; approved by Credit Committee on "
                    + "2026-10-01); replaces tool-calibration: 45% loss given default: F-IRB LGD for senior unsecured "
                    + "claims on banks, CRE32 (applied as a calibration of SCO60's \"extreme stress\")"
            ], "\(first)")
        let db = ws.path("reserve-verifier.sqlite")
        #expect(try sqlite3(db, "SELECT name FROM bank_policy") == "example-bank-2026")

        // A changed registry is a new version, kept beside the first; the environment variable works too.
        try ws.write(
            try examplePolicy().replacingOccurrences(of: #""value": "true""#, with: #""value": "false""#),
            to: "policy.json")
        let second = try ws.run(arguments: ["verify", "attestations/kizuna-yen", "--at", Self.at])
        #expect(second.status == 0, "no policy: \(second)")
        let third = try CLI.run(
            ["verify", "attestations/kizuna-yen", "--at", Self.at], in: ws.url,
            environment: ["RESERVE_VERIFIER_POLICY": ws.path("policy.json")])
        #expect(third.status == 0, "\(third)")
        #expect(try sqlite3(db, "SELECT count(*) FROM bank_policy") == "2")
        #expect(try ws.run("ledger", "verify").status == 0)

        // An edited stored policy no longer matches the SHA-256 its evaluations name.
        _ = try sqlite3(
            db,
            "DROP TRIGGER bank_policy_no_update; UPDATE bank_policy SET content = X'7B7D' WHERE name = "
                + "'example-bank-2026' AND rowid = 1;"
        )
        let broken = try ws.run("ledger", "verify")
        #expect(broken.status == 1)
        #expect(
            broken.output == "broken: bank policy 7ca4656eef1f… no longer matches its SHA-256 (edited)\n",
            "\(broken.output)")
    }
}

/// Issue 12, correction 10: CC2-REDEEM asks whether the bank itself can redeem at par; the route is
/// the bank's own figure (`--redemption-route`), independent of its capital figures.
@Suite struct RedemptionRouteOptionTests {
    @Test(arguments: [
        ("direct", "pass", "the bank redeems directly at peg within 1 day"),
        ("via:Example Securities", "pass", "the bank redeems through Example Securities at peg within 1 day"),
        ("none", "fail", "the bank has no route to redeem at par"),
    ])
    func theBanksRouteDecidesCC2Redeem(_ route: String, _ status: String, _ message: String) throws {
        let ws = try Workspace([.attestations, .keys])
        let result = try ws.run(
            "verify", "attestations/harbor-usd", "--at", "2026-11-22T00:00:00Z", "--no-record",
            "--redemption-route", route, "--format", "json")
        guard case .object(let root) = try JSONParser().parse(result.stdout),
            case .array(let results)? = root["attestations"],
            case .object(let first)? = results.first, case .array(let findings)? = first["findings"]
        else {
            Issue.record("no findings in \(result.output.prefix(300))")
            return
        }
        let redeem = findings.compactMap { f -> JSONObject? in
            guard case .object(let o) = f, o["rule"] == .string("CC2-REDEEM") else { return nil }
            return o
        }.first
        #expect(redeem?["status"] == .string(status), "\(String(describing: redeem))")
        guard case .string(let text)? = redeem?["message"] else {
            Issue.record("no message")
            return
        }
        #expect(text == message, "\(text)")
    }

    @Test func anUnknownRouteIsAUsageError() throws {
        let ws = try Workspace([.attestations, .keys])
        let result = try ws.run("verify", "attestations/harbor-usd", "--redemption-route", "maybe")
        #expect(result.status == 64)
        #expect(
            result.stderr.split(separator: "\n").first.map(String.init)
                == "Error: The value 'maybe' is invalid for '--redemption-route <redemption-route>'. Please provide "
                + "one of 'direct', 'none' or 'via:NAME'.",
            "\(result)")
    }
}

/// Issue 14, part 5: one voice across commands: the version with the libraries in use, and
/// defaults an operator sets once in the environment.
@Suite struct OneVoiceTests {
    @Test func versionNamesTheCommitAndTheOpenSSLAndSQLiteInUse() throws {
        let ws = try Workspace([])
        let result = try ws.run("--version")
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("0.1.0 (commit "), "\(result.output)")
        // The libraries' versions are the machine's: their shape is fixed, not their numbers.
        #expect(
            result.output.wholeMatch(
                of:
                    #/0\.1\.0 \(commit [^;]+; OpenSSL 3\.\d+\.\d+[a-z]* \d+ [A-Z][a-z]{2} \d{4}; SQLite 3\.\d+\.\d+\)\n/#
            )
                != nil, "\(result.output)")
        // The commit: what `git describe` gave at build time (12 hex digits, perhaps -dirty), or
        // "unknown" outside a git checkout.
        let commit = result.output.dropFirst("0.1.0 (commit ".count).prefix { $0 != ";" }
        #expect(
            commit == "unknown" || commit.wholeMatch(of: /[0-9a-f]{12}(-dirty)?|.+-g[0-9a-f]{12}(-dirty)?/) != nil,
            "\(result.output)")
        if let git = executableOnPath("git"), commit != "unknown",
            let head = try? runProgram(git, ["-C", packageRoot.path, "rev-parse", "HEAD"], in: packageRoot),
            head.status == 0
        {
            // Built from this checkout: the stamped commit is HEAD (unless a commit landed since the build).
            #expect(commit.contains(head.output.prefix(12)), "built from \(commit), HEAD is \(head.output)")
        }
    }

    @Test func theTrustStoreAndProfileComeFromTheEnvironmentUnlessGiven() throws {
        let ws = try Workspace([.attestations, .keys])
        try FileManager.default.moveItem(atPath: ws.path("keys"), toPath: ws.path("trust"))
        let env = ["RESERVE_VERIFIER_KEYS": ws.path("trust"), "RESERVE_VERIFIER_PROFILE": "hkma"]
        let result = try CLI.run(
            ["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z", "--no-record"], in: ws.url,
            environment: env)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.output.components(separatedBy: "\n").contains("  verdict: ELIGIBLE: Group 1b under hkma@2026-01-01"),
            "\(result.output)")
        let given = try CLI.run(
            ["verify", "attestations/kizuna-yen", "--at", "2026-11-22T00:00:00Z", "--no-record", "--profile", "mas"],
            in: ws.url, environment: env)
        #expect(
            given.output.components(separatedBy: "\n").contains("  verdict: ELIGIBLE: Group 1b under mas@2025-03"),
            "\(given.output)")
        let missing = try ws.run("verify", "attestations/kizuna-yen", "--no-record")
        #expect(missing.status == 2, "without the variable the default keys/ folder is gone")
    }
}
