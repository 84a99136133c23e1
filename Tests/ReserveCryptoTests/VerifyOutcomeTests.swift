import TestSupport
import Testing

@testable import ReserveCrypto

/// The classification of `EVP_DigestVerify` results, with hand-made error-queue entries.
///
/// Codes are packed as OpenSSL 3.0 does: library << 23 | reason, where a reason may carry the
/// flags FATAL (1 << 18) and COMMON (2 << 18).
@Suite struct VerifyOutcomeTests {
    static let fatal = 1 << 18, common = 2 << 18
    static func entry(library: Int, reason: Int) -> OpenSSLErrorEntry {
        OpenSSLErrorEntry(code: UInt(library << 23 | reason), text: "lib \(library) reason \(reason)")
    }
    // Libraries (err.h): RSA 4, EVP 6, ASN1 13, EC 16, PROV 57.
    static let ecBadSignature = entry(library: 16, reason: 156)
    static let ecPointAtInfinity = entry(library: 16, reason: 106)
    static let ecLibWrapper = entry(library: 16, reason: 16 | common)  // ERR_R_EC_LIB
    static let rsaBadSignature = entry(library: 4, reason: 104)
    static let providerRSALib = entry(library: 57, reason: 4 | common)  // ERR_R_RSA_LIB
    static let asn1WrongTag = entry(library: 13, reason: 168)
    static let asn1Malloc = entry(library: 13, reason: 256 | fatal | common)  // ERR_R_MALLOC_FAILURE
    static let providerInternal = entry(library: 57, reason: 259 | fatal | common)  // ERR_R_INTERNAL_ERROR
    static let evpInitFailed = entry(library: 6, reason: 261 | fatal | common)  // ERR_R_INIT_FAIL
    static let providerOther = entry(library: 57, reason: 112)  // PROV_R_INVALID_SALT_LENGTH

    @Test func oneIsValidAndZeroIsInvalid() {
        #expect(VerifyOutcome.classify(returnCode: 1, errors: []) == .valid)
        #expect(VerifyOutcome.classify(returnCode: 0, errors: []) == .invalid)
        #expect(VerifyOutcome.classify(returnCode: 0, errors: [Self.rsaBadSignature, Self.providerRSALib]) == .invalid)
    }

    @Test func fatalReasonIsAFailureWhateverTheReturnCode() {
        for code: Int32 in [1, 0, -1, -2] {
            for entries in [[Self.asn1Malloc], [Self.rsaBadSignature, Self.providerInternal], [Self.evpInitFailed]] {
                #expect(VerifyOutcome.classify(returnCode: code, errors: entries) == .failed(render(entries)))
            }
        }
    }

    @Test func minusOneWithSignatureReasonsIsInvalid() {
        let cases: [[OpenSSLErrorEntry]] = [
            // What OpenSSL 3.0 reports for Wycheproof's point-at-infinity vectors.
            [Self.ecPointAtInfinity, Self.ecLibWrapper],
            [Self.ecBadSignature],
            [Self.asn1WrongTag],
            [Self.rsaBadSignature, Self.providerRSALib],
        ]
        for entries in cases {
            #expect(VerifyOutcome.classify(returnCode: -1, errors: entries) == .invalid, "\(render(entries))")
        }
    }

    @Test func minusOneWithoutAnExplanationIsAFailure() {
        let cases: [[OpenSSLErrorEntry]] = [
            [],  // the queue-less -1 of ossl_ecdsa_verify, or an undescribed failure
            [Self.ecLibWrapper],  // a wrapper alone says nothing
            [Self.providerRSALib],
            [Self.providerOther],  // a provider reason is not a signature reason
            [Self.ecBadSignature, Self.providerOther],
        ]
        for entries in cases {
            #expect(
                VerifyOutcome.classify(returnCode: -1, errors: entries) == .failed(render(entries)),
                "\(render(entries))")
            #expect(
                VerifyOutcome.classify(returnCode: -2, errors: entries) == .failed(render(entries)),
                "\(render(entries))")
        }
    }
}
