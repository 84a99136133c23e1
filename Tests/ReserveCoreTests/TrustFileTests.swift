import Foundation
import ReserveCore
import Testing

@Suite struct TrustFileTests {
    static let issuerKeyID = String(repeating: "0123456789abcdef", count: 4)
    static let custodianKeyID = String(repeating: "fedcba9876543210", count: 4)
    static let folder = "keys/kizuna-yen"

    /// A complete, valid trust.json as a value that tests can spoil.
    static let valid: JSONValue = [
        "format": "reserve-trust/1",
        "issuer": "kizuna-yen",
        "policy": [
            "requiredRoles": ["issuer", "custodian"], "optionalRoles": ["auditor"], "minimumSignatures": 2,
            "freshnessDays": 40,
        ],
        "keys": [
            [
                "id": .string(issuerKeyID), "file": "issuer-2026.pem", "algorithm": "ecdsa-p256-sha256",
                "role": "issuer",
                "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2027-12-31T23:59:59Z",
            ],
            [
                "id": .string(custodianKeyID), "file": "custodian_2026.v2.pem", "algorithm": "ed25519",
                "role": "custodian",
                "revokedAt": "2026-06-30T00:00:00Z",
            ],
        ],
    ]

    func bytes(_ value: JSONValue) -> [UInt8] { Array(JSONWriter.write(value).utf8) }

    func decode(_ value: JSONValue) throws(VerifierError) -> TrustFile {
        try TrustFile.decode(bytes(value), folder: Self.folder)
    }

    func spoiled(_ path: DecoderPath, _ newValue: JSONValue?) -> JSONValue {
        var value = Self.valid
        value.decoderSet(path.steps[...], newValue)
        return value
    }

    /// Decodes `value`, expects `.invalidTrustStore` naming the file and `path`, returns the message.
    @discardableResult
    func expectInvalid(_ value: JSONValue, at path: String, sourceLocation: SourceLocation = #_sourceLocation)
        -> String?
    {
        let error = decoderError({ _ = try decode(value) }, sourceLocation: sourceLocation)
        #expect(error?.code == .invalidTrustStore, sourceLocation: sourceLocation)
        let prefix = "\(Self.folder)/trust.json: \(path): "
        #expect(
            error?.message.hasPrefix(prefix) == true, "\(error?.message ?? "") should start with \(prefix)",
            sourceLocation: sourceLocation)
        return error?.message
    }

    // MARK: Valid files

    @Test func validTrustFileDecodesEveryField() throws {
        let file = try decode(Self.valid)
        #expect(file.issuer == "kizuna-yen")
        #expect(file.policy.requiredRoles == [.issuer, .custodian])
        #expect(file.policy.optionalRoles == [.auditor])
        #expect(file.policy.minimumSignatures == 2)
        #expect(file.policy.freshnessDays == 40)
        #expect(file.keys.count == 2)
        let issuerKey = try #require(file.keys.first)
        #expect(issuerKey.id == Self.issuerKeyID)
        #expect(issuerKey.file == "issuer-2026.pem")
        #expect(issuerKey.algorithm == .ecdsaP256SHA256)
        #expect(issuerKey.role == .issuer)
        #expect(issuerKey.notBefore == Timestamp.parse("2026-01-01T00:00:00Z"))
        #expect(issuerKey.notAfter == Timestamp.parse("2027-12-31T23:59:59Z"))
        #expect(issuerKey.revokedAt == nil)
        #expect(file.keys[1].revokedAt == Timestamp.parse("2026-06-30T00:00:00Z"))
        #expect(file.keys[1].algorithm == .ed25519)
    }

    @Test func omittedPolicyNumbersTakeTheirDefaults() throws {
        var value = spoiled("policy.minimumSignatures", nil)
        value.decoderSet(DecoderPath(stringLiteral: "policy.freshnessDays").steps[...], nil)
        value.decoderSet(DecoderPath(stringLiteral: "policy.optionalRoles").steps[...], nil)
        let file = try decode(value)
        #expect(file.policy.minimumSignatures == 2)  // the number of required roles
        #expect(file.policy.freshnessDays == 35)
        #expect(file.policy.optionalRoles.isEmpty)
    }

    @Test func trustFileWithNoKeysYetDecodes() throws {
        #expect(try decode(spoiled("keys", [])).keys.isEmpty)
    }

    @Test func encodedIsDeterministicAndRoundTrips() throws {
        let file = try decode(Self.valid)
        let encoded = file.encoded()
        #expect(encoded == file.encoded())
        #expect(encoded.last == UInt8(ascii: "\n"))
        let again = try TrustFile.decode(encoded, folder: Self.folder)
        #expect(again == file)
        #expect(again.encoded() == encoded)
    }

    @Test func encodedFileFromCodeDecodesToTheSameValue() throws {
        let file = TrustFile(
            issuer: "harbor-usd",
            policy: .init(
                requiredRoles: [.issuer], optionalRoles: [.auditor, .custodian], minimumSignatures: 1,
                freshnessDays: 7),
            keys: [
                .init(
                    id: Self.issuerKeyID, file: "k.pem", algorithm: .rsaPSSSHA256, role: .issuer,
                    notBefore: Timestamp.parse("2026-01-01T00:00:00.5Z"))
            ])
        #expect(try TrustFile.decode(file.encoded(), folder: "keys/harbor-usd") == file)
    }

    // MARK: Errors

    @Test func unknownTopLevelFieldIsRejected() {
        expectInvalid(spoiled("comment", "x"), at: "comment")
    }

    @Test(arguments: ["policy.quorum", "keys[0].url", "keys[1].comment"] as [String])
    func unknownNestedFieldIsRejectedWithItsPath(path: String) {
        expectInvalid(spoiled(DecoderPath(stringLiteral: path), "x"), at: path)
    }

    @Test(arguments: [
        String(repeating: "0123456789ABCDEF", count: 4),
        String(repeating: "a", count: 63),
        String(repeating: "a", count: 65),
        String(repeating: "g", count: 64),
        "sha256:" + String(repeating: "a", count: 57),
        String(repeating: "a", count: 63) + " ",
        "",
    ])
    func keyIDThatIsNotSixtyFourLowercaseHexDigitsIsRejected(id: String) {
        expectInvalid(spoiled("keys[0].id", .string(id)), at: "keys[0].id")
    }

    @Test(arguments: [
        "../issuer.pem", "keys/issuer.pem", "/etc/issuer.pem", "..", ".hidden.pem", "issuer.der", "a\\b.pem",
        "issuer .pem", "issuér.pem", "..pem", "",
    ])
    func keyFileNameThatIsNotAPlainPEMNameIsRejected(name: String) {
        expectInvalid(spoiled("keys[0].file", .string(name)), at: "keys[0].file")
    }

    @Test func keyFileNameLongerThan128BytesIsRejected() {
        expectInvalid(spoiled("keys[0].file", .string(String(repeating: "k", count: 125) + ".pem")), at: "keys[0].file")
        #expect(throws: Never.self) {
            _ = try decode(spoiled("keys[0].file", .string(String(repeating: "k", count: 124) + ".pem")))
        }
    }

    @Test func notAfterBeforeNotBeforeIsRejected() {
        let message = expectInvalid(spoiled("keys[0].notAfter", "2025-12-31T23:59:59Z"), at: "keys[0].notAfter")
        #expect(message == "keys/kizuna-yen/trust.json: keys[0].notAfter: notAfter is before notBefore")
    }

    @Test func duplicateKeyIDsAreRejectedAtTheSecond() {
        let message = expectInvalid(spoiled("keys[1].id", .string(Self.issuerKeyID)), at: "keys[1].id")
        #expect(
            message
                == "keys/kizuna-yen/trust.json: keys[1].id: key "
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef is listed twice"
        )
    }

    @Test func requiredRoleListedTwiceIsRejected() {
        expectInvalid(spoiled("policy.requiredRoles", ["issuer", "issuer"]), at: "policy.requiredRoles")
    }

    @Test func optionalRoleListedTwiceIsRejected() throws {
        let value = spoiled("policy.optionalRoles", ["auditor", "auditor"])
        expectInvalid(value, at: "policy.optionalRoles")

    }

    @Test func roleBothRequiredAndOptionalIsRejected() {
        let message = expectInvalid(
            spoiled("policy.optionalRoles", ["auditor", "custodian"]), at: "policy.optionalRoles")
        #expect(message == "keys/kizuna-yen/trust.json: policy.optionalRoles: a role is both required and optional")
    }

    @Test func minimumSignaturesBelowTheRequiredRolesIsRejected() {
        let message = expectInvalid(spoiled("policy.minimumSignatures", 1), at: "policy.minimumSignatures")
        #expect(message == "keys/kizuna-yen/trust.json: policy.minimumSignatures: 1 is fewer than the 2 required roles")
    }

    @Test(
        arguments: [
            ("policy.minimumSignatures", JSONValue.number("0")), ("policy.minimumSignatures", .number("17")),
            ("policy.freshnessDays", .number("0")),
        ] as [(String, JSONValue)])
    func policyNumberOutOfRangeIsRejected(path: String, value: JSONValue) {
        expectInvalid(spoiled(DecoderPath(stringLiteral: path), value), at: path)
    }

    @Test func emptyRequiredRolesIsRejected() {
        expectInvalid(spoiled("policy.requiredRoles", []), at: "policy.requiredRoles")
    }

    @Test(
        arguments: [
            ("keys[0].role", "signer"), ("keys[0].algorithm", "ES256"), ("policy.requiredRoles[0]", "owner"),
            ("keys[0].notBefore", "2026-01-01"), ("issuer", "Kizuna Yen"),
        ] as [(String, String)])
    func invalidValuesAreRejectedWithTheirPath(path: String, value: String) {
        expectInvalid(spoiled(DecoderPath(stringLiteral: path), .string(value)), at: path)
    }

    @Test(
        arguments: [
            "format", "issuer", "policy", "keys", "keys[0].id", "keys[0].file", "keys[0].algorithm", "keys[0].role",
            "policy.requiredRoles",
        ] as [String])
    func missingRequiredFieldIsRejectedWithItsPath(path: String) {
        let message = expectInvalid(spoiled(DecoderPath(stringLiteral: path), nil), at: path)
        #expect(message == "\(Self.folder)/trust.json: \(path): required field is missing")
    }

    @Test(arguments: ["reserve-trust/2", "reserve-attestation/1"])
    func unknownFormatIsRejected(format: String) {
        let message = expectInvalid(spoiled("format", .string(format)), at: "format")
        #expect(message == "\(Self.folder)/trust.json: format: \"\(format)\" is not \"reserve-trust/1\"")
    }

    @Test func malformedJSONIsAnInvalidTrustStoreNamingTheFile() {
        let error = decoderError {
            _ = try TrustFile.decode(decoderBytes(#"{"format": "reserve-trust/1",}"#), folder: Self.folder)
        }
        #expect(error?.code == .invalidTrustStore)
        #expect(error?.message.hasPrefix("\(Self.folder)/trust.json: malformed JSON") == true)
    }

    @Test func duplicateJSONKeyIsAnInvalidTrustStore() {
        let text = JSONWriter.write(Self.valid).replacingFirst(
            #""issuer": "kizuna-yen""#,
            with: #""issuer": "kizuna-yen", "issuer": "evil""#)
        let error = decoderError { _ = try TrustFile.decode(decoderBytes(text), folder: Self.folder) }
        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message
                == #"keys/kizuna-yen/trust.json: duplicate key "issuer" at issuer (line 3, column 27, byte 59)"#)
    }

    @Test func nonObjectRootIsRejected() {
        let error = decoderError { _ = try TrustFile.decode(decoderBytes("[]"), folder: Self.folder) }
        #expect(error?.code == .invalidTrustStore)
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced; records an issue when absent.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else {
            Issue.record("\(target) not found")
            return self
        }
        return replacingCharacters(in: range, with: replacement)
    }
}
