/// Size limits for untrusted input. Every limit has a default and can be changed by the caller
/// (the CLI exposes `--max-bytes` and `--max-reserve-lines`).
public struct DecodingLimits: Sendable, Hashable {
    /// Largest input file, envelope, or decoded payload, in bytes. Default 16 MiB.
    public var maxBytes: Int = 16 * 1024 * 1024
    /// Most reserve lines in one attestation. Default 100,000.
    public var maxReserveLines: Int = 100_000
    /// Most entries in any other list (outstanding, claims, entities, opinions, assurance).
    /// Default 10,000.
    public var maxListItems: Int = 10_000
    /// Longest string field, in bytes. Default 4,096.
    public var maxStringBytes: Int = ReaderLimits.defaultMaxStringBytes
    /// Deepest JSON nesting. Default 64.
    public var maxDepth: Int = 64
    /// Most signatures in one envelope: each may cost a verification per trusted key of the
    /// issuer, so the cost of an envelope is bounded by this, not by its size. Default 16.
    public var maxSignatures: Int = 16

    public init() {}

    public static let `default` = DecodingLimits()
}
