internal import COpenSSL

/// The OpenSSL library in use at run time (for `--version` and the records a bank keeps).
public enum OpenSSLVersion {
    /// For example "OpenSSL 3.0.19 27 Jan 2026".
    public static var text: String { String(cString: OpenSSL_version(Int32(OPENSSL_VERSION))) }
}
