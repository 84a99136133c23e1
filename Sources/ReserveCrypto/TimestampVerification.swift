import Glibc
import ReserveCore

/// The outcome of checking an RFC 3161 token: the core's ``TimestampCheck`` plus what only the
/// crypto side knows about the TSA that signed it.
public struct TimestampVerification: Sendable, Hashable {
    public var check: TimestampCheck
    /// The signing certificate's subject (OpenSSL one-line form), when the token is valid.
    public var subject: String?
    /// Lowercase hex SHA-256 of the signing certificate's DER, when the token is valid.
    public var certificateSHA256: String?
}
