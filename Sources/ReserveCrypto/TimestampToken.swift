internal import COpenSSL
import Glibc
import ReserveCore

/// RFC 3161 time-stamp tokens, verified through OpenSSL's TS API.
///
/// ```swift
/// let result = try TimestampToken.verify(tsrBytes, message: envelope.timestampedBytes,
///                                        authorities: store.timestampAuthorities)
/// if result.check.status == .valid { print(result.check.time!) }
/// ```
public enum TimestampToken {
    /// Checks `token`, a DER `TimeStampResp` (what `openssl ts -reply` writes) or a bare
    /// `TimeStampToken` (CMS SignedData), over `message`.
    ///
    /// Valid means: the response's status is granted; the token is a version 1 `TSTInfo`
    /// signed by a certificate that chains to one of `authorities` (their certificates are the
    /// trust anchors; the chain is checked at the token's own `genTime`, with the timeStamping
    /// purpose, so the TSA certificate must carry extendedKeyUsage timeStamping); the message
    /// imprint is SHA-256 and equals SHA-256(`message`); and `genTime` lies inside the
    /// authority's `notBefore`/`notAfter` when the trust store gives them.
    ///
    /// - Throws: ``VerifierError`` with code `cryptoLibrary` only when OpenSSL cannot set up the
    ///   check (memory); every fault of the token is an invalid result with a reason.
    public static func verify(
        _ token: [UInt8], message: [UInt8], authorities: [TimestampAuthority]
    ) throws(VerifierError) -> TimestampVerification {
        func invalid(_ reason: String) -> TimestampVerification {
            TimestampVerification(check: .invalid(reason), subject: nil, certificateSHA256: nil)
        }
        guard !authorities.isEmpty else {
            return invalid("the trust store lists no time-stamping authority (keys/_tsa/tsa.json)")
        }
        clearOpenSSLErrors()
        guard let parsed = ParsedToken(token) else {
            clearOpenSSLErrors()
            return invalid("the timestamp is not a DER RFC 3161 TimeStampResp or TimeStampToken")
        }
        if let status = parsed.refusedStatus {
            return invalid("the TSA did not grant the timestamp (PKIStatus \(status))")
        }
        guard let info = parsed.info else {
            clearOpenSSLErrors()
            return invalid("the timestamp's signed content is not an RFC 3161 TSTInfo")
        }
        guard let genTime = Self.genTime(info) else {
            return invalid("the timestamp's genTime is not a time between 1970 and 2199")
        }
        let algorithm = Self.imprintAlgorithm(info) ?? NID_undef
        guard algorithm == NID_sha256 else {
            let name = OBJ_nid2sn(algorithm).map { String(cString: $0) } ?? "an unknown algorithm"
            return invalid("the timestamp imprints its message with \(name); the verifier requires SHA-256")
        }

        // The complete check, by OpenSSL: status, version, signature and chain, imprint, TSA name.
        guard let context = TS_VERIFY_CTX_new() else { throw libraryFailure("TS_VERIFY_CTX_new") }
        defer { TS_VERIFY_CTX_free(context) }
        let anchors = try Anchors(authorities, at: genTime)
        // The context owns (and frees) the store, the stack and the imprint from here on.
        TS_VERIFY_CTX_set_store(context, anchors.takeStore())
        TS_VERIFY_CTX_set_certs(context, anchors.takeCertificates())
        let imprint = sha256Digest(message)
        guard let buffer = shim_OPENSSL_malloc(imprint.count) else { throw libraryFailure("OPENSSL_malloc") }
        buffer.initialize(from: imprint, count: imprint.count)
        TS_VERIFY_CTX_set_imprint(context, buffer, imprint.count)
        TS_VERIFY_CTX_set_flags(context, shim_TS_VFY_reserve_flags())
        let verified: Int32
        switch parsed.root {
        case .response(let response): verified = TS_RESP_verify_response(context, response)
        case .token(let bare): verified = TS_RESP_verify_token(context, bare)
        }
        guard verified == 1 else {
            let entries = drainErrorsWithData()
            if entries.contains(where: \.isFatal) {
                throw VerifierError(
                    .cryptoLibrary, "OpenSSL failed while verifying a timestamp",
                    detail: entries.map(\.text).joined(separator: "; "))
            }
            return invalid("the timestamp does not verify: " + Self.reason(entries))
        }

        // Which trusted authority: the signer's certificate is listed, or was issued by one listed.
        guard let signer = try Self.signer(of: parsed.signedToken, authorities: authorities, at: genTime) else {
            return invalid("the timestamp verified, but its signer could not be read back")
        }
        defer { X509_free(signer) }
        guard let signerDER = Self.der(of: signer) else { throw libraryFailure("i2d_X509") }
        let signerHash = sha256Digest(signerDER).hex
        let subject = takeOpenSSLString(X509_NAME_oneline(X509_get_subject_name(signer), nil, 0)) ?? "?"
        let authority =
            authorities.first { sha256Digest($0.certificateDER).hex == signerHash }
            ?? authorities.first { candidate in
                Self.withCertificate(candidate.certificateDER) { X509_check_issued($0, signer) == X509_V_OK } == true
            }
        guard let authority else {
            return invalid("the timestamp's signer \(subject) is neither a listed TSA certificate nor issued by one")
        }
        if let notBefore = authority.notBefore, genTime < notBefore {
            return invalid("the timestamp's time \(genTime) is before TSA \(authority.name) is trusted (\(notBefore))")
        }
        if let notAfter = authority.notAfter, notAfter < genTime {
            return invalid("the timestamp's time \(genTime) is after TSA \(authority.name) is trusted (\(notAfter))")
        }
        let check = TimestampCheck(
            status: .valid, time: genTime, authority: authority.name,
            reason: "timestamped at \(genTime) by \(authority.name) (\(subject), certificate SHA-256 "
                + "\(signerHash.prefix(12))…)")
        return TimestampVerification(check: check, subject: subject, certificateSHA256: signerHash)
    }

    // MARK: Parsing

    /// The token as read: a response (owning its token) or a bare token.
    private final class ParsedToken {
        enum Root {
            case response(OpaquePointer)
            case token(UnsafeMutablePointer<PKCS7>)
        }
        let root: Root
        /// The TSTInfo: borrowed from the response, or owned (bare token).
        let info: OpaquePointer?
        private let ownsInfo: Bool
        /// Set when the response's PKIStatus is neither granted (0) nor grantedWithMods (1).
        let refusedStatus: Int?

        init?(_ der: [UInt8]) {
            if let response: OpaquePointer = decodeWhole(der, d2i_TS_RESP, free: TS_RESP_free) {
                root = .response(response)
                let status =
                    TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response))
                    .map { ASN1_INTEGER_get($0) } ?? -1
                refusedStatus = (status == 0 || status == 1) ? nil : status
                info = TS_RESP_get_tst_info(response)
                ownsInfo = false
            } else if let token: UnsafeMutablePointer<PKCS7> = decodeWhole(der, d2i_PKCS7, free: PKCS7_free) {
                root = .token(token)
                refusedStatus = nil
                info = PKCS7_to_TS_TST_INFO(token)
                ownsInfo = true
            } else {
                return nil
            }
        }

        /// The CMS SignedData, or nil for a response that carries none (a rejection).
        var signedToken: UnsafeMutablePointer<PKCS7>? {
            switch root {
            case .response(let response): TS_RESP_get_token(response)
            case .token(let token): token
            }
        }

        deinit {
            if ownsInfo, let info { TS_TST_INFO_free(info) }
            switch root {
            case .response(let response): TS_RESP_free(response)
            case .token(let token): PKCS7_free(token)
            }
        }
    }

    /// The `genTime`, to whole seconds (a fraction is dropped: tokens are compared to the second).
    private static func genTime(_ info: OpaquePointer) -> Timestamp? {
        guard let time = TS_TST_INFO_get_time(info) else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1,
            let date = CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else {
            clearOpenSSLErrors()
            return nil
        }
        return Timestamp(date: date, hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    private static func imprintAlgorithm(_ info: OpaquePointer) -> Int32? {
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint) else {
            return nil
        }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        return object.map { OBJ_obj2nid($0) }
    }

    // MARK: Trust anchors

    /// The authorities' certificates as an `X509_STORE` (trust anchors, checked at `time`) and
    /// as a stack (to find a signer certificate the token leaves out).
    private final class Anchors {
        private var store: OpaquePointer?
        private var certificates: OpaquePointer?

        init(_ authorities: [TimestampAuthority], at time: Timestamp) throws(VerifierError) {
            guard let store = X509_STORE_new() else { throw libraryFailure("X509_STORE_new") }
            self.store = store
            guard let certificates = shim_sk_X509_new_null() else { throw libraryFailure("sk_X509_new_null") }
            self.certificates = certificates
            for authority in authorities {
                // The loader checked each certificate; one that no longer parses is skipped
                // here and so simply trusts nothing.
                let parsed: OpaquePointer? = decodeWhole(authority.certificateDER, d2i_X509, free: X509_free)
                guard let certificate = parsed else {
                    clearOpenSSLErrors()
                    continue
                }
                // X509_STORE_add_cert takes its own reference; the stack takes this one.
                guard X509_STORE_add_cert(store, certificate) == 1 else {
                    X509_free(certificate)
                    throw libraryFailure("X509_STORE_add_cert")
                }
                guard shim_sk_X509_push(certificates, certificate) > 0 else {
                    X509_free(certificate)
                    throw libraryFailure("sk_X509_push")
                }
            }
            guard let parameters = X509_STORE_get0_param(store) else { throw libraryFailure("X509_STORE_get0_param") }
            // Listed certificates are anchors even when not self-signed (a TSA's own certificate).
            X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
            // Judge the chain when the token was made: a TSA certificate that expired since
            // does not void the tokens it signed while valid. Deterministic, too.
            X509_VERIFY_PARAM_set_time(parameters, time_t(time.seconds))
        }

        func takeStore() -> OpaquePointer? {
            defer { store = nil }
            return store
        }

        func takeCertificates() -> OpaquePointer? {
            defer { certificates = nil }
            return certificates
        }

        deinit {
            if let store { X509_STORE_free(store) }
            if let certificates { shim_sk_X509_pop_free(certificates) }
        }
    }

    /// The certificate that signed `token` (owned by the caller), found among the token's own
    /// certificates and the authorities', after a full check has already passed.
    private static func signer(
        of token: UnsafeMutablePointer<PKCS7>?, authorities: [TimestampAuthority], at time: Timestamp
    ) throws(VerifierError) -> OpaquePointer? {
        guard let token else { return nil }
        let anchors = try Anchors(authorities, at: time)
        guard let store = anchors.takeStore() else { return nil }
        defer { X509_STORE_free(store) }
        let certificates = anchors.takeCertificates()
        defer { if let certificates { shim_sk_X509_pop_free(certificates) } }
        var signer: OpaquePointer?
        guard TS_RESP_verify_signature(token, certificates, store, &signer) == 1 else {
            clearOpenSSLErrors()
            if let signer { X509_free(signer) }
            return nil
        }
        // TS_RESP_verify_signature hands out the signer with a reference of its own.
        return signer
    }

    // MARK: Helpers

    private static func der(of certificate: OpaquePointer) -> [UInt8]? {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &buffer)
        guard length > 0 else {
            clearOpenSSLErrors()
            return nil
        }
        return takeOpenSSLBytes(buffer, count: Int(length))
    }

    static func withCertificate<T>(_ der: [UInt8], _ body: (OpaquePointer) -> T) -> T? {
        let parsed: OpaquePointer? = decodeWhole(der, d2i_X509, free: X509_free)
        guard let certificate = parsed else {
            clearOpenSSLErrors()
            return nil
        }
        defer { X509_free(certificate) }
        return body(certificate)
    }

    /// One error-queue entry with its data string (X.509 verification puts its reason there).
    private struct ErrorEntry {
        let text: String
        let reason: String
        let isFatal: Bool
    }

    private static func drainErrorsWithData() -> [ErrorEntry] {
        var entries: [ErrorEntry] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            let reason = ERR_reason_error_string(code).map { String(cString: $0) } ?? "error \(code)"
            let extra = (flags & ERR_TXT_STRING) != 0 ? data.map { String(cString: $0) } : nil
            let text = extra.map { "\(reason) (\($0))" } ?? reason
            entries.append(ErrorEntry(text: text, reason: reason, isFatal: ERR_FATAL_ERROR(code) != 0))
        }
        return entries
    }

    /// The most telling entries first: OpenSSL pushes the root cause first and wrappers after.
    private static func reason(_ entries: [ErrorEntry]) -> String {
        guard !entries.isEmpty else { return "OpenSSL gave no reason" }
        var seen = Set<String>()
        let texts = entries.map(\.text).filter { seen.insert($0).inserted }
        return texts.prefix(3).joined(separator: "; ")
    }
}

extension TimestampToken {
    /// Reads a TSA certificate file for the trust store: exactly one PEM `CERTIFICATE` block (only
    /// whitespace around it) holding one DER X.509 certificate, returned as DER.
    ///
    /// - Throws: ``VerifierError`` with code `invalidTrustStore` naming what the file holds instead.
    public static func certificateDER(pem: [UInt8]) throws(VerifierError) -> [UInt8] {
        guard pem.count <= 64 * 1024 else {
            throw VerifierError(.invalidTrustStore, "the certificate file is larger than 64 KiB")
        }
        let envelope = PEMEnvelope(scanning: pem)
        guard envelope.problem == nil, envelope.blocks.count == 1, let block = envelope.blocks.first,
            !envelope.hasTextOutsideBlocks
        else {
            throw VerifierError(
                .invalidTrustStore,
                "the certificate file must hold exactly one '-----BEGIN CERTIFICATE-----' block "
                    + "and nothing else (it holds \(envelope.blocks.count) PEM blocks)")
        }
        guard block.label == "CERTIFICATE" else {
            throw VerifierError(
                .invalidTrustStore, "the certificate file holds a '\(block.label)' PEM block; expected 'CERTIFICATE'")
        }
        let der: [UInt8]
        do throws(VerifierError) {
            der = try PEMBlockDecoder.decode(
                Array(pem[block.range]), expectedLabel: "CERTIFICATE", what: "certificate")
        } catch {
            throw VerifierError(.invalidTrustStore, error.message, detail: error.detail)
        }
        clearOpenSSLErrors()
        guard withCertificate(der, { _ in true }) == true else {
            throw VerifierError(.invalidTrustStore, "the certificate file's block is not one DER X.509 certificate")
        }
        return der
    }
}

extension OpenSSLProvider {
    /// See ``TimestampToken/verify(_:message:authorities:)``.
    public func verifyTimestamp(
        _ token: [UInt8], message: [UInt8], authorities: [TimestampAuthority]
    ) throws(VerifierError) -> TimestampCheck {
        try TimestampToken.verify(token, message: message, authorities: authorities).check
    }
}

private func libraryFailure(_ function: String) -> VerifierError {
    VerifierError(
        .cryptoLibrary, "OpenSSL failed while checking a timestamp (\(function))",
        detail: drainOpenSSLErrors())
}

/// Decodes one DER structure with an OpenSSL `d2i_*` function; nil (and the value freed with
/// `free`) unless it reads every byte.
private func decodeWhole<T>(
    _ der: [UInt8],
    _ decode: (UnsafeMutablePointer<T?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> T?,
    free: (T) -> Void
) -> T? {
    guard !der.isEmpty else { return nil }
    var consumed = 0
    let value: T? = der.withNonNullBytes { base, count in
        var cursor: UnsafePointer<UInt8>? = base
        let value = decode(nil, &cursor, count)
        if let cursor { consumed = cursor - base }
        return value
    }
    guard let value else { return nil }
    guard consumed == der.count else {
        free(value)
        return nil
    }
    return value
}
