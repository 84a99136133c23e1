import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

/// Issue 10, class 4: one key is one id, whatever its PEM looks like. The id is the SHA-256 of a
/// canonical SubjectPublicKeyInfo (EC points uncompressed).
@Suite struct KeyIdentityTests {
    /// The EC key re-encoded by `openssl pkey -ec_conv_form FORM` (a compressed, hybrid or
    /// uncompressed point in the SubjectPublicKeyInfo).
    static func reencoded(_ publicPEM: [UInt8], form: String) throws -> [UInt8] {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(publicPEM, to: "key.pub")
            try openssl.check(
                ["pkey", "-pubin", "-in", "key.pub", "-ec_conv_form", form, "-pubout", "-out", "out.pub"], in: dir)
            return try dir.read("out.pub")
        }
    }

    @Test(arguments: ["P-256", "P-384"], ["compressed", "hybrid"])
    func ecPointFormDoesNotChangeTheKeyID(_ curve: String, _ form: String) throws {
        let keys = try TestKeys.load()
        let pem = curve == "P-256" ? keys.p256.publicPEM : keys.p384.publicPEM
        let other = try Self.reencoded(pem, form: form)
        #expect(other != pem, "openssl did not re-encode the key as \(form)")
        let original = try PublicKey(pem: pem)
        let copy = try PublicKey(pem: other)
        #expect(copy.id == original.id)
        #expect(copy.spkiDER == original.spkiDER)
        // Canonical means uncompressed: 0x04 || X || Y ends the SubjectPublicKeyInfo.
        let coordinate = curve == "P-256" ? 32 : 48
        #expect(original.spkiDER.suffix(2 * coordinate + 1).first == 0x04)
    }

    /// The shipped trust store keeps its key ids: each file's id is the one trust.json lists
    /// and the one its file name starts with.
    @Test func shippedKeysKeepTheirIDs() throws {
        let keysFolder = packageRoot.appendingPathComponent("keys")
        let issuers = try FileManager.default.contentsOfDirectory(atPath: keysFolder.path).filter { !$0.hasPrefix(".") }
        var checked = 0
        for issuer in issuers.sorted() {
            let folder = keysFolder.appendingPathComponent(issuer)
            let trustBytes = Array(try Data(contentsOf: folder.appendingPathComponent("trust.json")))
            let trust = try TrustFile.decode(trustBytes, folder: issuer)
            for entry in trust.keys {
                let pem = Array(try Data(contentsOf: folder.appendingPathComponent(entry.file)))
                let key = try PublicKey(pem: pem)
                #expect(key.id == entry.id, "\(issuer)/\(entry.file)")
                #expect(entry.file.contains(String(key.id.prefix(16))), "\(issuer)/\(entry.file)")
                checked += 1
            }
        }
        #expect(checked >= 5, "only \(checked) shipped keys found")
    }
}
