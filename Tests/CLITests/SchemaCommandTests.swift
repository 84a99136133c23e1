import Foundation
import ReserveCore
import TestSupport
import Testing

/// `schema` prints a JSON Schema that real validators accept and that matches the decoder.
@Suite struct SchemaCommandTests {
    static let validator = """
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        failed = False
        for path in sys.argv[2:]:
            for error in validator.iter_errors(json.load(open(path))):
                failed = True
                print(f"{path}: {'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
        sys.exit(1 if failed else 0)
        """

    static let samples = [
        "harbor-usd-2026-10.json", "kizuna-yen-2026-10.json", "sakura-pay-2026-10.json", "tideline-usd-2026-10.json",
    ]

    @Test func schemaIsStrictJSONNamingDraft2020_12() throws {
        let ws = try Workspace()

        let result = try ws.run("schema")

        #expect(result.status == 0, "\(result)")
        let schema = try result.json()
        #expect(schema["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"]?.bool == false)
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func everySamplePayloadValidatesAgainstTheSchema() throws {
        let ws = try Workspace([.payloads])
        try ws.write(try ws.run("schema").stdout, to: "schema.json")
        try ws.write(Self.validator, to: "validate.py")

        let result = try ws.python(["validate.py", "schema.json"] + Self.samples.map { "samples/payloads/\($0)" })

        #expect(result.status == 0, "\(result)")
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func payloadWithAnUnknownFieldFailsTheSchema() throws {
        let ws = try Workspace([.payloads])
        try ws.write(try ws.run("schema").stdout, to: "schema.json")
        try ws.write(Self.validator, to: "validate.py")
        let valid = String(decoding: try ws.read("samples/payloads/kizuna-yen-2026-10.json"), as: UTF8.self)
        try ws.write(
            valid.replacingOccurrences(of: #""sequence": 12,"#, with: #""sequence": 12, "extra": true,"#),
            to: "extra.json")

        let result = try ws.python(["validate.py", "schema.json", "extra.json"])

        #expect(result.status == 1, "\(result)")
        #expect(result.output.contains("extra"), "\(result)")
    }
}

extension Workspace {
    /// Runs `python3 arguments...` here (stdin closed).
    func python(_ arguments: [String]) throws -> RunResult {
        try runProgram(try Python.tool(), arguments, in: url)
    }
}
