import AsyncHTTPClient
import Foundation
import ReserveCore
import ReserveIO
import ReserveStore

/// An alert a sink did not take.
public struct AlertDeliveryFailure: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}
