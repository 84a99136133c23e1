/// One signature check as it happened: the verdict, and what OpenSSL said if it was asked.
///
/// Production code reads only ``outcome``; tests read the rest to show which vectors reach
/// OpenSSL's -1 path and how ``VerifyOutcome/classify(returnCode:errors:)`` sorted them.
struct VerifyAttempt: Sendable {
    let outcome: VerifyOutcome
    /// `EVP_DigestVerify`'s return value, or nil if it was not called (the signature was
    /// rejected before, or setting up the context failed).
    let returnCode: Int32?
    /// The error queue drained after `EVP_DigestVerify`.
    let errors: [OpenSSLErrorEntry]

    /// Rejected by the verifier's own checks (raw length, strict DER) before OpenSSL saw it.
    static let rejectedBeforeOpenSSL = VerifyAttempt(outcome: .invalid, returnCode: nil, errors: [])

    /// Setting up the verify context failed; `detail` names the call and holds the queue.
    static func setupFailed(_ detail: String) -> VerifyAttempt {
        VerifyAttempt(outcome: .failed(detail), returnCode: nil, errors: [])
    }
}
