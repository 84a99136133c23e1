import Foundation

/// The figures a finding of ``LegalRule`` rests on; a nil member is left out of the JSON.
public struct LegalEvidence: RuleEvidence {
    public internal(set) var jurisdictions: [String]?
    public internal(set) var opinionJurisdictions: [String]?
    public internal(set) var missing: [String]?
}
