import Foundation

/// The bank's own route to redeem at par (CC2-REDEEM, issue 12 correction 10).
public enum RedemptionRoute: Sendable, Hashable, CustomStringConvertible {
    /// The bank redeems with the issuer itself.
    case direct
    /// Through a named intermediary that redeems for it.
    case intermediary(String)
    /// The bank has no route.
    case none

    public var description: String {
        switch self {
        case .direct: "directly"
        case .intermediary(let name): "through \(name)"
        case .none: "none"
        }
    }
}
