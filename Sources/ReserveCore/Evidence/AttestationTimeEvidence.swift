import Foundation

/// The figures a finding of ``AttestationTimeRule`` rests on; a nil member is left out of the JSON.
public struct AttestationTimeEvidence: RuleEvidence {
    public internal(set) var issuedAt: Timestamp?
    public internal(set) var asOf: Timestamp?
    public internal(set) var evaluatedAt: Timestamp?
    public internal(set) var clockSkewSeconds: Int64?
}
