import ArgumentParser
import Foundation
import ReserveCore

/// The CLI reads the clock once per command; `--at` pins it.
enum Clock {
    static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}

extension Timestamp: ExpressibleByArgument {
    public init?(argument: String) {
        guard let parsed = Timestamp.parse(argument) else { return nil }
        self = parsed
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}
