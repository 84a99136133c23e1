import Foundation
import TestSupport
import Testing

/// Every command names itself. Without `commandName`, ArgumentParser derives a command's name from
/// `String(describing: Self.self)` when it builds the command tree, at the start of every process;
/// for a type, that runs the Swift runtime's conformance look-ups over every conformance record of
/// the binary and its libraries: about 1.7 M instructions a command, 43 M of the 84 M a
/// `reserve-verifier --version` took (callgrind, docs/PERFORMANCE.md).
@Suite struct CommandNamesTests {
    @Test func everyCommandConfigurationNamesItsCommand() throws {
        let folder = packageRoot.appendingPathComponent("Sources/reserve-verifier")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var configurations = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            var rest = text[...]
            while let start = rest.range(of: "CommandConfiguration(") {
                configurations += 1
                // The first argument, on the same line or the next.
                let head = rest[start.upperBound...].drop { $0 == " " || $0 == "\n" }
                #expect(
                    head.hasPrefix("commandName:"),
                    "\(file.lastPathComponent): a CommandConfiguration without commandName (first argument)")
                rest = rest[start.upperBound...]
            }
        }
        // The root, its commands and their subcommands: 27 when this test was written.
        #expect(configurations >= 27, "\(configurations) configurations found")
    }
}
