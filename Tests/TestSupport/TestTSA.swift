import Foundation

/// A time-stamping authority for tests, made with the openssl tool: a root CA and a TSA
/// certificate it issued (extendedKeyUsage critical timeStamping), P-256 keys. Tokens come from
/// `openssl ts -query` and `openssl ts -reply`, as a real RFC 3161 service would send them.
public struct TestTSA: Sendable {
    public let name: String
    public let caCertificatePEM: [UInt8]
    /// The TSA's own certificate, issued by the CA.
    public let certificatePEM: [UInt8]
    let keyPEM: [UInt8]

    /// Makes the CA and the TSA (subjects `CN=<name> CA` and `CN=<name> TSA`).
    public static func make(name: String) throws -> TestTSA {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(requestConfig, to: "req.cnf")
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            try openssl.check(
                ["req", "-x509", "-new", "-config", "req.cnf", "-extensions", "ca_ext"] + ec
                    + ["-keyout", "ca.key", "-subj", "/CN=\(name) CA", "-days", "3650", "-out", "ca.pem"], in: dir)
            try openssl.check(
                ["req", "-new", "-config", "req.cnf"] + ec
                    + ["-keyout", "tsa.key", "-subj", "/CN=\(name) TSA", "-out", "tsa.csr"], in: dir)
            try openssl.check(
                [
                    "x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
                    "-days", "3650", "-extfile", "req.cnf", "-extensions", "tsa_ext", "-out", "tsa.pem",
                ], in: dir)
            return TestTSA(
                name: name, caCertificatePEM: try dir.read("ca.pem"),
                certificatePEM: try dir.read("tsa.pem"), keyPEM: try dir.read("tsa.key"))
        }
    }

    /// A DER `TimeStampResp` (or, with `tokenOnly`, the bare `TimeStampToken`) whose message
    /// imprint is the `digest` of `data`.
    ///
    /// - Parameter includeCertificate: whether the request asks the TSA to put its certificate
    ///   in the token (`-cert`).
    public func token(
        over data: [UInt8], digest: String = "sha256", includeCertificate: Bool = true,
        tokenOnly: Bool = false
    ) throws -> [UInt8] {
        let openssl = try OpenSSLTool.locate()
        return try withTemporaryDirectory { dir in
            try dir.write(Self.tsaConfig, to: "tsa.cnf")
            try dir.write("01\n", to: "serial")
            try dir.write(certificatePEM, to: "tsa.pem")
            try dir.write(keyPEM, to: "tsa.key")
            try dir.write(data, to: "data")
            try openssl.check(
                ["ts", "-query", "-data", "data", "-\(digest)", "-no_nonce"] + (includeCertificate ? ["-cert"] : [])
                    + ["-out", "request.tsq"], in: dir)
            try openssl.check(
                ["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "request.tsq"] + (tokenOnly ? ["-token_out"] : [])
                    + ["-out", "response.tsr"], in: dir)
            return try dir.read("response.tsr")
        }
    }

    static let requestConfig = """
        [ req ]
        distinguished_name = dn
        prompt = no
        [ dn ]
        CN = unused
        [ ca_ext ]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [ tsa_ext ]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = critical, timeStamping
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid

        """

    static let tsaConfig = """
        [ tsa ]
        default_tsa = tsa_config
        [ tsa_config ]
        dir = .
        serial = ./serial
        crypto_device = builtin
        signer_cert = ./tsa.pem
        signer_key = ./tsa.key
        signer_digest = sha256
        default_policy = 1.2.3.4.1
        digests = sha1, sha256, sha384, sha512
        accuracy = secs:1
        ordering = yes
        tsa_name = yes
        ess_cert_id_chain = no
        ess_cert_id_alg = sha256

        """
}
