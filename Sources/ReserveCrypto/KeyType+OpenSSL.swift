internal import COpenSSL
import ReserveCore

extension KeyType {
    /// Reads the type of a loaded key: Ed25519, EC on a named P-256 or P-384 curve, RSA with its
    /// modulus size, or ``KeyType/unsupported(_:)`` with OpenSSL's name for anything else.
    ///
    /// EC keys that spell out their curve parameters instead of naming the curve are
    /// unsupported even when the parameters are those of P-256: explicit parameters are a
    /// known source of bugs (CVE-2020-0601) and no issuer needs them.
    init(pkey: OpaquePointer) {
        // EVP_PKEY_is_a asks the key's provider (keymgmt), so it also works for keys that a
        // provider other than the default one decoded.
        if EVP_PKEY_is_a(pkey, "ED25519") == 1 {
            self = .ed25519
        } else if EVP_PKEY_is_a(pkey, "RSA") == 1 {
            // Plain rsaEncryption keys only. RSASSA-PSS keys (OID id-RSASSA-PSS) carry their
            // own parameter restrictions and are reported as unsupported below.
            self = .rsa(bits: Int(EVP_PKEY_get_bits(pkey)))
        } else if EVP_PKEY_is_a(pkey, "EC") == 1 {
            let encoding = Self.utf8Parameter(pkey, OSSL_PKEY_PARAM_EC_ENCODING)
            let group = Self.utf8Parameter(pkey, OSSL_PKEY_PARAM_GROUP_NAME)
            switch (encoding, group) {
            case (OSSL_PKEY_EC_ENCODING_GROUP, "prime256v1"?), (OSSL_PKEY_EC_ENCODING_GROUP, "P-256"?):
                self = .ecP256
            case (OSSL_PKEY_EC_ENCODING_GROUP, "secp384r1"?), (OSSL_PKEY_EC_ENCODING_GROUP, "P-384"?):
                self = .ecP384
            case (OSSL_PKEY_EC_ENCODING_GROUP, let name?):
                self = .unsupported("EC \(name)")
            default:
                self = .unsupported("EC with explicit curve parameters")
            }
        } else if let name = EVP_PKEY_get0_type_name(pkey) {
            self = .unsupported(String(cString: name))
        } else {
            self = .unsupported("unknown key type")
        }
        // A parameter the key does not have leaves an entry on the queue; it is not an error.
        clearOpenSSLErrors()
    }

    /// A UTF-8 string parameter of the key, or nil if the key does not have it.
    private static func utf8Parameter(_ pkey: OpaquePointer, _ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        // Writes at most buffer.count bytes including the terminating NUL; fails (0) when
        // the parameter is absent or longer than the buffer.
        guard EVP_PKEY_get_utf8_string_param(pkey, name, &buffer, buffer.count, &length) == 1,
            length < buffer.count
        else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
