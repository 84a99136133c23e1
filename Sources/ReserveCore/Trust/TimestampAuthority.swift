/// A time-stamping authority the verifier trusts: one entry of `keys/_tsa/tsa.json`.
public struct TimestampAuthority: Sendable, Hashable {
    /// The name reports give the TSA (``TimestampCheck/authority``).
    public var name: String
    /// The certificate's file name in `keys/_tsa/`.
    public var file: String
    /// The certificate, DER. Tokens must chain to it (it may be the TSA's own certificate or a
    /// CA certificate above it).
    public var certificateDER: [UInt8]
    /// The token's time must not be before this.
    public var notBefore: Timestamp?
    /// The token's time must not be after this.
    public var notAfter: Timestamp?

    public init(
        name: String, file: String, certificateDER: [UInt8], notBefore: Timestamp? = nil,
        notAfter: Timestamp? = nil
    ) {
        self.name = name
        self.file = file
        self.certificateDER = certificateDER
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
