/// What the pure core needs from a cryptographic library: hashing and key loading.
public protocol CryptoProvider: Sendable {
    func sha256(_ bytes: [UInt8]) -> [UInt8]
    /// SHA-256 of bytes held elsewhere (a DSSE payload inside its PAE), without copying them.
    func sha256(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]
    /// Loads exactly one PEM `PUBLIC KEY` (SubjectPublicKeyInfo). Private keys, certificates and
    /// files with more than one PEM block are rejected with ``VerifierError/Code-swift.enum/invalidKey``.
    func publicKey(pem: [UInt8]) throws(VerifierError) -> any VerificationKey
    /// Verifies an RFC 3161 token (a DER `TimeStampResp`, or a bare `TimeStampToken`) whose
    /// message imprint must be SHA-256 of `message`, signed by one of `authorities`.
    ///
    /// Every fault of the token (malformed, other imprint, untrusted or expired TSA, a time
    /// outside the authority's listed validity) is an invalid ``TimestampCheck`` with a reason.
    /// - Throws: only ``VerifierError/Code-swift.enum/cryptoLibrary`` when the library itself fails.
    func verifyTimestamp(
        _ token: [UInt8], message: [UInt8],
        authorities: [TimestampAuthority]
    ) throws(VerifierError) -> TimestampCheck
    /// The cryptographic library in use at run time (e.g. "OpenSSL 3.0.19 27 Jan 2026"), which the
    /// ledger and the signed verification record keep with each evaluation.
    var libraryVersion: String { get }
}

extension CryptoProvider {
    /// A provider that does not say (a test double): "unknown".
    public var libraryVersion: String { "unknown" }

    /// A provider that hashes arrays only (a test double): the bytes copied into one.
    public func sha256(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] { sha256(Array(bytes)) }
}

extension Array where Element == UInt8 {
    /// Lowercase hex.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
