import Foundation
import ReserveCore
import ReserveStore

/// Defaults that an operator sets once instead of on every command. Precedence: an option on the
/// command line, else the environment variable, else the configuration file
/// (`RESERVE_VERIFIER_CONFIG`, ``ConfigFile``), else the built-in default.
/// Variables: `RESERVE_VERIFIER_KEYS` (the trust store), `RESERVE_VERIFIER_PROFILE`,
/// `RESERVE_VERIFIER_DB`, `RESERVE_VERIFIER_POLICY`, and, read where they are used,
/// `RESERVE_VERIFIER_SIGNING_KEY` and `RESERVE_VERIFIER_TSA_URL`.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The trust store folder: `RESERVE_VERIFIER_KEYS`, else the configuration's `keys`, else `keys`.
    static var keys: String { value("RESERVE_VERIFIER_KEYS") ?? ConfigFile.current.keys ?? "keys" }

    /// The rule profile: `RESERVE_VERIFIER_PROFILE`, else the configuration's `profile`, else `bcbs`.
    static var profile: String { value("RESERVE_VERIFIER_PROFILE") ?? ConfigFile.current.profile ?? Profile.bcbs.name }

    /// The ledger: `RESERVE_VERIFIER_DB`, else the configuration's `db`, else `reserve-verifier.sqlite`.
    static var db: String { value("RESERVE_VERIFIER_DB") ?? ConfigFile.current.db ?? Ledger.defaultPath }

    /// The bank's policy file: `RESERVE_VERIFIER_POLICY`, else the configuration's `policy`, else none.
    static var policy: String? { value("RESERVE_VERIFIER_POLICY") ?? ConfigFile.current.policy }

    /// The output format the configuration sets (there is no variable for it), when `F` offers it.
    static func format<F: RawRepresentable<String>>(_ type: F.Type) -> F? {
        ConfigFile.current.format.flatMap(F.init(rawValue:))
    }
}
