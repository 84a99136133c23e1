import Foundation
import ReserveCore
import TestSupport
import Testing

/// `verify --format json` names its layout (`"format": "reserve-verifier/verify@1"`) and matches
/// its JSON Schema (docs/schemas/verify-output.schema.json) on every shipped sample.
@Suite struct OutputSchemaTests {
    static let at = "2026-11-22T00:00:00Z"
    static let schema = packageRoot.appendingPathComponent("docs/schemas/verify-output.schema.json")

    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for name in sys.argv[2:]:
            errors = sorted(validator.iter_errors(json.load(open(name))), key=lambda e: list(e.path))
            for e in errors[:5]:
                print(name, e.json_path, e.message[:300])
            if errors:
                sys.exit(1)
            print("valid", name)
        """

    @Test func jsonOutputNamesItsFormatVersion() throws {
        let ws = try Workspace([.attestations, .keys])
        let result = try ws.run("verify", "attestations/kizuna-yen", "--format", "json", "--at", Self.at, "--no-record")

        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["format"]?.string == "reserve-verifier/verify@1", "\(result)")
        #expect(ReportRenderer.jsonFormat == "reserve-verifier/verify@1")
    }

    @Test func schemaNamesTheSameFormatVersionAndEveryFindingStatus() throws {
        let schema = try JSONParser().parse([UInt8](try Data(contentsOf: Self.schema)))
        guard case .object(let root) = schema, case .object(let properties)? = root["properties"],
            case .object(let format)? = properties["format"], case .object(let defs)? = root["$defs"],
            case .object(let finding)? = defs["finding"], case .object(let fields)? = finding["properties"],
            case .object(let status)? = fields["status"], case .array(let statuses)? = status["enum"]
        else {
            Issue.record("the schema lost its format or finding status")
            return
        }
        #expect(format["const"] == .string(ReportRenderer.jsonFormat))
        #expect(Set(statuses) == Set(FindingStatus.allCases.map { JSONValue.string($0.rawValue) }))
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func everySampleRunMatchesTheSchema() throws {
        let ws = try Workspace([.attestations, .keys])
        // Recorded (with ledger notes), unrecorded, an input that cannot be checked, and the golden file.
        let runs: [(String, [String])] = [
            ("recorded.json", ["verify", "attestations", "--format", "json", "--at", Self.at]),
            ("again.json", ["verify", "attestations", "--format", "json", "--at", Self.at]),
            ("unrecorded.json", ["verify", "attestations", "--format", "json", "--at", Self.at, "--no-record"]),
            (
                "malformed.json",
                [
                    "verify", "attestations/kizuna-yen", "broken.dsse.json", "--format", "json", "--at", Self.at,
                    "--no-record",
                ]
            ),
        ]
        try ws.write("{", to: "broken.dsse.json")
        for (name, arguments) in runs {
            let result = try ws.run(arguments: arguments)
            #expect([0, 1, 2].contains(result.status), "\(result)")
            try ws.write(result.stdout, to: name)
        }
        // The broken input's own entry carries its error's code.
        let malformed = try JSONParser().parse(try ws.read("malformed.json"))
        let codes = (malformed["attestations"]?.array ?? []).compactMap { $0["error"]?["code"]?.string }
        #expect(codes == ["E003"], "\(malformed)")
        try ws.write(Self.validator, to: "validate.py")
        let golden = packageRoot.appendingPathComponent("Tests/CLITests/Golden/kizuna-yen.json").path

        let result = try runProgram(
            try Python.tool(), ["validate.py", Self.schema.path, golden] + runs.map(\.0), in: ws.url)

        #expect(result.status == 0, "\(result)")
        #expect(result.output.components(separatedBy: "valid ").count - 1 == runs.count + 1, "\(result)")
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func schemaRefusesAnOutputWithoutItsFormatOrWithAnUnknownField() throws {
        let ws = try Workspace([.attestations, .keys])
        let run = try ws.run("verify", "attestations/kizuna-yen", "--format", "json", "--at", Self.at, "--no-record")
        guard case .object(var root) = try JSONParser().parse(run.stdout) else {
            Issue.record("not a JSON object: \(run)")
            return
        }
        root["format"] = .string("reserve-verifier/verify@2")
        try ws.write(JSONWriter.write(.object(root)), to: "other-version.json")
        root["format"] = .string(ReportRenderer.jsonFormat)
        root["surprise"] = .bool(true)
        try ws.write(JSONWriter.write(.object(root)), to: "unknown-field.json")
        try ws.write(Self.validator, to: "validate.py")

        for name in ["other-version.json", "unknown-field.json"] {
            let result = try runProgram(try Python.tool(), ["validate.py", Self.schema.path, name], in: ws.url)
            #expect(result.status == 1, "\(name): \(result)")
        }
    }

    /// `status` and `history` name their layouts too, and match their schemas on the samples'
    /// ledger (verified, then re-evaluated under another profile).
    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func statusAndHistoryMatchTheirSchemas() throws {
        let ws = try Workspace([.attestations, .keys])
        #expect(try ws.run("verify", "attestations", "--at", Self.at, "--quiet").status == 1)
        #expect(try ws.run("reevaluate", "--at", "2026-11-23T00:00:00Z", "--profile", "hkma").status != 2)
        let status = try ws.run("status", "--format", "json", "--at", "2026-11-23T00:00:00Z")
        let history = try ws.run("history", "kizuna-yen", "--format", "json")
        #expect(try status.json()["format"]?.string == "reserve-verifier/status@1", "\(status)")
        #expect(try history.json()["format"]?.string == "reserve-verifier/history@1", "\(history)")
        try ws.write(status.stdout, to: "status.json")
        try ws.write(history.stdout, to: "history.json")
        try ws.write(Self.validator, to: "validate.py")
        let schemas = packageRoot.appendingPathComponent("docs/schemas")

        for (schema, output) in [
            ("status-output.schema.json", "status.json"), ("history-output.schema.json", "history.json"),
        ] {
            let result = try runProgram(
                try Python.tool(), ["validate.py", schemas.appendingPathComponent(schema).path, output], in: ws.url)
            #expect(result.status == 0, "\(schema): \(result)")
        }
    }
}
