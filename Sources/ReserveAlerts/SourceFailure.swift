import AsyncHTTPClient
import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// A source that could not be read this round.
public struct SourceFailure: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}
