import ReserveCore
import Testing

/// The part every strict reader shares: which keys of an object fit its declared fields.
@Suite struct StrictObjectTests {
    enum Fields: String, StrictFields {
        case name, kind, note
        static let required: Set<Self> = [.name, .kind]
    }

    func object(_ keys: [String], allowing allowed: Set<Fields>? = nil) -> StrictObject<Fields, Int> {
        StrictObject(keys.enumerated().map { (key: $1, value: $0) }, allowing: allowed)
    }

    @Test func aCompleteObjectHasNoProblemAndGivesItsValues() {
        let o = object(["kind", "name"])

        #expect(o.problems.isEmpty)
        #expect(o[.name] == 1)
        #expect(o[.kind] == 0)
        #expect(o[.note] == nil)
    }

    @Test func problemsComeInDocumentOrderThenMissingFieldsInDeclaredOrder() {
        let o = object(["x", "name", "name", "y"])

        #expect(o.problems == [.unknown(index: 0), .duplicate(index: 2), .unknown(index: 3), .missing(.kind)])
        #expect(o.unknownKeys == ["x", "y"])
    }

    @Test func everyMissingRequiredFieldIsNamedInDeclaredOrder() {
        #expect(object(["note"]).problems == [.missing(.name), .missing(.kind)])
    }

    @Test func anUnknownKeyIsNotCountedAsARepeat() {
        #expect(object(["name", "kind", "zz", "zz"]).problems == [.unknown(index: 2), .unknown(index: 3)])
    }

    @Test func aNarrowerAllowedSetMakesDeclaredFieldsUnknown() {
        let o = object(["name", "kind", "note"], allowing: [.name, .kind])

        #expect(o.problems == [.unknown(index: 2)])
        #expect(!o.allows("note"))
        #expect(o.allows("name"))
    }

    @Test func namesFollowTheDeclaration() {
        #expect(Fields.orderedNames == ["name", "kind", "note"])
        #expect(Fields.requiredNames == ["name", "kind"])
        #expect(Fields.names == ["name", "kind", "note"])
    }

    /// The attestation format's required fields are the schema's.
    @Test func eachFormatObjectsRequiredFieldsAreItsSchemasRequiredList() {
        func required(_ schema: JSONValue) -> JSONValue? {
            guard case .object(let o) = schema else { return nil }
            return o["required"]
        }
        #expect(required(AttestationFields.Top.objectSchema) == .strings(AttestationFields.Top.requiredNames))
        #expect(
            AttestationFields.Top.requiredNames == [
                "format", "attestationId", "sequence", "asOf", "issuedAt", "issuer", "token", "reserves",
            ])
        #expect(AttestationFields.Line.requiredNames == ["id", "class", "currency", "value", "custody"])
        #expect(AttestationFields.Legal.requiredNames.isEmpty)
    }
}
