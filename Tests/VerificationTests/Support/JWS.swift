import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport

/// JWS compact serialisation built by hand (header JSON as given).
enum JWS {
    static func b64url(_ bytes: [UInt8]) -> String { Base64.encode(bytes, alphabet: .url) }

    static func signingInput(header: String, payload: [UInt8]) -> [UInt8] {
        Array("\(b64url(Array(header.utf8))).\(b64url(payload))".utf8)
    }

    static func compact(header: String, payload: [UInt8], signature: [UInt8]) -> [UInt8] {
        Array("\(b64url(Array(header.utf8))).\(b64url(payload)).\(b64url(signature))\n".utf8)
    }

    /// A JWS signed with openssl, ECDSA converted to raw r || s.
    static func signed(payload: [UInt8], key: KeyPair, algorithm: Algorithm, header: String? = nil) throws -> [UInt8] {
        let header =
            header
            ?? #"{"alg":"\#(algorithm.jose)","kid":"\#(key.id)","typ":"application/vnd.reserve-attestation.v1+json"}"#
        var signature = try OpenSSLSigner.sign(
            signingInput(header: header, payload: payload), with: key, algorithm: algorithm)
        if let n = algorithm.ecdsaScalarLength { signature = try ECDSARaw.fromDER(signature, scalarLength: n) }
        return compact(header: header, payload: payload, signature: signature)
    }
}
