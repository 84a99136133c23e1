import Foundation

/// A failure in test set-up (a missing tool, a command that failed), with a message that says
/// what to fix.
public struct TestFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Result where Failure == TestFailure {
    /// What `body` makes, kept for a whole test run (test keys, loaded samples): a ``TestFailure``
    /// it throws is kept as it is, any other error as `"<context>: <error>"`. Each test that needs
    /// the value reports the failure.
    public static func setUp(_ context: String, _ body: () throws -> Success) -> Self {
        do {
            return .success(try body())
        } catch let failure as TestFailure {
            return .failure(failure)
        } catch {
            return .failure(TestFailure("\(context): \(error)"))
        }
    }
}
