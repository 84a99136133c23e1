import ArgumentParser
import Foundation
import ReserveCore

/// The values a command's `--format` takes; the first listed is the built-in default.
protocol CommandFormat: ExpressibleByArgument, CaseIterable, RawRepresentable<String>, Sendable {
    static var builtInDefault: Self { get }
}
