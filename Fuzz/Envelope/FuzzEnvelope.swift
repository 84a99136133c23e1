import Foundation
import ReserveCore

/// libFuzzer target for everything that reads untrusted bytes in ReserveCore: envelope detection
/// (DSSE, JWS, bare payload with or without a detached signature), the strict JSON parser, the
/// attestation decoder, the whole verifier against an in-memory trust store, the rules of every
/// profile and the report renderers on what decodes, strict base64 and the trust-store file
/// decoder. Besides "no crash, no hang", it checks properties that must hold for every input (they
/// trap when broken, which libFuzzer reports as a crash):
///
/// - every error carries a message that is not empty and at most 4 KiB, whatever the input;
/// - strict base64 is canonical: whatever decodes re-encodes to the same text;
/// - the JSON writer is a fixed point: write(parse(write(v))) == write(v);
/// - a payload the decoder accepts is accepted again by the verifier with the same attestation;
/// - the one-pass decoder and the tree decoder accept the same payloads, with the same attestation;
/// - trust.json survives its own encoder, and the JSON report is strict JSON.
///
/// Build and run: README "Fuzzing" (scripts/fuzz.sh envelope SECONDS). Without -DFUZZING this is a
/// plain program that replays the files named on its command line through the target once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEnvelope.one(bytes)
    return 0
}

enum FuzzEnvelope {
    /// Small limits so that the fuzzer reaches the limit checks with small inputs.
    static let smallLimits: DecodingLimits = {
        var limits = DecodingLimits()
        limits.maxBytes = 4096
        limits.maxReserveLines = 4
        limits.maxListItems = 4
        limits.maxStringBytes = 64
        limits.maxDepth = 8
        return limits
    }()

    static let store: TrustStore = FakeCrypto.sampleStore()

    static func one(_ bytes: [UInt8]) {
        // The parser alone, and the writer's fixed point on what it accepts.
        do {
            let value = try JSONParser().parse(bytes)
            let written = JSONWriter.write(value, pretty: false)
            guard let again = try? JSONParser().parse(Array(written.utf8)) else {
                fatalError("the parser rejects the writer's output: \(written.prefix(200))")
            }
            check(JSONWriter.write(again, pretty: false) == written, "JSON writer is not a fixed point")
        } catch {
            checkMessage(error)
        }

        // Envelopes and payloads, with the default and with small limits.
        for limits in [DecodingLimits.default, smallLimits] {
            let reader = EnvelopeReader(limits: limits)
            let decoder = AttestationDecoder(limits: limits)
            do {
                let envelope = try reader.open(bytes)
                _ = envelope.signatures.count
                let problems = decoder.problems(in: envelope.payload)
                problems.forEach(checkMessage)
                if problems.isEmpty {
                    let verifier = AttestationVerifier(store: store, provider: FakeCrypto(), limits: limits)
                    do {
                        let verified = try verifier.verify(bytes, at: evaluatedAt)
                        let decoded = try decoder.decode(envelope.payload)
                        check(verified.attestation == decoded, "verifier and decoder disagree on one payload")
                        for signature in verified.signatures {
                            check(!signature.reason.isEmpty, "a signature check without a reason")
                        }
                        evaluate(verified)
                    } catch {
                        checkMessage(error)
                    }
                }
            } catch {
                checkMessage(error)
            }
            decoder.problems(in: bytes).forEach(checkMessage)
            checkDecodersAgree(bytes, decoder: decoder, limits: limits)
        }

        // A bare payload with a detached signature: split the input at its first NUL byte.
        if let split = bytes.firstIndex(of: 0) {
            let payload = Array(bytes[..<split])
            let signature = Array(bytes[(split + 1)...])
            do {
                let verified = try AttestationVerifier(store: store, provider: FakeCrypto()).verify(
                    payload, detachedSignature: signature, at: evaluatedAt)
                check(verified.envelope != .unsigned, "a payload with a detached signature reported as unsigned")
            } catch {
                checkMessage(error)
            }
        }

        // Strict base64: canonical in both alphabets.
        if let decoded = Base64.decode(bytes, alphabet: .standard) {
            check(
                Array(Base64.encode(decoded, alphabet: .standard).utf8) == bytes,
                "standard base64 accepted a non-canonical text")
        }
        if let decoded = Base64.decode(bytes, alphabet: .url) {
            let unpadded = Array(bytes.reversed().drop(while: { $0 == UInt8(ascii: "=") }).reversed())
            check(
                Array(Base64.encode(decoded, alphabet: .url).utf8) == unpadded,
                "URL-safe base64 accepted a non-canonical text")
        }
        if bytes.count <= 512 {
            let encoded = Base64.encode(bytes)
            check(Base64.decode(Array(encoded.utf8), alphabet: .standard) == bytes, "base64 does not round-trip")
        }

        // trust.json.
        do {
            let file = try TrustFile.decode(bytes, folder: "fuzz")
            let again = try TrustFile.decode(file.encoded(), folder: "fuzz")
            check(again == file, "trust.json does not round-trip through its encoder")
        } catch {
            checkMessage(error)
        }
    }

    static let evaluatedAt = Timestamp.parse("2026-11-22T00:00:00Z")!  // a constant: parses by construction

    /// Every rule of every profile on the decoded content (as `lint --rules` runs them, whatever
    /// the signatures say), the verifier's own evaluation, and both renderings of the report.
    static func evaluate(_ verified: VerifiedAttestation) {
        for profile in Profile.all {
            let draft = Evaluator(profile: profile).evaluateDraft(verified.attestation, at: evaluatedAt)
            check(!draft.findings.isEmpty, "a draft evaluation without findings")
        }
        let evaluation = Evaluator(profile: .bcbs).evaluate(verified, history: .unrecorded, at: evaluatedAt)
        let report = RunReport(
            tool: "fuzz", evaluatedAt: evaluatedAt, profile: Profile.bcbs.versionedName,
            results: [AttestationReport(source: "fuzz", outcome: .checked(verified, evaluation))])
        let json = ReportRenderer.json(report)
        check((try? JSONParser().parse(Array(json.utf8))) != nil, "the JSON report is not strict JSON")
        _ = ReportRenderer.text(report, style: .init(color: true))
    }

    /// The one-pass decoder (tried first by `decodeAll`) accepts exactly what the tree decoder
    /// accepts, with the same attestation: it may give up on anything, never accept more or differ.
    static func checkDecodersAgree(_ bytes: [UInt8], decoder: AttestationDecoder, limits: DecodingLimits) {
        guard bytes.count <= limits.maxBytes else { return }
        let direct = try? decoder.decodeAll(bytes).get()
        let tree: Attestation?
        do {
            tree = try decoder.decodeAll(JSONParser(maxDepth: limits.maxDepth).parse(bytes)).get()
        } catch {
            tree = nil
        }
        check(direct == tree, "the one-pass decoder and the tree decoder disagree on one payload")
    }

    static func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError(what()) }
    }

    /// Error messages stay short and say something, whatever the input (a 10 MB key must not
    /// become a 10 MB message).
    static func checkMessage(_ error: VerifierError) {
        check(!error.message.isEmpty, "an error without a message: \(error.code.rawValue)")
        check(
            error.message.utf8.count <= 4096,
            "an error message of \(error.message.utf8.count) bytes: \(error.message.prefix(200))")
    }
}

/// A stand-in for OpenSSL so that the pure core can be fuzzed without a C library: a key "is" its
/// key id (the PEM file's content), and a signature verifies when it is the bytes `VALID` (the
/// fuzzer finds them through its comparison tracing). `ERROR` makes the library fail (E040).
struct FakeCrypto: CryptoProvider {
    struct Key: VerificationKey {
        let id: String
        let type: KeyType
        func verify(
            signature: [UInt8], message: [UInt8], algorithm: SignatureAlgorithm,
            encoding: ECDSASignatureEncoding
        ) throws(VerifierError) -> Bool {
            if signature == Array("ERROR".utf8) { throw VerifierError(.cryptoLibrary, "fake library failure") }
            return signature == Array("VALID".utf8)
        }
    }

    func sha256(_ bytes: [UInt8]) -> [UInt8] {
        // Not SHA-256: 32 bytes of FNV-1a, enough for digests in reports.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var out: [UInt8] = []
        for round in 0..<4 {
            hash ^= UInt64(round)
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            withUnsafeBytes(of: hash.bigEndian) { out += $0 }
        }
        return out
    }

    func publicKey(pem: [UInt8]) throws(VerifierError) -> any VerificationKey {
        let text = String(decoding: pem, as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { throw VerifierError(.invalidKey, "fake key: expected '<id> <type>'") }
        let type: KeyType
        switch parts[1] {
        case "ed25519": type = .ed25519
        case "p256": type = .ecP256
        case "p384": type = .ecP384
        default: type = .rsa(bits: 2048)
        }
        return Key(id: String(parts[0]), type: type)
    }

    /// No CMS here: a token verifies when it is the bytes `VALID`, like a signature.
    func verifyTimestamp(
        _ token: [UInt8], message: [UInt8],
        authorities: [TimestampAuthority]
    ) throws(VerifierError) -> TimestampCheck {
        token == Array("VALID".utf8)
            ? TimestampCheck(status: .valid, time: Timestamp(seconds: 0), authority: "fake", reason: "fake token")
            : .invalid("fake token")
    }

    /// The shipped samples' trust store (issuers, key ids, roles and policies of `keys/`), with
    /// fake keys, so that the sample envelopes in the seed corpus find their issuers and hints.
    static func sampleStore() -> TrustStore {
        let issuers:
            [(name: String, required: [String], keys: [(id: String, algorithm: String, role: String, type: String)])] =
                [
                    (
                        "harbor-usd", ["issuer"],
                        [
                            (
                                "c97397da5fceed638c8536e62b543dc102c8d10b2b847c3cc26a324829d1bcd5", "rsa-pss-sha256",
                                "issuer", "rsa"
                            )
                        ]
                    ),
                    (
                        "kizuna-yen", ["issuer", "custodian"],
                        [
                            (
                                "32028d3bcb223594f8daa66bd9164274d23983862c62fb81c08f32bbf5aeb031", "ed25519", "issuer",
                                "ed25519"
                            ),
                            (
                                "d0fd6f405977a45a867e7116a7d5781fa105cf6da14152d7a68955e445b76a74", "ecdsa-p384-sha384",
                                "custodian", "p384"
                            ),
                        ]
                    ),
                    (
                        "sakura-pay", ["issuer"],
                        [
                            (
                                "f1a7a7c9a22e417f8ce7f693a868f372ab3ad131808d16afd5055ece7ed1a4bc", "ecdsa-p256-sha256",
                                "issuer", "p256"
                            )
                        ]
                    ),
                    // A revoked key and an auditor that is neither required nor optional.
                    (
                        "tideline-usd", ["issuer"],
                        [
                            (
                                "af4c7a8d0a5308e60e84379913eb18c19c562039bc06f1e68e6b2b20110b3c8c", "ecdsa-p256-sha256",
                                "issuer", "p256"
                            ),
                            (
                                "0000000000000000000000000000000000000000000000000000000000000001", "ecdsa-p256-sha256",
                                "auditor", "p256"
                            ),
                        ]
                    ),
                ]
        var folders: [TrustStore.Folder] = []
        for issuer in issuers {
            var pems: [String: [UInt8]] = [:]
            var entries: [String] = []
            for (i, key) in issuer.keys.enumerated() {
                let file = "key-\(i).pem"
                pems[file] = Array("\(key.id) \(key.type)".utf8)
                let revoked = key.role == "auditor" ? ", \"revokedAt\": \"2026-06-01T00:00:00Z\"" : ""
                entries.append(
                    """
                    {"id": "\(key.id)", "file": "\(file)", "algorithm": "\(key.algorithm)", "role": "\(key.role)",
                     "notBefore": "2026-01-01T00:00:00Z", "notAfter": "2027-12-31T23:59:59Z"\(revoked)}
                    """)
            }
            let required = issuer.required.map { "\"\($0)\"" }.joined(separator: ", ")
            let trust = """
                {"format": "reserve-trust/1", "issuer": "\(issuer.name)",
                 "policy": {"requiredRoles": [\(required)], "optionalRoles": [], "freshnessDays": 35},
                 "keys": [\(entries.joined(separator: ", "))]}
                """
            folders.append(TrustStore.Folder(name: issuer.name, trustJSON: Array(trust.utf8), pemFiles: pems))
        }
        do {
            return try TrustStore.load(folders, provider: FakeCrypto())
        } catch {
            fatalError("the fuzz target's trust store does not load: \(error)")
        }
    }
}

#if !FUZZING
    /// Without libFuzzer: replays the files named on the command line through the target once.
    @main
    struct FuzzEnvelopeMain {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { buffer in
                    fuzzEnvelope(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }
            }
        }
    }
#endif
