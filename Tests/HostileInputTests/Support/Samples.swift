import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import TestSupport
import Testing

/// The shipped samples (payloads, sample-only private keys, the trust store in `keys/`), loaded
/// once: the material every hostile case starts from.
struct Samples: Sendable {
    let sakuraPayload: String
    let kizunaPayload: String
    /// ECDSA P-256, issuer of sakura-pay.
    let sakura: PrivateKey
    /// Ed25519, issuer of kizuna-yen.
    let kizunaIssuer: PrivateKey
    /// ECDSA P-384, custodian of kizuna-yen.
    let kizunaCustodian: PrivateKey
    /// RSA-2048 (PS256), issuer of harbor-usd.
    let harbor: PrivateKey
    let store: TrustStore

    static let shared = Result<Samples, TestFailure>.setUp("the samples could not be loaded from \(packageRoot.path)") {
        func text(_ path: String) throws -> String {
            try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        }
        func key(_ name: String) throws -> PrivateKey {
            try PrivateKey(
                pem: [UInt8](
                    Data(contentsOf: packageRoot.appendingPathComponent("samples/private-keys-SAMPLE-ONLY/\(name).pem"))
                ))
        }
        return Samples(
            sakuraPayload: try text("samples/payloads/sakura-pay-2026-10.json"),
            kizunaPayload: try text("samples/payloads/kizuna-yen-2026-10.json"),
            sakura: try key("sakura-issuer"), kizunaIssuer: try key("kizuna-issuer"),
            kizunaCustodian: try key("kizuna-custodian"), harbor: try key("harbor-issuer"),
            store: try TrustStoreLoader.load(packageRoot.appendingPathComponent("keys").path))
    }

    static func get() throws -> Samples { try shared.get() }

    /// The Sakura Pay payload with each `(old, new)` replacement made; every `old` must occur.
    func sakura(_ edits: [(String, String)]) throws -> [UInt8] {
        try Self.edit(sakuraPayload, edits)
    }

    static func edit(_ text: String, _ edits: [(String, String)]) throws -> [UInt8] {
        var out = text
        for (old, new) in edits { out = try replacing(out, old, new) }
        return Array(out.utf8)
    }

    /// The Sakura payload with a legalName whose bytes make standard base64 use '+' and '/' (and
    /// need '=' padding), for the alphabet and padding cases.
    func sakuraWithBase64Specials() throws -> [UInt8] {
        try sakura([("Sakura Pay K.K. (fictional)", "Sakura Pay K.K. ~~~~~~??????> (fictional)")])
    }

    /// Byte-level edit of the Sakura payload: `marker` (ASCII) replaced by raw bytes.
    func sakuraBytes(replacing marker: String, with bytes: [UInt8]) throws -> [UInt8] {
        let payload = Array(sakuraPayload.utf8)
        let needle = Array(marker.utf8)
        guard
            let start = (0...(payload.count - needle.count)).first(where: {
                Array(payload[$0..<($0 + needle.count)]) == needle
            })
        else {
            throw TestFailure("the sample payload has no \(marker.debugDescription)")
        }
        return Array(payload[..<start]) + bytes + Array(payload[(start + needle.count)...])
    }

    /// A DSSE envelope over `payload`, signed by each key with its default algorithm.
    func dsse(_ payload: [UInt8], signedBy keys: [PrivateKey]) throws -> [UInt8] {
        let message = EnvelopeWriter.dsseSigningInput(payload: payload)
        let signatures = try keys.map { key in
            EnvelopeWriter.Signature(
                keyID: key.publicKey.id, signature: try key.sign(message, algorithm: key.defaultAlgorithm))
        }
        return EnvelopeWriter.dsse(payload: payload, signatures: signatures)
    }

    /// The Sakura sample as a valid DSSE envelope.
    func sakuraDSSE() throws -> [UInt8] { try dsse(Array(sakuraPayload.utf8), signedBy: [sakura]) }

    /// A DSSE envelope written by hand, for malformed variants: the fields are JSON text.
    static func dsseText(
        payloadType: String = "\"\(EnvelopeReader.dssePayloadType)\"", payload: String,
        signatures: String, extra: String = ""
    ) -> [UInt8] {
        Array(
            "{\"payloadType\": \(payloadType), \"payload\": \(payload), \"signatures\": \(signatures)\(extra)}\n".utf8)
    }

    /// The Sakura payload's standard base64 and a valid signature entry (`{"keyid":…,"sig":…}`),
    /// so that a case can garble one part and keep the rest genuine.
    func sakuraParts(payload: [UInt8]? = nil) throws -> (payload: String, keyid: String, sig: String) {
        let bytes = payload ?? Array(sakuraPayload.utf8)
        let signature = try sakura.sign(EnvelopeWriter.dsseSigningInput(payload: bytes), algorithm: .ecdsaP256SHA256)
        return (Base64.encode(bytes), sakura.publicKey.id, Base64.encode(signature))
    }

    /// A JWS compact serialisation: `header` is the protected header's JSON text; the signature
    /// is made with `key` (raw r || s for ECDSA), or given as `signature`.
    func jws(
        header: String, payload: [UInt8], key: PrivateKey?, algorithm: SignatureAlgorithm? = nil,
        signature: [UInt8]? = nil
    ) throws -> [UInt8] {
        let input = Base64.encode(Array(header.utf8), alphabet: .url) + "." + Base64.encode(payload, alphabet: .url)
        var sig = signature ?? []
        if signature == nil, let key {
            sig = try key.sign(Array(input.utf8), algorithm: algorithm ?? key.defaultAlgorithm, encoding: .raw)
        }
        return Array((input + "." + Base64.encode(sig, alphabet: .url)).utf8)
    }
}

/// ECDSA signatures are malleable: (r, s) and (r, n - s) both verify. These helpers make the
/// "high S" twin of a DER or raw signature.
enum ECDSAMalleability {
    // Constants: hex by construction, so the force unwraps cannot fail.
    static let p256Order = [UInt8](hex: "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")!
    static let p384Order = [UInt8](
        hex: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973")!

    /// a - b for big-endian numbers of equal length, a >= b.
    static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: a.count)
        var borrow = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var digit = Int(a[i]) - Int(b[i]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            out[i] = UInt8(digit)
        }
        return out
    }

    /// The larger of s and n - s (a "high S" value), padded to the order's length.
    static func highS(_ s: [UInt8], order: [UInt8]) -> [UInt8] {
        let padded = [UInt8](repeating: 0, count: order.count - s.count) + s
        let twin = subtract(order, padded)
        return padded.lexicographicallyPrecedes(twin) ? twin : padded
    }

    /// (r, s) from a DER `SEQUENCE { INTEGER r, INTEGER s }` (short lengths: P-256 and P-384).
    static func split(der: [UInt8]) throws -> (r: [UInt8], s: [UInt8]) {
        guard der.count > 8, der[0] == 0x30, der[2] == 0x02 else { throw TestFailure("not a DER ECDSA signature") }
        let rLength = Int(der[3])
        let r = Array(der[4..<(4 + rLength)])
        guard der[4 + rLength] == 0x02 else { throw TestFailure("not a DER ECDSA signature") }
        let sLength = Int(der[5 + rLength])
        let s = Array(der[(6 + rLength)..<(6 + rLength + sLength)])
        return (strip(r), strip(s))
    }

    static func strip(_ value: [UInt8]) -> [UInt8] {
        let trimmed = Array(value.drop(while: { $0 == 0 }))
        return trimmed.isEmpty ? [0] : trimmed
    }

    /// Minimal DER INTEGER.
    static func integer(_ value: [UInt8]) -> [UInt8] {
        var body = strip(value)
        if body[0] & 0x80 != 0 { body.insert(0, at: 0) }
        return [0x02, UInt8(body.count)] + body
    }

    static func der(r: [UInt8], s: [UInt8]) -> [UInt8] {
        let body = integer(r) + integer(s)
        return [0x30, UInt8(body.count)] + body
    }

    /// The high-S twin of a DER signature (the same signature when S is already high).
    static func highS(der: [UInt8], order: [UInt8]) throws -> [UInt8] {
        let (r, s) = try split(der: der)
        return Self.der(r: r, s: highS(s, order: order))
    }

    /// The low-S twin of a DER signature.
    static func lowS(der: [UInt8], order: [UInt8]) throws -> [UInt8] {
        let (r, s) = try split(der: der)
        let high = highS(s, order: order)
        return Self.der(r: r, s: subtract(order, high))
    }

    /// The high-S twin of a raw r || s signature.
    static func highS(raw: [UInt8], order: [UInt8]) -> [UInt8] {
        let half = raw.count / 2
        return Array(raw[..<half]) + highS(Array(raw[half...]), order: order)
    }

    /// True when s > n / 2.
    static func isHigh(_ s: [UInt8], order: [UInt8]) -> Bool {
        let padded = [UInt8](repeating: 0, count: order.count - s.count) + strip(s).suffix(order.count)
        return subtract(order, padded).lexicographicallyPrecedes(padded)
    }
}

/// The `reserve-verifier` binary that `swift test` built beside the test bundle, run with a
/// deadline: a hang is killed and reported, never waited out.
enum CLI {
    /// Runs the binary in `directory`, stdout and stderr through files; kills it after `deadline`.
    static func run(_ arguments: [String], in directory: URL, deadline: Duration = .seconds(30)) throws -> Outcome {
        let result = try VerifierBinary.run(arguments, in: directory, deadline: deadline)
        return .process(status: result.status, stdout: result.output, stderr: result.stderr)
    }
}

/// When `HOSTILE_SEED_DIR` is set (by scripts/fuzz.sh), every input the catalogue feeds a reader
/// is also written there, as `<dir>/<fuzz target>/<hash>`: the fuzzers' seed corpus. Inputs over
/// 64 KiB are left out (the 10 MB cases): libFuzzer's mutations work best on small seeds.
enum SeedExport {
    static let directory = ProcessInfo.processInfo.environment["HOSTILE_SEED_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    static func record(_ bytes: [UInt8], target: String) {
        guard let directory, bytes.count <= 64 * 1024 else { return }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(target)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data(bytes).write(to: folder.appendingPathComponent("catalogue-" + String(hash, radix: 16)))
    }
}
