import Foundation
import ReserveCore

/// One input to verify: a file (with its detached signature and RFC 3161 token, if any).
public struct InputFile: Sendable {
    public var path: String
    public var signaturePath: String?
    /// `X.tsr` beside the input `X`: an RFC 3161 token over the envelope's signatures.
    public var timestampPath: String?
    /// Content already in memory (fetched from a URL), or the error fetching it.
    public var contents: Result<[UInt8], VerifierError>?

    public init(
        path: String, signaturePath: String?, timestampPath: String? = nil,
        contents: Result<[UInt8], VerifierError>? = nil
    ) {
        self.path = path
        self.signaturePath = signaturePath
        self.timestampPath = timestampPath
        self.contents = contents
    }
}
