import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReserveCore

/// One envelope a source offers this round.
public struct FetchedEnvelope: Sendable {
    public var source: String
    public var location: String
    public var bytes: [UInt8]
    public var detachedSignature: [UInt8]?
    /// The file could not be read (reported as a source error).
    public var readError: VerifierError?

    public init(
        source: String, location: String, bytes: [UInt8], detachedSignature: [UInt8]?, readError: VerifierError? = nil
    ) {
        self.source = source
        self.location = location
        self.bytes = bytes
        self.detachedSignature = detachedSignature
        self.readError = readError
    }
}
