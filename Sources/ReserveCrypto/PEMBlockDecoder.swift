internal import COpenSSL
import ReserveCore

/// Decodes the base64 body of one PEM block with OpenSSL's `PEM_read_bio`.
enum PEMBlockDecoder {
    /// Returns the DER inside `block`, which must be exactly one PEM block labelled
    /// `expectedLabel` with no headers (an encrypted PEM has `Proc-Type`/`DEK-Info` headers).
    ///
    /// - Parameter what: How messages name the file, for example "public key".
    static func decode(_ block: [UInt8], expectedLabel: String, what: String) throws(VerifierError) -> [UInt8] {
        clearOpenSSLErrors()
        var name: UnsafeMutablePointer<CChar>?
        var header: UnsafeMutablePointer<CChar>?
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        // PEM_read_bio allocates name, header and data with OPENSSL_malloc; the caller frees them.
        let status = withMemoryBIO(block) { bio in PEM_read_bio(bio, &name, &header, &data, &length) }
        let label = takeOpenSSLString(name)
        let headers = takeOpenSSLString(header)
        let der = takeOpenSSLBytes(data, count: length)
        guard let status else {
            throw VerifierError(.cryptoLibrary, "OpenSSL could not open a memory BIO", detail: drainOpenSSLErrors())
        }
        guard status == 1 else {
            throw VerifierError(
                .invalidKey, "\(what) file's PEM block is not valid base64", detail: drainOpenSSLErrors())
        }
        guard label == expectedLabel else {
            throw VerifierError(.invalidKey, "\(what) file's PEM block is not labelled '\(expectedLabel)'")
        }
        guard headers?.isEmpty ?? true else {
            throw VerifierError(
                .invalidKey,
                "\(what) file's PEM block has headers (encrypted?); "
                    + "expected a plain '\(expectedLabel)' block")
        }
        guard !der.isEmpty else {
            throw VerifierError(.invalidKey, "\(what) file's PEM block is empty")
        }
        return der
    }
}
