import ArgumentParser
import Foundation
import ReserveAlerts
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

struct ProfileOption: ParsableArguments {
    @Option(
        help:
            """
            Rule profile: \(Profile.all.map(\.name).joined(separator: ", ")). Default: $RESERVE_VERIFIER_PROFILE, else \
            the configuration file's profile, else bcbs.
            """
    )
    var profile: ProfileName?

    func validate() throws {
        // The option is checked as it is parsed; the environment's value here.
        if profile == nil, Profile.named(Environment.profile) == nil {
            throw ValidationError(
                """
                unknown profile '\(Environment.profile)' in RESERVE_VERIFIER_PROFILE (use \
                \(Profile.all.map(\.name).joined(separator: ", ")))
                """
            )
        }
    }

    /// The profile's name, e.g. `bcbs`.
    var name: String { value.name }

    @Option(
        help:
            """
            The bank's own policy file (bank-policy/1): accepted regimes, approved parties, network assessments, \
            calibrations. Default: $RESERVE_VERIFIER_POLICY, else the configuration file's policy.
            """,
        completion: .file())
    var policy: String?

    /// The named profile, without the bank's policy.
    var value: Profile { profile?.profile ?? Profile.named(Environment.profile) ?? .bcbs }

    var policyPath: String? {
        policy ?? Environment.policy
    }

    /// The profile with the bank's policy applied, when one is given (its identity, name and
    /// SHA-256 of the file, then names every verdict's profile), and the policy file's bytes.
    func resolved() throws(VerifierError) -> (profile: Profile, policyFile: [UInt8]?) {
        guard let path = policyPath else { return (value, nil) }
        let bytes = try Files.read(path, limit: ReaderLimits.bankPolicy.maxFileBytes)
        let policy: BankPolicy
        do {
            policy = try BankPolicy.decode(bytes, sha256: OpenSSLProvider().sha256(bytes).hex)
        } catch {
            throw VerifierError(error.code, "\(path): \(error.message)", detail: error.detail)
        }
        return (value.applying(policy), bytes)
    }
}
