import Foundation

/// The figures a finding of ``EntitiesRule`` rests on; a nil member is left out of the JSON.
public struct EntitiesEvidence: RuleEvidence {
    public internal(set) var entities: Int?
    public internal(set) var requiredRoles: [String]?
    public internal(set) var verifiedByBank: [String]?
    public internal(set) var unregulated: [String]?
    public internal(set) var undetermined: [String]?
}
