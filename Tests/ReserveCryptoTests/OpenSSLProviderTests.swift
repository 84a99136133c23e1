import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@Suite struct OpenSSLProviderTests {
    /// FIPS 180-2 test vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesKnownAnswers(_ input: String, _ expected: String) {
        #expect(OpenSSLProvider().sha256(Array(input.utf8)).hex == expected)
    }

    @Test func providerLoadsPublicAndPrivateKeys() throws {
        let keys = try TestKeys.load()
        let provider: any CryptoProvider = OpenSSLProvider()
        let publicKey = try provider.publicKey(pem: keys.ed25519.publicPEM)
        let privateKey = try OpenSSLProvider().privateKey(pem: keys.ed25519.privatePEM)
        #expect(publicKey.id == privateKey.publicKey.id)
        #expect(publicKey.type == .ed25519)
        let error = #expect(throws: VerifierError.self) { try provider.publicKey(pem: keys.ed25519.privatePEM) }
        #expect(error?.code == .invalidKey)
    }
}
