import Foundation

/// The outcome of one rule for one attestation.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    case warn
    /// The attestation lacks what the rule needs. Never counts as a pass.
    case insufficientData = "insufficient-data"
    case notApplicable = "not-applicable"

    /// Order for people: failures first.
    public var severityRank: Int {
        switch self {
        case .fail: 0
        case .insufficientData: 1
        case .warn: 2
        case .pass: 3
        case .notApplicable: 4
        }
    }
}
