import Foundation

/// What one evaluation decided about one attestation, in the form both a fresh evaluation and a
/// ledger row give: the input of the verification record and of `diff`.
/// The libraries an evaluation ran on, as they report themselves: kept in the ledger with each
/// evaluation (schema v5, chain version 3) and in the signed verification record.
public struct Runtime: Sendable, Hashable {
    /// For example "OpenSSL 3.0.19 27 Jan 2026".
    public var openssl: String
    /// For example "3.40.1".
    public var sqlite: String

    public init(openssl: String, sqlite: String) {
        self.openssl = openssl
        self.sqlite = sqlite
    }

    public var json: JSONValue { ["openssl": .string(openssl), "sqlite": .string(sqlite)] }
}
