internal import COpenSSL

extension Array where Element == UInt8 {
    /// Calls `body` with a pointer that is never nil, even for an empty array.
    ///
    /// Swift does not promise a base address for an empty array, and some OpenSSL routines
    /// treat a NULL buffer differently from an empty one (for example as "return the size
    /// needed"). A zero-length call gets a pointer to a private byte and a count of 0.
    func withNonNullBytes<T>(_ body: (UnsafePointer<UInt8>, Int) -> T) -> T {
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base, buffer.count) }
            var placeholder: UInt8 = 0
            return withUnsafePointer(to: &placeholder) { body($0, 0) }
        }
    }
}

/// Runs `body` with a read-only memory BIO over `bytes`, or returns nil if OpenSSL could not
/// make one (the error queue then says why) or `bytes` is longer than an `int` can count.
///
/// `BIO_new_mem_buf` does not copy: the BIO points into `bytes`, so it lives only inside
/// `body` and is freed here.
func withMemoryBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) -> T) -> T? {
    guard let length = Int32(exactly: bytes.count) else { return nil }
    return bytes.withNonNullBytes { base, _ in
        guard let bio = BIO_new_mem_buf(base, length) else { return nil }
        defer { BIO_free(bio) }
        return body(bio)
    }
}

/// Reads `count` bytes that OpenSSL allocated and frees them with `OPENSSL_free`.
func takeOpenSSLBytes(_ pointer: UnsafeMutablePointer<UInt8>?, count: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { shim_OPENSSL_free(pointer) }
    guard count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: pointer, count: count))
}

/// Reads a NUL-terminated string that OpenSSL allocated and frees it with `OPENSSL_free`.
func takeOpenSSLString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    defer { shim_OPENSSL_free(pointer) }
    return String(cString: pointer)
}

/// SHA-256 (32 bytes) of `bytes`.
func sha256Digest(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { sha256Digest(buffer: $0) }
}

/// OpenSSL's SHA-256 implementation, fetched once. OpenSSL 3's one-shot `SHA256()` fetches the
/// algorithm by name from the provider at every call (`EVP_Q_digest`: about 5,000 instructions, 6%
/// of a `history` of 2,000 rows under callgrind); a fetched `EVP_MD` is immutable and may be used
/// from any thread (OpenSSL's threading rules).
nonisolated(unsafe) private let sha256Algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)

/// SHA-256 (32 bytes) of bytes read in place: `EVP_Digest` with the algorithm fetched once, or
/// the one-shot `SHA256()` if that fetch failed (it does not on a working OpenSSL 3).
func sha256Digest(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    var placeholder: UInt8 = 0
    withUnsafePointer(to: &placeholder) { empty in
        digest.withUnsafeMutableBufferPointer { out in
            var length: UInt32 = 0
            if let algorithm = sha256Algorithm,
                EVP_Digest(bytes.baseAddress ?? empty, bytes.count, out.baseAddress, &length, algorithm, nil) == 1,
                length == SHA256_DIGEST_LENGTH
            {
                return
            }
            // SHA256 hashes in place into `out` (32 bytes) and returns it; it never fails when
            // given an output buffer, so the returned pointer is not needed.
            _ = SHA256(bytes.baseAddress ?? empty, bytes.count, out.baseAddress)
        }
    }
    return digest
}
