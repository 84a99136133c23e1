import Foundation
import ReserveCore

/// Defaults that an operator sets once in the environment instead of on every command:
/// `RESERVE_VERIFIER_KEYS` (the trust store), `RESERVE_VERIFIER_PROFILE`, and, read where they
/// are used, `RESERVE_VERIFIER_DB`, `RESERVE_VERIFIER_POLICY` and `RESERVE_VERIFIER_SIGNING_KEY`.
/// An option on the command line always wins.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The trust store folder: `RESERVE_VERIFIER_KEYS`, else `keys`.
    static var keys: String { value("RESERVE_VERIFIER_KEYS") ?? "keys" }

    /// The rule profile: `RESERVE_VERIFIER_PROFILE`, else `bcbs`.
    static var profile: String { value("RESERVE_VERIFIER_PROFILE") ?? Profile.bcbs.name }
}
