import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// RFC 3161 tokens through OpenSSL's TS API, with real tokens from `openssl ts -reply` and two
/// test TSAs (one trusted, one not).
@Suite struct TimestampTokenTests {
    static let tsas: Result<(trusted: TestTSA, other: TestTSA), TestFailure> = .setUp("could not make test TSAs") {
        (try TestTSA.make(name: "test-tsa"), try TestTSA.make(name: "other-tsa"))
    }

    let trusted: TestTSA
    let other: TestTSA
    /// Stands for the signature bytes of an envelope.
    let message = Array("signature bytes of an envelope".utf8)

    init() throws {
        (trusted, other) = try Self.tsas.get()
    }

    func authority(
        _ tsa: TestTSA, name: String? = nil, caCertificate: Bool = false, notBefore: Timestamp? = nil,
        notAfter: Timestamp? = nil
    ) throws -> TimestampAuthority {
        let pem = caCertificate ? tsa.caCertificatePEM : tsa.certificatePEM
        return TimestampAuthority(
            name: name ?? tsa.name, file: "\(tsa.name).pem",
            certificateDER: try TimestampToken.certificateDER(pem: pem),
            notBefore: notBefore, notAfter: notAfter)
    }

    /// The token's `genTime` as OpenSSL's own printer gives it (`openssl ts -reply -text`, a line
    /// such as `Time stamp: Dec  1 08:52:10 2026 GMT`): the time the test TSA wrote, read without
    /// our parser and without a clock.
    static func printedTime(of response: [UInt8]) throws -> Timestamp {
        let openssl = try OpenSSLTool.locate()
        let text = try withTemporaryDirectory { dir in
            try dir.write(response, to: "response.tsr")
            return String(
                decoding: try openssl.check(["ts", "-reply", "-in", "response.tsr", "-text"], in: dir), as: UTF8.self)
        }
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Time stamp: ") })
        let parts = line.dropFirst("Time stamp: ".count).split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        try #require(parts.count == 5 && parts[4] == "GMT", "\(line)")
        let month = try #require(months.firstIndex(of: String(parts[0]))) + 1
        let day = try #require(Int(parts[1]))
        let year = try #require(Int(parts[3]))
        let iso = String(format: "%04d-%02d-%02dT%@Z", year, month, day, String(parts[2]))
        return try #require(Timestamp.parse(iso), "\(iso)")
    }

    @Test func validTokenGivesItsTimeAndAuthority() throws {
        let token = try trusted.token(over: message)
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .valid, "\(result.check.reason)")
        #expect(result.check.authority == "test-tsa")
        let time = try #require(result.check.time)
        #expect(time == (try Self.printedTime(of: token)))
        #expect(result.check.time?.nanoseconds == 0)
        // OpenSSL writes the subject line (its order and separators vary by version): the name is searched for.
        #expect(result.subject?.contains("CN=test-tsa TSA") == true, "\(result.subject ?? "nil")")
        let der = try TimestampToken.certificateDER(pem: trusted.certificatePEM)
        #expect(result.certificateSHA256 == OpenSSLProvider().sha256(der).hex)
        // The provider gives the core the same check.
        let check = try OpenSSLProvider().verifyTimestamp(
            token, message: message,
            authorities: [try authority(trusted)])
        #expect(check.status == .valid && check.authority == "test-tsa")
    }

    @Test func bareTimeStampTokenIsAccepted() throws {
        let token = try trusted.token(over: message, tokenOnly: true)
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .valid, "\(result.check.reason)")
    }

    @Test func tokenWithoutTheTSACertificateFindsItAmongTheAuthorities() throws {
        let token = try trusted.token(over: message, includeCertificate: false)
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .valid, "\(result.check.reason)")
        // Listed only as its CA, the TSA's certificate is nowhere to be found.
        let onlyCA = try TimestampToken.verify(
            token, message: message, authorities: [try authority(trusted, caCertificate: true)])
        #expect(onlyCA.check.status == .invalid)
    }

    @Test func caCertificateListedAsTheAuthorityTrustsTheTSAsItIssued() throws {
        let token = try trusted.token(over: message)
        let result = try TimestampToken.verify(
            token, message: message, authorities: [try authority(trusted, name: "test-root", caCertificate: true)])
        #expect(result.check.status == .valid, "\(result.check.reason)")
        #expect(result.check.authority == "test-root")
    }

    @Test func tokenOverOtherBytesIsAnImprintMismatch() throws {
        let token = try trusted.token(over: Array("other signature bytes".utf8))
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .invalid)
        #expect(result.check.time == nil && result.check.authority == nil)
        // The reason is OpenSSL's TS_RESP_verify text, which varies by version: searched for, not compared.
        #expect(result.check.reason.contains("message imprint mismatch"), "\(result.check.reason)")
    }

    @Test func tokenFromAnUntrustedTSAIsInvalid() throws {
        let token = try other.token(over: message)
        let result = try TimestampToken.verify(
            token, message: message, authorities: [try authority(trusted), try authority(trusted, caCertificate: true)])
        #expect(result.check.status == .invalid)
        // OpenSSL's text (varies by version), as above.
        #expect(result.check.reason.contains("certificate verify error"), "\(result.check.reason)")
    }

    @Test func sha1ImprintIsRefused() throws {
        let token = try trusted.token(over: message, digest: "sha1")
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .invalid)
        #expect(result.check.reason == "the timestamp imprints its message with SHA1; the verifier requires SHA-256")
    }

    /// A request for a digest the TSA does not offer (SHA-224 is not in its `digests`) gets a
    /// response with PKIStatus rejection (2) and no token.
    @Test func responseThatRefusesTheRequestIsInvalid() throws {
        let refusal = try trusted.token(over: message, digest: "sha224")
        let result = try TimestampToken.verify(refusal, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .invalid)
        #expect(result.check.reason == "the TSA did not grant the timestamp (PKIStatus 2)")
    }

    @Test func timeOutsideTheAuthoritysListedValidityIsInvalid() throws {
        let token = try trusted.token(over: message)
        let retired = try authority(trusted, notAfter: Timestamp.parse("2020-01-01T00:00:00Z"))
        let late = try TimestampToken.verify(token, message: message, authorities: [retired])
        #expect(late.check.status == .invalid)
        // The token's time is the test TSA's clock when it signed (now): that part is a pattern.
        #expect(
            late.check.reason.wholeMatch(
                of:
                    #/the timestamp's time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is after TSA test-tsa is trusted \(2020-01-01T00:00:00Z\)/#
            )
                != nil, "\(late.check.reason)")
        let future = try authority(trusted, notBefore: Timestamp.parse("2199-01-01T00:00:00Z"))
        let early = try TimestampToken.verify(token, message: message, authorities: [future])
        #expect(early.check.status == .invalid)
        #expect(
            early.check.reason.wholeMatch(
                of:
                    #/the timestamp's time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is before TSA test-tsa is trusted \(2199-01-01T00:00:00Z\)/#
            )
                != nil, "\(early.check.reason)")
    }

    @Test func noTrustedAuthorityMeansInvalid() throws {
        let token = try trusted.token(over: message)
        let result = try TimestampToken.verify(token, message: message, authorities: [])
        #expect(result.check.status == .invalid)
        #expect(result.check.reason == "the trust store lists no time-stamping authority (keys/_tsa/tsa.json)")
    }

    enum Corruption: String, CaseIterable, Sendable {
        case flippedSignatureByte, flippedTimeByte, truncated, trailingByte, garbage, empty
    }

    @Test(arguments: Corruption.allCases)
    func corruptedTokenIsInvalidNotACrash(_ corruption: Corruption) throws {
        var token = try trusted.token(over: message)
        switch corruption {
        case .flippedSignatureByte: token[token.count - 10] ^= 0x01  // the CMS signature ends the token
        case .flippedTimeByte:
            // genTime, GeneralizedTime "20YYMMDDhhmmssZ" (the certificates use UTCTime): change
            // the last digit of the seconds, so the signed TSTInfo no longer matches its signature.
            let index = try #require(Self.firstIndex(of: [0x18, 0x0F] + Array("20".utf8), in: token)) + 2 + 13
            token[index] = token[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        case .truncated: token.removeLast(20)
        case .trailingByte: token.append(0)
        case .garbage: token = Array("not a token".utf8)
        case .empty: token = []
        }
        let result = try TimestampToken.verify(token, message: message, authorities: [try authority(trusted)])
        #expect(result.check.status == .invalid)
        #expect(!result.check.reason.isEmpty)
    }

    @Test(arguments: ["public key", "two certificates", "garbage", "private key"])
    func tsaCertificateFileMustHoldOneCertificate(_ kind: String) throws {
        let pem: [UInt8]
        switch kind {
        case "public key": pem = try TestKeys.load().p256.publicPEM
        case "two certificates": pem = trusted.certificatePEM + trusted.caCertificatePEM
        case "private key": pem = try TestKeys.load().p256.privatePEM
        default: pem = Array("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8)
        }
        let error = #expect(throws: VerifierError.self) { try TimestampToken.certificateDER(pem: pem) }
        #expect(error?.code == .invalidTrustStore, "\(String(describing: error))")
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
