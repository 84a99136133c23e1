import Foundation

/// The figures a finding of ``NoCryptoReferenceRule`` rests on; a nil member is left out of the JSON.
public struct NoCryptoReferenceEvidence: RuleEvidence {
    public internal(set) var cryptoassetLines: [String]?
    public internal(set) var stabilisation: String?
    public internal(set) var cryptoassetValue: Money?
}
