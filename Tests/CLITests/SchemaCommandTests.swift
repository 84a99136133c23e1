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
        // The report is python-jsonschema's wording, not ours: it is searched for the field.
        #expect(result.output.contains("extra"), "\(result)")
    }
    // MARK: The schema and the decoder come from the same field list

    @Test func committedSchemaFileIsTheGeneratedSchema() throws {
        let ws = try Workspace()
        let committed = try String(
            contentsOf: packageRoot.appendingPathComponent("docs/schemas/reserve-attestation.schema.json"),
            encoding: .utf8)

        let result = try ws.run("schema")

        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout == Array(committed.utf8),
            "docs/schemas/reserve-attestation.schema.json is stale: run scripts/refresh-generated.sh")
    }

    /// Every field of every object of the sample payloads, removed in turn, and an unknown field
    /// added to every object: the decoder and the generated schema accept or refuse each variant alike.
    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema module is needed"))
    func schemaAndDecoderAcceptAndRefuseTheSameFieldSets() throws {
        let ws = try Workspace([.payloads])
        try ws.write(try ws.run("schema").stdout, to: "schema.json")
        var variants: [(what: String, document: JSONValue)] = []
        for name in Self.samples {
            let root = try JSONParser().parse(try ws.read("samples/payloads/\(name)"))
            for (path, fields) in Self.objects(in: root, at: []) {
                for key in fields.keys {
                    var smaller = fields
                    smaller[key] = nil
                    variants.append(("\(name) \(path) without \(key)", Self.replacing(root, at: path, with: smaller)))
                }
                var larger = fields
                larger["zzUnknown"] = true
                variants.append(("\(name) \(path) with zzUnknown", Self.replacing(root, at: path, with: larger)))
            }
        }
        try #require(variants.count > 300, "\(variants.count) variants")
        try ws.write(JSONWriter.write(.array(variants.map(\.document))), to: "variants.json")
        try ws.write(
            """
            import json, sys
            from jsonschema import Draft202012Validator
            validator = Draft202012Validator(json.load(open(sys.argv[1])))
            print(json.dumps([validator.is_valid(d) for d in json.load(open(sys.argv[2]))]))
            """, to: "accepts.py")

        let result = try ws.python(["accepts.py", "schema.json", "variants.json"])

        #expect(result.status == 0, "\(result)")
        guard case .array(let verdicts) = try JSONParser().parse(result.stdout) else {
            Issue.record("no verdicts: \(result)")
            return
        }
        try #require(verdicts.count == variants.count)
        var refused = 0
        for (variant, verdict) in zip(variants, verdicts) {
            let decoderAccepts = AttestationDecoder().problems(in: Array(JSONWriter.write(variant.document).utf8))
                .isEmpty
            if !decoderAccepts { refused += 1 }
            #expect(
                verdict == .bool(decoderAccepts),
                "\(variant.what): the schema says \(verdict), the decoder \(decoderAccepts ? "accepts" : "refuses")")
        }
        // Both outcomes occur: required fields removed and unknown fields are refused, optional ones accepted.
        #expect(refused > 0 && refused < variants.count)
    }

    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let key): ".\(key)"
            case .index(let i): "[\(i)]"
            }
        }
    }

    /// Every object in `value` with its path.
    static func objects(in value: JSONValue, at path: [Step]) -> [(path: [Step], fields: JSONObject)] {
        switch value {
        case .object(let object):
            return [(path, object)]
                + object.entries.flatMap { objects(in: $0.value, at: path + [.key($0.key)]) }
        case .array(let elements):
            return elements.enumerated().flatMap { objects(in: $1, at: path + [.index($0)]) }
        default:
            return []
        }
    }

    static func replacing(_ value: JSONValue, at path: [Step], with object: JSONObject) -> JSONValue {
        guard let first = path.first else { return .object(object) }
        switch (first, value) {
        case (.key(let key), .object(var parent)):
            parent[key] = replacing(parent[key] ?? .null, at: Array(path.dropFirst()), with: object)
            return .object(parent)
        case (.index(let i), .array(var elements)):
            elements[i] = replacing(elements[i], at: Array(path.dropFirst()), with: object)
            return .array(elements)
        default:
            return value
        }
    }
}

extension Workspace {
    /// Runs `python3 arguments...` here (stdin closed).
    func python(_ arguments: [String]) throws -> RunResult {
        try runProgram(try Python.tool(), arguments, in: url)
    }

}
