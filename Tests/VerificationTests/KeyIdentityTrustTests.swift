import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Issue 10, class 4: one key, two identities. The compressed form of an issuer's EC key must
/// not enter the trust store as a second signer, nor count twice toward required roles.
@Suite struct KeyIdentityTrustTests {
    let keys: TestKeys
    let payload: [UInt8]

    init() throws {
        keys = try TestKeys.load()
        payload = try SamplePayload.kizunaYen()
    }

    /// `pair`'s public key with a compressed point, and the SHA-256 of that DER as openssl
    /// computes it (the id a verifier that hashes the file's own DER would give it).
    func compressedTwin(of pair: KeyPair) throws -> (pair: KeyPair, rawID: String) {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(pair.publicPEM, to: "key.pub")
            try openssl.check(
                ["pkey", "-pubin", "-in", "key.pub", "-ec_conv_form", "compressed", "-pubout", "-out", "twin.pub"],
                in: dir)
            try openssl.check(["pkey", "-pubin", "-in", "twin.pub", "-outform", "DER", "-out", "twin.der"], in: dir)
            let digest = try openssl.check(["dgst", "-sha256", "-r", "twin.der"], in: dir)
            let rawID = String(String(decoding: digest, as: UTF8.self).prefix(64))
            let twin = KeyPair(
                name: "\(pair.name)-compressed", privatePEM: pair.privatePEM,
                publicPEM: try dir.read("twin.pub"), id: rawID)
            return (twin, rawID)
        }
    }

    var issuerAndCustodian: TrustFile.Policy {
        TrustFile.Policy(requiredRoles: [.issuer, .custodian], minimumSignatures: 2)
    }

    @Test func compressedCopyHasTheSameIDAsTheKey() throws {
        let (twin, rawID) = try compressedTwin(of: keys.p256)
        #expect(rawID != keys.p256.id, "the two encodings differ byte for byte")
        #expect(try OpenSSLProvider().publicKey(pem: twin.publicPEM).id == keys.p256.id)
    }

    /// Listed under the id of its own bytes (what a verifier hashing the file would accept).
    @Test func compressedCopyUnderAnotherRoleIsRefusedAtLoad() throws {
        let (twin, rawID) = try compressedTwin(of: keys.p256)
        let issuer = IssuerSpec(
            name: SamplePayload.issuer, policy: issuerAndCustodian,
            keys: [
                TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256, role: .issuer),
                TrustedKeySpec(pair: twin, algorithm: .ecdsaP256SHA256, role: .custodian, listedID: rawID),
            ])
        let error = #expect(throws: VerifierError.self) { try Fixture.store([issuer]) }
        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message == "kizuna-yen/p256-compressed.pem holds the same public key as p256.pem "
                + "(key id \(keys.p256.id), role issuer); one key is one signer and is listed once")
    }

    /// Listed under the canonical id: trust.json lists one key twice.
    @Test func compressedCopyUnderItsCanonicalIDIsADuplicate() throws {
        let (twin, _) = try compressedTwin(of: keys.p256)
        let issuer = IssuerSpec(
            name: SamplePayload.issuer, policy: issuerAndCustodian,
            keys: [
                TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256, role: .issuer),
                TrustedKeySpec(pair: twin, algorithm: .ecdsaP256SHA256, role: .custodian, listedID: keys.p256.id),
            ])
        let error = #expect(throws: VerifierError.self) { try Fixture.store([issuer]) }
        #expect(error?.code == .invalidTrustStore)
        #expect(
            error?.message == "kizuna-yen/trust.json: keys[1].id: key \(keys.p256.id) is listed twice",
            "\(String(describing: error))")
    }

    /// The signer side: one key signing twice, hinted once by each of its ids, counts once, so
    /// issuer + custodian is not met.
    @Test func oneKeySigningTwiceUnderBothIDsDoesNotSatisfyIssuerAndCustodian() throws {
        let (_, rawID) = try compressedTwin(of: keys.p256)
        let verifier = try Fixture.verifier([
            IssuerSpec(
                name: SamplePayload.issuer, policy: issuerAndCustodian,
                keys: [
                    TrustedKeySpec(pair: keys.p256, algorithm: .ecdsaP256SHA256, role: .issuer),
                    TrustedKeySpec(pair: keys.p384, algorithm: .ecdsaP384SHA384, role: .custodian),
                ])
        ])
        let envelope = try Fixture.dsse(
            payload,
            signers: [
                (keys.p256, .p256, keyID: keys.p256.id),
                (keys.p256, .p256, keyID: rawID),
            ])
        let verified = try verifier.verify(envelope, at: Fixture.signedAt)
        #expect(verified.statuses == [.valid, .valid])
        #expect(verified.signatures.map(\.duplicate) == [false, true])
        #expect(verified.signatures.map(\.keyID) == [keys.p256.id, keys.p256.id])
        #expect(!verified.isTrusted)
        #expect(verified.signatureFinding.message == "no valid signature for required role custodian")
    }
}
