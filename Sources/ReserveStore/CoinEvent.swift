import Foundation
import ReserveCore

/// A recorded attestation of a coin, newer than a watch's last look.
public struct CoinEvent: Sendable, Hashable {
    public var attestationRef: Int64
    public var digest: String
    public var sequence: Int
    public var trusted: Bool
    public var accepted: Bool
    /// Failing history or signature rules of its first evaluation (SIG-TRUSTED, ROLLBACK, EQUIVOCATION).
    public var failedRules: [RuleID]
    public var messages: [String: String]
}
