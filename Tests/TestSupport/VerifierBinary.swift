import Foundation

/// The `reserve-verifier` binary that `swift test` built next to the test bundle.
public enum VerifierBinary {
    /// The binary, or why it was not found. `RESERVE_VERIFIER_BIN` names it explicitly.
    public static let located: Result<URL, TestFailure> = locate()

    /// The binary, or `.build/debug/reserve-verifier` when it was not found (running that then
    /// fails with the file's name).
    public static var url: URL {
        (try? located.get()) ?? packageRoot.appendingPathComponent(".build/debug/reserve-verifier")
    }

    private static func locate() -> Result<URL, TestFailure> {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["RESERVE_VERIFIER_BIN"],
            fm.isExecutableFile(atPath: explicit)
        {
            return .success(URL(fileURLWithPath: explicit))
        }
        // Linux: the test runner is `<products>/<package>PackageTests.xctest`, an executable in the
        // products folder. macOS: the `.xctest` bundle sits in the products folder.
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            let runner = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders.append(runner.deletingLastPathComponent())
            // macOS: .../X.xctest/Contents/MacOS/X
            folders.append(
                runner.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent())
            // The runner's folder and up to three above it, as given (symbolic links unresolved).
            var folder = URL(fileURLWithPath: first).deletingLastPathComponent()
            for _ in 0..<4 {
                folders.append(folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("reserve-verifier")
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                fm.isExecutableFile(atPath: candidate.path)
            {
                return .success(candidate)
            }
        }
        return .failure(
            TestFailure(
                "reserve-verifier was not found next to the test bundle (looked in \(folders.map(\.path))); "
                    + "run through `swift test`, or set RESERVE_VERIFIER_BIN"))
    }

    /// A process for `reserve-verifier arguments...` in `directory`, set up as
    /// ``makeProcess(_:_:in:environment:)`` does and not started.
    public static func process(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) -> Process
    {
        makeProcess(url, arguments, in: directory, environment: environment)
    }

    /// Runs `reserve-verifier arguments...` in `directory` (see ``runProgram(_:_:in:environment:deadline:mergingStandardError:)``);
    /// throws when the binary was not found.
    public static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        deadline: Duration? = nil
    ) throws -> RunResult {
        try runProgram(try located.get(), arguments, in: directory, environment: environment, deadline: deadline)
    }
}
