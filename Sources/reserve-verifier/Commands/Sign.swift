import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a payload into a DSSE envelope on stdout (issuers), or add a co-signature to an envelope.",
        discussion:
            """
            The payload is linted first: an invalid payload is never signed. The envelope's keyid is the public key's \
            id.
            """
    )

    @Option(help: "The private key (PEM, unencrypted PKCS#8, EC or RSA).", completion: .file(extensions: ["pem"]))
    var key: String

    @Option(help: "Algorithm for an RSA key: rsa-pss-sha256 (default) or rsa-pkcs1-sha256.")
    var algorithm: AlgorithmArgument?

    @Flag(help: "The input is a DSSE envelope to co-sign (custodian, auditor), not a payload.")
    var cosign = false

    @Argument(help: "The payload JSON (or, with --cosign, the envelope).", completion: .file())
    var input: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let privateKey = try PrivateKey(pem: try Files.read(key, limit: 64 * 1024))
            let chosen = algorithm?.algorithm ?? privateKey.defaultAlgorithm
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
                throw ExitCode.notChecked
            }
            let keyID = privateKey.publicKey.id
            if signatures.contains(where: { $0.keyID == keyID }) {
                throw VerifierError(.malformedEnvelope, "the envelope already carries a signature by key \(keyID)")
            }
            let signature = try privateKey.sign(EnvelopeWriter.dsseSigningInput(payload: payload), algorithm: chosen)
            signatures.append(EnvelopeWriter.Signature(keyID: keyID, signature: signature))
            Console.out(String(decoding: EnvelopeWriter.dsse(payload: payload, signatures: signatures), as: UTF8.self))
        }
    }
}
