import Foundation

/// The figures a finding of ``EntityGovernanceRule`` rests on; a nil member is left out of the JSON.
public struct EntityGovernanceEvidence: RuleEvidence {
    public internal(set) var withoutDisclosure: [String]?
}
