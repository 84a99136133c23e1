import ReserveCore

/// The ``CryptoProvider`` the verifier runs with: hashing and key loading through OpenSSL.
///
/// A value type with no state; copy it freely. Keys it loads are ``PublicKey`` objects.
///
/// ```swift
/// let provider = OpenSSLProvider()
/// let key = try provider.publicKey(pem: pemBytes)
/// let digest = provider.sha256(payload)
/// ```
public struct OpenSSLProvider: CryptoProvider {
    public init() {}

    /// For example "OpenSSL 3.0.19 27 Jan 2026".
    public var libraryVersion: String { OpenSSLVersion.text }

    /// SHA-256 of `bytes` (32 bytes).
    public func sha256(_ bytes: [UInt8]) -> [UInt8] {
        sha256Digest(bytes)
    }

    /// SHA-256 of `bytes` (32 bytes), read in place.
    public func sha256(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        sha256Digest(buffer: bytes)
    }

    /// Loads exactly one PEM `PUBLIC KEY`; see ``PublicKey/init(pem:)`` for what is refused.
    ///
    /// - Throws: ``VerifierError`` with code `invalidKey` or `cryptoLibrary`.
    public func publicKey(pem: [UInt8]) throws(VerifierError) -> any VerificationKey {
        try PublicKey(pem: pem)
    }

    /// Loads an unencrypted PEM private key; see ``PrivateKey/init(pem:)``.
    ///
    /// - Throws: ``VerifierError`` with code `invalidKey` or `cryptoLibrary`.
    public func privateKey(pem: [UInt8]) throws(VerifierError) -> PrivateKey {
        try PrivateKey(pem: pem)
    }
}
