import ArgumentParser
import Foundation
import ReserveCore
import ReserveIO
import ReserveCrypto

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an unsigned payload before signing: print every problem (exit 0 none, 1 some).",
        discussion: "With --rules, also show what the rules would say of the draft if it were validly signed.")

    @Argument(help: "The payload (reserve-attestation/1 JSON), or an envelope whose payload to check.", completion: .file())
    var payload: String

    @Flag(help: "Also evaluate the rules on the draft.")
    var rules = false

    @OptionGroup var profile: ProfileOption

    @Option(help: "Evaluate as of this RFC 3339 UTC time (default: now).")
    var at: Timestamp?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try Files.read(payload, limit: limits.maxBytes)
        } catch {
            Console.error(error)
            throw ExitCode(2)
        }
        // An envelope is opened (not verified) so issuers can lint what they are about to publish.
        var payloadBytes = bytes
        if let envelope = try? EnvelopeReader(limits: limits.limits).open(bytes), envelope.kind != .unsigned {
            payloadBytes = envelope.payload
        }
        let decoder = AttestationDecoder(limits: limits.limits)
        let problems: [VerifierError]
        var evaluation: Evaluation?
        switch decoder.decodeAll(payloadBytes) {
        case .failure(let failure):
            problems = failure.problems
        case .success(let attestation):
            problems = []
            if rules { evaluation = Evaluator(profile: profile.value).evaluateDraft(attestation, at: at ?? Clock.now()) }
        }
        switch format {
        case .json:
            var root = JSONObject()
            root["source"] = .string(payload)
            root["problems"] = .array(problems.map { ["code": .string($0.code.rawValue), "name": .string($0.code.name), "message": .string($0.message)] })
            if let evaluation {
                root["findings"] = .array(evaluation.findings.map(ReportRenderer.json))
                root["verdict"] = ReportRenderer.json(evaluation.verdict)
            }
            Console.out(JSONWriter.write(.object(root)) + "\n")
        case .text:
            var out = ""
            if problems.isEmpty {
                out += "\(payload): no problems\n"
            } else {
                out += "\(payload): \(problems.count) problem\(problems.count == 1 ? "" : "s")\n"
                for p in problems { out += "  \(p.code.rawValue) \(p.code.name): \(p.message)\n" }
            }
            if let evaluation {
                let v = evaluation.verdict
                out += "  draft verdict: \(v.eligible ? "would be eligible" : "not eligible, blocked by \(v.blocking.map(\.rawValue).joined(separator: ", "))") under \(v.profile)\n"
                for f in evaluation.findings where f.status != .pass && f.status != .notApplicable {
                    out += "  \(f.status.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(f.rule.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0))\(f.message)\n"
                }
            }
            Console.out(out)
        }
        if !problems.isEmpty || evaluation?.verdict.eligible == false { throw ExitCode(1) }
    }
}

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign a payload into a DSSE envelope on stdout (issuers), or add a co-signature to an envelope.",
        discussion: "The payload is linted first: an invalid payload is never signed. The envelope's keyid is the public key's id.")

    @Option(help: "The private key (PEM, unencrypted PKCS#8, EC or RSA).", completion: .file(extensions: ["pem"]))
    var key: String

    @Option(help: "Algorithm for an RSA key: rsa-pss-sha256 (default) or rsa-pkcs1-sha256.")
    var algorithm: String?

    @Flag(help: "The input is a DSSE envelope to co-sign (custodian, auditor), not a payload.")
    var cosign = false

    @Argument(help: "The payload JSON (or, with --cosign, the envelope).", completion: .file())
    var input: String

    func validate() throws {
        if let algorithm, SignatureAlgorithm(rawValue: algorithm) == nil {
            throw ValidationError("unknown algorithm '\(algorithm)'")
        }
    }

    func run() throws {
        do {
            let privateKey = try PrivateKey(pem: try Files.read(key, limit: 64 * 1024))
            let chosen = algorithm.flatMap(SignatureAlgorithm.init(rawValue:)) ?? privateKey.defaultAlgorithm
            guard chosen.accepts(privateKey.type) else {
                throw VerifierError(.invalidKey, "a \(privateKey.type) key cannot sign \(chosen.rawValue)")
            }
            let bytes = try Files.read(input, limit: DecodingLimits.default.maxBytes)
            var payload = bytes
            var signatures: [EnvelopeWriter.Signature] = []
            if cosign {
                (payload, signatures) = try EnvelopeWriter.openDSSE(bytes)
            }
            let problems = AttestationDecoder().problems(in: payload)
            if !problems.isEmpty {
                Console.err("\(input): \(problems.count) problem\(problems.count == 1 ? "" : "s"); not signed\n")
                for p in problems { Console.err("  \(p.code.rawValue) \(p.code.name): \(p.message)\n") }
                throw ExitCode(2)
            }
            let keyID = privateKey.publicKey.id
            if signatures.contains(where: { $0.keyID == keyID }) {
                throw VerifierError(.malformedEnvelope, "the envelope already carries a signature by key \(keyID)")
            }
            let signature = try privateKey.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: chosen)
            signatures.append(EnvelopeWriter.Signature(keyID: keyID, signature: signature))
            Console.out(String(decoding: EnvelopeWriter.dsse(payload: payload, signatures: signatures), as: UTF8.self))
        } catch let error as VerifierError {
            Console.error(error)
            throw ExitCode(2)
        }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of reserve-attestation/1.")

    func run() throws {
        Console.out(AttestationSchema.json)
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Print the rule catalogue of a profile.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @OptionGroup var profile: ProfileOption

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: Console.out(RuleCatalogue.text(profile.value))
        case .json: Console.out(RuleCatalogue.json(profile.value))
        case .markdown: Console.out(RuleCatalogue.markdown(profile.value))
        }
    }
}
