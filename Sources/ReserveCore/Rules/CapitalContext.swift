import Foundation

/// What the capital rules read: the verdict just decided and the bank's own figures.
public struct CapitalContext: Sendable {
    public let verdict: Verdict
    public let position: BankPosition?
}
