import Dispatch
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// RFC 3161 timestamps on verification records: a request to a time-stamping authority over
/// HTTP(S) (RFC 3161 section 3.4: `application/timestamp-query` in, `application/timestamp-reply`
/// out), the reply checked against the TSAs the trust store lists (`keys/_tsa/`), and kept as
/// `<record>.tsr` beside the record, as tokens sit beside envelopes. The message imprint is
/// SHA-256 over the record's signature bytes, as for any envelope (docs/TRUST-STORE.md, "Timestamps").
enum RecordTimestamp {
    /// A DER `TimeStampReq` (version 1, SHA-256 imprint of `digest`, `certReq` true, no nonce and no
    /// policy), as `openssl ts -query -sha256 -cert -no_nonce` writes it.
    static func request(sha256 digest: [UInt8]) -> [UInt8] {
        let sha256OID: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
        let algorithm: [UInt8] = [0x30, UInt8(sha256OID.count + 2)] + sha256OID + [0x05, 0x00]
        let hashed: [UInt8] = [0x04, UInt8(digest.count)] + digest
        let imprint: [UInt8] = [0x30, UInt8(algorithm.count + hashed.count)] + algorithm + hashed
        let body: [UInt8] = [0x02, 0x01, 0x01] + imprint + [0x01, 0x01, 0xFF]
        return [0x30, UInt8(body.count)] + body
    }

    /// The raw signature bytes of a DSSE envelope, concatenated in order: what a timestamp covers.
    static func signatureBytes(_ envelope: [UInt8]) throws(VerifierError) -> [UInt8] {
        guard case .object(let o) = try JSONParser().parse(envelope), case .array(let signatures)? = o["signatures"]
        else {
            throw VerifierError(.malformedEnvelope, "the record is not a DSSE envelope")
        }
        var bytes: [UInt8] = []
        for case .object(let s) in signatures {
            guard case .string(let text)? = s["sig"], let sig = Base64.decodeEither(text.utf8) else {
                throw VerifierError(.malformedEnvelope, "a record signature is not base64")
            }
            bytes += sig
        }
        return bytes
    }

    /// Asks the TSA at `url` for a token over `envelope`'s signatures and checks it against
    /// `authorities`. - Throws: E061 when the TSA cannot be reached or answers with an HTTP
    /// error; E060 when its token is not valid for the trust store.
    static func stamp(
        _ envelope: [UInt8], url: String, authorities: [TimestampAuthority]
    ) throws(VerifierError)
        -> (token: [UInt8], check: TimestampCheck)
    {
        let message = try signatureBytes(envelope)
        let token = try post(request(sha256: OpenSSLProvider().sha256(message)), to: url)
        let result = try TimestampToken.verify(token, message: message, authorities: authorities)
        guard result.check.status == .valid else {
            throw VerifierError(
                .invalidConfiguration,
                "the time-stamping authority at \(url) sent a token that does not "
                    + "verify against keys/_tsa: \(result.check.reason)")
        }
        return (token, result.check)
    }

    /// The check of `token` over `envelope`'s signatures.
    static func check(
        _ token: [UInt8], envelope: [UInt8], authorities: [TimestampAuthority]
    ) throws(VerifierError)
        -> TimestampCheck
    {
        try TimestampToken.verify(token, message: try signatureBytes(envelope), authorities: authorities).check
    }

    /// Result of one HTTP exchange, handed from URLSession's callback.
    private final class Exchange: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var body: Data?
        var status = 0
        var failure: String?
    }

    static func post(_ request: [UInt8], to url: String, timeout: TimeInterval = 30) throws(VerifierError) -> [UInt8] {
        guard let target = URL(string: url), ["http", "https"].contains(target.scheme ?? "") else {
            throw VerifierError(.invalidConfiguration, "--tsa-url must be an http or https URL: \(url)")
        }
        var http = URLRequest(url: target, timeoutInterval: timeout)
        http.httpMethod = "POST"
        http.setValue("application/timestamp-query", forHTTPHeaderField: "Content-Type")
        http.httpBody = Data(request)
        let exchange = Exchange()
        let task = URLSession.shared.dataTask(with: http) { data, response, error in
            exchange.body = data
            exchange.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            exchange.failure = error.map { "\($0.localizedDescription)" }
            exchange.done.signal()
        }
        task.resume()
        exchange.done.wait()
        if let failure = exchange.failure {
            throw VerifierError(.network, "the time-stamping authority at \(url) could not be reached: \(failure)")
        }
        guard exchange.status == 200, let body = exchange.body, !body.isEmpty, body.count <= 64 * 1024 else {
            throw VerifierError(
                .network,
                "the time-stamping authority at \(url) answered HTTP \(exchange.status) "
                    + "with \(exchange.body?.count ?? 0) bytes")
        }
        return [UInt8](body)
    }
}
