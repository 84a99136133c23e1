import Foundation
import GRDB
import ReserveCore

/// One signature check as recorded with an attestation.
public struct StoredSignatureCheck: Sendable, Hashable {
    public var position: Int
    public var keyID: String?
    public var role: String?
    public var algorithm: String?
    public var status: String
    public var reason: String
}
