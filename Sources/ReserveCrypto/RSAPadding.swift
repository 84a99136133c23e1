internal import COpenSSL

/// RSA padding settings for a verify or sign context.
enum RSAPadding: Sendable {
    /// RSASSA-PKCS1-v1_5; the DigestInfo names the digest given to `EVP_DigestVerifyInit`.
    case pkcs1
    /// RSASSA-PSS with MGF1-SHA-256 and a 32-byte salt, all set explicitly: OpenSSL's default
    /// for verifying is to detect the salt length, which accepts other salt lengths.
    case pss

    /// Applies the settings to `keyContext`; returns a description of the failure, if any.
    func configure(_ keyContext: OpaquePointer) -> String? {
        switch self {
        case .pkcs1:
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) > 0 else {
                return "EVP_PKEY_CTX_set_rsa_padding(PKCS1): " + drainOpenSSLErrors()
            }
        case .pss:
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) > 0 else {
                return "EVP_PKEY_CTX_set_rsa_padding(PSS): " + drainOpenSSLErrors()
            }
            guard EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) > 0 else {
                return "EVP_PKEY_CTX_set_rsa_mgf1_md(SHA-256): " + drainOpenSSLErrors()
            }
            guard EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, 32) > 0 else {
                return "EVP_PKEY_CTX_set_rsa_pss_saltlen(32): " + drainOpenSSLErrors()
            }
        }
        return nil
    }
}
