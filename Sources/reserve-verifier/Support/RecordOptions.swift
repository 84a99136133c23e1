import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// The key that signs a verification record and the review it carries.
struct RecordOptions: ParsableArguments {
    @Option(
        help: """
            The private key (PEM) that signs verification records. Default: the verifier's signing key \
            (--signing-key or $RESERVE_VERIFIER_SIGNING_KEY).
            """,
        completion: .file())
    var signWith: String?

    @Option(help: "The reviewer who signs off the verification record (kept in the record).")
    var reviewer: String?

    @Option(
        help: """
            The committee's decision where it departs from the verdict, e.g. "hold as Group 2b" \
            (needs --reviewer and --reason).
            """)
    var override: String?

    @Option(help: "Why the committee overrides the verdict (with --override).")
    var reason: String?

    @Option(
        help: """
            An RFC 3161 time-stamping authority (http or https URL) that timestamps each record; the token, \
            checked against keys/_tsa, is written beside the record as <record>.tsr. Default: $RESERVE_VERIFIER_TSA_URL.
            """)
    var tsaUrl: String?

    /// --tsa-url, else $RESERVE_VERIFIER_TSA_URL.
    var tsaURL: String? {
        if let tsaUrl { return tsaUrl }
        if let env = ProcessInfo.processInfo.environment["RESERVE_VERIFIER_TSA_URL"], !env.isEmpty { return env }
        return nil
    }

    /// The TSA to ask, when one is configured. - Throws: E060 when the trust store lists no TSA to
    /// check its tokens against.
    func tsa(_ store: TrustStore) throws(VerifierError) -> RecordWriter.TSA? {
        guard let url = tsaURL else { return nil }
        guard !store.timestampAuthorities.isEmpty else {
            throw VerifierError(
                .invalidConfiguration,
                "--tsa-url: the trust store lists no time-stamping authority "
                    + "(keys/_tsa/tsa.json) to check the tokens against")
        }
        return RecordWriter.TSA(url: url, authorities: store.timestampAuthorities)
    }

    func validate() throws {
        for (name, value) in [("--reviewer", reviewer), ("--override", override), ("--reason", reason)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty || value.utf8.count > 2000 {
                throw ValidationError("\(name) must say something, in at most 2000 bytes")
            }
        }
        if (override == nil) != (reason == nil) {
            throw ValidationError("--override and --reason go together: an override must say why")
        }
        if override != nil && reviewer == nil {
            throw ValidationError("--override needs --reviewer: someone owns the decision")
        }
    }

    var review: VerificationRecord.Review? {
        reviewer.map { VerificationRecord.Review(reviewer: $0, override: override, reason: reason) }
    }

    /// The key that signs records: --sign-with, else `fallback` (the verifier's signing key:
    /// --signing-key, else $RESERVE_VERIFIER_SIGNING_KEY).
    /// - Throws: E030 for an unreadable or unusable key; E060 when none is configured.
    func key(fallback: String?) throws(VerifierError) -> PrivateKey {
        guard let path = signWith ?? fallback else {
            throw VerifierError(
                .invalidConfiguration,
                "a verification record is signed with the verifier's key: pass --sign-with or --signing-key, "
                    + "or set RESERVE_VERIFIER_SIGNING_KEY")
        }
        let pem = try Files.read(path, limit: 64 * 1024)
        do {
            return try PrivateKey(pem: pem)
        } catch {
            throw VerifierError(
                .invalidKey, "\(path): the key that signs verification records: \(error.message)", detail: error.detail)
        }
    }
}
