import Foundation
import ReserveCore
import TestSupport
import Testing

/// Issue 14, part 2: signed verification records (in-toto Statement v1 in DSSE), written by
/// `verify --record-out`, signed from the ledger by `record sign`, checked by `record verify` and by
/// an independent DSSE implementation (securesystemslib).
@Suite struct RecordCommandTests {
    static let at = "2026-11-22T00:00:00Z"

    /// The samples and a fresh Ed25519 verifier key (and its public half).
    func workspace() throws -> Workspace {
        let ws = try Workspace([.attestations, .keys])
        try ws.openssl("genpkey", "-algorithm", "ed25519", "-out", "verifier.pem")
        try ws.openssl("pkey", "-in", "verifier.pem", "-pubout", "-out", "verifier.pub.pem")
        return ws
    }

    /// The statement inside a DSSE envelope file.
    func statement(_ ws: Workspace, _ name: String) throws -> JSONValue {
        let envelope = try JSONParser().parse(try ws.read(name))
        let payload = try #require(envelope["payload"]?.string.flatMap { Base64.decodeEither($0.utf8) })
        return try JSONParser().parse(payload)
    }

    @Test func verifyWritesASignedRecordThatRecordVerifyAndSecuresystemslibAccept() throws {
        let ws = try workspace()
        let run = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--signing-key", "verifier.pem",
            "--record-out", "records", "--reviewer", "A. Analyst")
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stderr.components(separatedBy: "\n").contains("signed 1 verification record into records"), "\(run)")
        let file = "records/kizuna-yen-2026-10-31.record.json"
        #expect(ws.exists(file))

        let s = try statement(ws, file)
        #expect(s["_type"]?.string == "https://in-toto.io/Statement/v1")
        #expect(s["predicateType"]?.string == "https://reserve-verifier.example/verification-record/v1")
        #expect(s["subject"]?[0]?["name"]?.string == "kizuna-yen-2026-10-31")
        let p = try #require(s["predicate"])
        #expect(p["verdict"]?["eligible"]?.bool == true)
        #expect(p["verdict"]?["group"]?.string == "1b")
        #expect(p["profile"]?.string == "bcbs@2026-01-01")
        #expect(p["stressTable"]?.string == "sco60-stress@1")
        #expect(p["evaluatedAt"]?.string == Self.at)
        #expect(p["review"]?["reviewer"]?.string == "A. Analyst")
        // The libraries the evaluation ran on, as --version names them.
        let version = try ws.run("--version").output
        let openssl = try #require(p["runtime"]?["openssl"]?.string)
        // `--version` starts with the tool's version and commit (the build's); its libraries close it.
        #expect(openssl.hasPrefix("OpenSSL 3."), "\(openssl)")
        #expect(
            version.hasSuffix("; \(openssl); SQLite \(p["runtime"]?["sqlite"]?.string ?? "?"))\n"), "\(version)")
        #expect(p["ledger"]?["evaluation"]?.int == 1)
        #expect(p["ledger"]?["head"]?["evaluations"]?.int == 1)
        // The run signed a checkpoint before the record: the record names it.
        #expect(p["checkpoint"]?["evaluations"]?.int == 1)
        #expect(p["checkpoint"]?["headHash"]?.string == p["ledger"]?["head"]?["hash"]?.string)

        // The subject is the payload digest verify reported.
        let report = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at, "--no-record", "--format", "json")
            .json()
        let digest = try #require(report["attestations"]?[0]?["digest"]?.string)
        #expect("sha256:" + (s["subject"]?[0]?["digest"]?["sha256"]?.string ?? "") == digest)

        let checked = try ws.run(
            "record", "verify", file, "--public-key", "verifier.pub.pem",
            "--attestation", "attestations/kizuna-yen/kizuna-yen-2026-10.dsse.json", "--db", "reserve-verifier.sqlite")
        #expect(checked.status == 0, "\(checked)")
        // Every line but the first (the verifier key's id, a fresh key) and the tool's version.
        let checkedLines = checked.output.components(separatedBy: "\n")
        #expect(
            checkedLines.contains(
                "  verdict: ELIGIBLE: Group 1b under bcbs@2026-01-01 (stress table sco60-stress@1), "
                    + "evaluated at 2026-11-22T00:00:00Z"), "\(checked)")
        #expect(checkedLines.contains("  coin: kizuna-yen/KZJPY #12, as of 2026-10-31T15:00:00Z"), "\(checked)")
        #expect(checkedLines.contains("  reviewed by: A. Analyst"), "\(checked)")
        #expect(checkedLines.contains("  signed at: 2026-11-22T00:00:00Z"), "\(checked)")

        // An independent DSSE implementation, told the payload type to expect.
        let python = try Python.tool()
        let script = packageRoot.appendingPathComponent("scripts/verify-dsse.py").path
        let independent = try runProgram(
            python, [script, file, "verifier.pub.pem", "application/vnd.in-toto+json"], in: ws.url)
        #expect(independent.status == 0, "securesystemslib: \(independent)")
        // It prints the payload it verified: the statement.
        let printed = try JSONParser().parse(independent.stdout)
        #expect(printed["predicateType"]?.string == "https://reserve-verifier.example/verification-record/v1")
        #expect(printed == s, "securesystemslib printed another statement")
        // ... which refuses it as another payload type.
        let wrongType = try runProgram(
            python, [script, file, "verifier.pub.pem", "application/vnd.reserve-verifier.checkpoint+json"],
            in: ws.url)
        #expect(wrongType.status == 1, "\(wrongType)")
        #expect(
            wrongType.stderr
                == "payload type 'application/vnd.in-toto+json', expected "
                + "'application/vnd.reserve-verifier.checkpoint+json'\n", "\(wrongType)")
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func theRecordMatchesItsJSONSchema() throws {
        let ws = try workspace()
        let run = try ws.run(
            "verify", "attestations", "--at", Self.at, "--signing-key", "verifier.pem", "--record-out", "records",
            "--reviewer", "Credit Committee", "--override", "hold as Group 2b", "--reason", "audit pending")
        #expect(run.status == 1, "\(run)")
        // Six inputs, one of them twice under the same attestation id (a tampered envelope).
        #expect(
            run.stderr.components(separatedBy: "\n").contains("signed 6 verification records into records"), "\(run)")
        #expect(ws.exists("records/kizuna-yen-2026-10-31-2.record.json"))
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.path("records")).sorted()
        let schema = packageRoot.appendingPathComponent("docs/schemas/verification-record.schema.json").path
        let check = """
            import json, sys, base64, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            for name in sys.argv[2:]:
                envelope = json.load(open(name))
                jsonschema.validate(json.loads(base64.b64decode(envelope["payload"])), schema,
                                    cls=jsonschema.Draft202012Validator)
                print("valid", name)
            try:
                jsonschema.validate({"_type": "https://in-toto.io/Statement/v1"}, schema,
                                    cls=jsonschema.Draft202012Validator)
            except jsonschema.ValidationError:
                print("refused an incomplete statement")
            """
        let result = try runProgram(
            try Python.tool(), ["-c", check, schema] + names.map { "records/\($0)" }, in: ws.url)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.output == names.map { "valid records/\($0)\n" }.joined() + "refused an incomplete statement\n",
            "\(result)")
        let s = try statement(ws, "records/tideline-usd-2026-10-31.record.json")
        #expect(s["predicate"]?["review"]?["override"]?["decision"]?.string == "hold as Group 2b")
        #expect(s["predicate"]?["review"]?["override"]?["reason"]?.string == "audit pending")
        #expect(s["predicate"]?["verdict"]?["eligible"]?.bool == false)
        // A detached pair (X.json beside X.json.sig) is the attestation its record is about.
        let detached = try ws.run(
            "record", "verify", "records/tideline-usd-2026-10-31.record.json", "--public-key", "verifier.pub.pem",
            "--attestation", "attestations/tideline-usd/tideline-usd-2026-10.json")
        #expect(detached.status == 0, "\(detached)")
    }

    @Test func recordSignFromTheLedgerGivesTheSameFindingsDigestAsVerify() throws {
        let ws = try workspace()
        let run = try ws.run(
            "verify", "attestations/harbor-usd", "--at", Self.at, "--record-out", "records", "--sign-with",
            "verifier.pem")
        #expect(run.status == 1, "\(run)")
        let signed = try ws.run(
            "record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem", "--out", "from-ledger.json",
            "--at", "2026-11-23T00:00:00Z", "--reviewer", "B. Banker")
        #expect(signed.status == 0, "\(signed)")
        let fresh = try statement(ws, "records/harbor-usd-2026-10-31.record.json")["predicate"]
        let stored = try statement(ws, "from-ledger.json")["predicate"]
        #expect(fresh?["findings"] == stored?["findings"])
        #expect(fresh?["findings"]?["count"]?.int ?? 0 > 10)
        #expect(fresh?["verdict"] == stored?["verdict"])
        #expect(fresh?["ledger"]?["rowHash"] == stored?["ledger"]?["rowHash"])
        #expect(fresh?["coverage"] == stored?["coverage"])
        // The record of a stored evaluation names the libraries the ledger kept with it.
        #expect(stored?["runtime"] != nil && fresh?["runtime"] == stored?["runtime"])
        #expect(stored?["signedAt"]?.string == "2026-11-23T00:00:00Z")
        #expect(stored?["review"]?["reviewer"]?.string == "B. Banker")
        // No verifier key in verify: no checkpoint, so the records name none.
        #expect(stored?["checkpoint"] == nil)

        // The environment variable is the default key; standard output without --out.
        let printed = try ws.run(
            "record", "sign", "--evaluation", "1", "--at", "2026-11-23T00:00:00Z",
            environment: ["RESERVE_VERIFIER_SIGNING_KEY": ws.path("verifier.pem")])
        #expect(printed.status == 0, "\(printed)")
        try ws.write(printed.stdout, to: "printed.json")
        #expect(try ws.run("record", "verify", "printed.json", "--public-key", "verifier.pub.pem").status == 0)
    }

    @Test func aRecordWithoutALedgerHasNoPositionAndTheJSONOutputCarriesTheStatement() throws {
        let ws = try workspace()
        let run = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--no-record", "--record-out", "r",
            "--sign-with", "verifier.pem")
        #expect(run.status == 0, "\(run)")
        let checked = try ws.run(
            "record", "verify", "r/kizuna-yen-2026-10-31.record.json", "--public-key", "verifier.pub.pem",
            "--format", "json")
        #expect(checked.status == 0, "\(checked)")
        let json = try checked.json()
        #expect(json["verified"]?.bool == true)
        #expect(json["statement"]?["predicate"]?["ledger"] == nil)
        #expect(json["problems"]?.array?.isEmpty == true)
        // --db needs a ledger position to check.
        let noPosition = try ws.run(
            "record", "verify", "r/kizuna-yen-2026-10-31.record.json", "--public-key", "verifier.pub.pem",
            "--db", "none.sqlite")
        #expect(noPosition.status == 2)
        #expect(
            noPosition.reportedError
                == ReportedError(
                    code: "E008", name: "invalid-value",
                    message: "the record names no ledger position to check against none.sqlite"), "\(noPosition)")
    }

    @Test func aForgedTamperedOrMisdirectedRecordIsRefused() throws {
        let ws = try workspace()
        _ = try ws.run(
            "verify", "attestations/kizuna-yen", "attestations/harbor-usd", "--at", Self.at, "--record-out", "r",
            "--sign-with", "verifier.pem")
        let file = "r/kizuna-yen-2026-10-31.record.json"

        // Another key: E054, exit 2.
        try ws.openssl("genpkey", "-algorithm", "ed25519", "-out", "other.pem")
        try ws.openssl("pkey", "-in", "other.pem", "-pubout", "-out", "other.pub.pem")
        let forged = try ws.run("record", "verify", file, "--public-key", "other.pub.pem")
        #expect(forged.status == 2)
        #expect(forged.reportedError?.code == "E054" && forged.reportedError?.name == "invalid-record", "\(forged)")
        #expect(
            forged.reportedError?.message.hasPrefix(
                "verification record: no signature verifies with the verifier's key ") == true, "\(forged)")

        // The payload edited after signing (eligible flipped): the signature no longer verifies.
        var envelope = try JSONParser().parse(try ws.read(file))
        let payload = try #require(envelope["payload"]?.string.flatMap { Base64.decodeEither($0.utf8) })
        let edited = String(decoding: payload, as: UTF8.self).replacingOccurrences(
            of: "\"eligible\":true", with: "\"eligible\":false")
        #expect(edited != String(decoding: payload, as: UTF8.self))
        if case .object(var o) = envelope {
            o["payload"] = .string(Base64.encode(Array(edited.utf8)))
            envelope = .object(o)
        }
        try ws.write(JSONWriter.write(envelope), to: "edited.json")
        let tampered = try ws.run("record", "verify", "edited.json", "--public-key", "verifier.pub.pem")
        #expect(tampered.status == 2)
        #expect(
            tampered.reportedError?.code == "E054" && tampered.reportedError?.name == "invalid-record", "\(tampered)")
        #expect(
            tampered.reportedError?.message.hasPrefix(
                "verification record: no signature verifies with the verifier's key ") == true, "\(tampered)")

        // Another payload type: refused before any signature check.
        if case .object(var o) = envelope {
            o["payloadType"] = .string("application/vnd.reserve-verifier.checkpoint+json")
            envelope = .object(o)
        }
        try ws.write(JSONWriter.write(envelope), to: "retyped.json")
        let retyped = try ws.run("record", "verify", "retyped.json", "--public-key", "verifier.pub.pem")
        #expect(retyped.status == 2)
        #expect(
            retyped.reportedError
                == ReportedError(
                    code: "E054", name: "invalid-record",
                    message: "verification record: payloadType is not \"application/vnd.in-toto+json\""), "\(retyped)")

        // Not JSON at all.
        try ws.write("not json", to: "garbage.json")
        let garbage = try ws.run("record", "verify", "garbage.json", "--public-key", "verifier.pub.pem")
        #expect(garbage.status == 2)
        #expect(
            garbage.reportedError
                == ReportedError(
                    code: "E054", name: "invalid-record",
                    message:
                        "verification record: not strict JSON: malformed JSON at line 1, column 1, byte 0: "
                        + "unexpected 'n', expected a value"
                ), "\(garbage)")

        // A genuine record held against another attestation: exit 1, says so.
        let misdirected = try ws.run(
            "record", "verify", file, "--public-key", "verifier.pub.pem",
            "--attestation", "attestations/harbor-usd/harbor-usd-2026-10.jws")
        #expect(misdirected.status == 1, "\(misdirected)")
        #expect(
            misdirected.output.components(separatedBy: "\n").contains(
                "  DOES NOT HOLD: the record is about payload "
                    + "sha256:62aba67af8c6ecb67486b4a5a759039d177c9281a5df2b9e7a899102ec7b8a1d, "
                    + "attestations/harbor-usd/harbor-usd-2026-10.jws holds "
                    + "sha256:b8c2a7c651fdb34462654b596ff9e5be6779354840b93a10ec54ba7cc4bb4df7"), "\(misdirected)")

        // A genuine record held against a ledger that no longer has its head (truncated): exit 1.
        _ = try sqlite3(
            ws.path("reserve-verifier.sqlite"),
            """
            PRAGMA foreign_keys = OFF; DROP TRIGGER finding_no_delete; DROP TRIGGER evaluation_no_delete;
            DELETE FROM finding WHERE evaluation_ref = 2; DELETE FROM evaluation WHERE id = 2;
            """)
        let truncated = try ws.run(
            "record", "verify", file, "--public-key", "verifier.pub.pem", "--db", "reserve-verifier.sqlite")
        #expect(truncated.status == 1, "\(truncated)")
        #expect(
            truncated.output.components(separatedBy: "\n").contains(
                "  DOES NOT HOLD: ledger head: the checkpoint covers 2 evaluations, the ledger holds 1: "
                    + "rows were removed (truncated)"), "\(truncated)")
    }

    /// Writes `keys/_tsa/` trusting `tsa`; the listed SHA-256 is computed by openssl.
    func trust(_ tsa: TestTSA, in ws: Workspace) throws {
        try ws.write(tsa.certificatePEM, to: "keys/_tsa/test-tsa.pem")
        try ws.openssl("x509", "-in", "keys/_tsa/test-tsa.pem", "-outform", "DER", "-out", "tsa.der")
        let digest = String(
            String(decoding: try ws.openssl("dgst", "-sha256", "-r", "tsa.der"), as: UTF8.self).prefix(64))
        try ws.write(
            #"{"format": "reserve-tsa/1", "authorities": [{"name": "test-tsa", "file": "test-tsa.pem", "#
                + #""sha256": "\#(digest)"}]}"#, to: "keys/_tsa/tsa.json")
    }

    @Test func aConfiguredTSATimestampsEachRecordAndRecordVerifyChecksTheToken() throws {
        let ws = try workspace()
        let tsa = try TestTSA.make(name: "test-tsa")
        try trust(tsa, in: ws)
        try FileManager.default.createDirectory(
            at: ws.url.appendingPathComponent("tsa"), withIntermediateDirectories: true)
        let server = try tsa.serve(in: ws.url.appendingPathComponent("tsa"))
        defer { server.stop() }

        let run = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--record-out", "r", "--sign-with",
            "verifier.pem", "--tsa-url", server.url)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stderr.components(separatedBy: "\n").contains(
                "signed 1 verification record into r, each timestamped by \(server.url)"), "\(run)")
        let file = "r/kizuna-yen-2026-10-31.record.json"
        #expect(ws.exists(file + ".tsr"))
        let checked = try ws.run("record", "verify", file, "--public-key", "verifier.pub.pem", "--format", "json")
        #expect(checked.status == 0, "\(checked)")
        #expect(try checked.json()["timestamp"]?["status"]?.string == "valid", "\(checked)")
        #expect(try checked.json()["timestamp"]?["authority"]?.string == "test-tsa")
        let text = try ws.run("record", "verify", file, "--public-key", "verifier.pub.pem")
        // The token's time is the test TSA's clock when it signed (now), so that line is a pattern.
        let stamped = text.output.components(separatedBy: "\n").filter { $0.hasPrefix("  timestamped: ") }
        #expect(
            stamped.count == 1
                && stamped[0].wholeMatch(
                    of:
                        #/  timestamped: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by test-tsa \(RFC 3161, r\/kizuna-yen-2026-10-31\.record\.json\.tsr\)/#
                )
                    != nil,
            "\(text)")

        // record sign, from the environment variable, beside --out.
        let signed = try ws.run(
            "record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem", "--out", "one.json",
            environment: ["RESERVE_VERIFIER_TSA_URL": server.url])
        #expect(signed.status == 0, "\(signed)")
        #expect(ws.exists("one.json.tsr"))
        #expect(try ws.run("record", "verify", "one.json", "--public-key", "verifier.pub.pem").status == 0)

        // A token over another record does not hold for this one: exit 1, named.
        try ws.write(try ws.read(file + ".tsr"), to: "one.json.tsr")
        let swapped = try ws.run("record", "verify", "one.json", "--public-key", "verifier.pub.pem")
        #expect(swapped.status == 1, "\(swapped)")
        // After our words the reason is OpenSSL's ("message imprint mismatch"), which may vary by version.
        #expect(
            swapped.output.components(separatedBy: "\n").filter {
                $0.hasPrefix("  DOES NOT HOLD: timestamp one.json.tsr: the timestamp does not verify: ")
            }.count == 1, "\(swapped)")

        // No TSA trusted in the store: refused, nothing written.
        try FileManager.default.removeItem(atPath: ws.path("keys/_tsa"))
        let untrusted = try ws.run(
            "verify", "attestations/kizuna-yen", "--at", Self.at, "--record-out", "r2", "--sign-with",
            "verifier.pem", "--tsa-url", server.url)
        #expect(untrusted.status == 2, "\(untrusted)")
        #expect(
            untrusted.stderr
                == "the verification records were not written: error E060 invalid-configuration: --tsa-url: the trust "
                + "store lists no time-stamping authority (keys/_tsa/tsa.json) to check the tokens against\n",
            "\(untrusted)")
        #expect(!ws.exists("r2"))
        // A TSA that is not there: E061, nothing written.
        try trust(tsa, in: ws)
        let notHTTP = try ws.run(
            "record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem", "--out", "two.json",
            "--tsa-url", "ftp://127.0.0.1/tsa")
        #expect(notHTTP.status == 2, "\(notHTTP)")
        #expect(
            notHTTP.reportedError?.description
                == "error E060 invalid-configuration: --tsa-url must be an http or https URL: ftp://127.0.0.1/tsa",
            "\(notHTTP)")
        let unreachable = try ws.run(
            "record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem", "--out", "two.json",
            "--tsa-url", "http://127.0.0.1:9/tsa")
        #expect(unreachable.status == 2, "\(unreachable)")
        #expect(
            unreachable.reportedError?.code == "E061" && unreachable.reportedError?.name == "network", "\(unreachable)")
        #expect(
            unreachable.reportedError?.message.hasPrefix(
                "the time-stamping authority at http://127.0.0.1:9/tsa could not be reached: ") == true,
            "\(unreachable)")
        #expect(!ws.exists("two.json"))
        // A TSA token needs a file to sit beside.
        let noOut = try ws.run(
            "record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem", "--tsa-url", server.url)
        #expect(noOut.status == 64, "\(noOut)")
    }

    @Test func usageAndConfigurationErrors() throws {
        let ws = try workspace()
        let cases: [([String], Int32, String)] = [
            (
                ["verify", "attestations/kizuna-yen", "--sign-with", "verifier.pem"], 64,
                "--sign-with, --reviewer, --override and --tsa-url go into verification records: name a folder with "
                    + "--record-out"
            ),
            (
                ["verify", "attestations/kizuna-yen", "--tsa-url", "http://127.0.0.1:9/"], 64,
                "--sign-with, --reviewer, --override and --tsa-url go into verification records: name a folder with "
                    + "--record-out"
            ),
            (
                [
                    "verify", "attestations/kizuna-yen", "--record-out", "r", "--sign-with", "verifier.pem",
                    "--tsa-url",
                    "ftp://tsa.example/", "--at", Self.at, "--no-record",
                ], 2,
                "the verification records were not written: error E060 invalid-configuration: --tsa-url: the trust "
                    + "store lists no time-stamping authority (keys/_tsa/tsa.json) to check the tokens against"
            ),
            (
                ["verify", "attestations/kizuna-yen", "--record-out", "r", "--override", "2b", "--reviewer", "X"], 64,
                "--override and --reason go together: an override must say why"
            ),
            (
                ["verify", "attestations/kizuna-yen", "--record-out", "r", "--override", "2b", "--reason", "why"], 64,
                "--override needs --reviewer: someone owns the decision"
            ),
            (
                ["verify", "attestations/kizuna-yen", "--record-out", "r", "--reviewer", " "], 64,
                "--reviewer must say something, in at most 2000 bytes"
            ),
            (
                ["verify", "attestations/kizuna-yen", "--record-out", "r", "--at", Self.at], 2,
                "error E060 invalid-configuration: a verification record is signed with the verifier's key: pass "
                    + "--sign-with or --signing-key, or set RESERVE_VERIFIER_SIGNING_KEY"
            ),
            (
                [
                    "verify", "attestations/kizuna-yen", "--record-out", "r", "--sign-with", "verifier.pub.pem", "--at",
                    Self.at,
                ], 2,
                "error E030 invalid-key: verifier.pub.pem: the key that signs verification records: private key file "
                    + "holds a 'PUBLIC KEY' PEM block, not a private key"
            ),
            (
                ["record", "sign", "--evaluation", "1", "--sign-with", "verifier.pem"], 2,
                "error E050 storage: no ledger at reserve-verifier.sqlite (record one with `reserve-verifier "
                    + "verify`, or pass --db)"
            ),
            (
                ["record", "verify", "missing.json", "--public-key", "verifier.pub.pem"], 2,
                "error E001 unreadable-input: missing.json: No such file or directory"
            ),
        ]
        for (arguments, status, text) in cases {
            let result = try ws.run(arguments: arguments)
            #expect(result.status == status, "\(arguments): \(result)")
            if status == 64 {
                #expect(result.stderr.split(separator: "\n").first == "Error: \(text)", "\(arguments): \(result)")
            } else {
                #expect(result.stderr == "\(text)\n", "\(arguments): \(result)")
            }
        }
        // Nothing was written by the refused runs.
        #expect(!ws.exists("r"))
        // An evaluation the ledger does not hold.
        _ = try ws.run("verify", "attestations/kizuna-yen", "--at", Self.at)
        let missing = try ws.run("record", "sign", "--evaluation", "9", "--sign-with", "verifier.pem")
        #expect(missing.status == 2)
        #expect(
            missing.reportedError
                == ReportedError(
                    code: "E008", name: "invalid-value",
                    message: "reserve-verifier.sqlite has no evaluation 9 (see `reserve-verifier history`)"),
            "\(missing)")
    }
}
