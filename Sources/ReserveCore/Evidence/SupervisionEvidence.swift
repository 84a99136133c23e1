import Foundation

/// The figures a finding of ``SupervisionRule`` rests on; a nil member is left out of the JSON.
public struct SupervisionEvidence: RuleEvidence {
    public internal(set) var regulator: String?
    public internal(set) var licence: String?
    public internal(set) var bankPolicy: String?
    public internal(set) var prudentialCapital: Bool?
    public internal(set) var prudentialLiquidity: Bool?
}
