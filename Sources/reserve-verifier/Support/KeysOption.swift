import ArgumentParser
import Foundation
import ReserveCore

/// `--keys DIR`: the trust store. Default: `$RESERVE_VERIFIER_KEYS`, else the configuration's
/// `keys`, else `keys`.
struct KeysOption: ParsableArguments {
    @Option(
        help: "The trust store folder. Default: $RESERVE_VERIFIER_KEYS, else the configuration file's keys, else keys.",
        completion: .directory)
    var keys: String = Environment.keys
}
