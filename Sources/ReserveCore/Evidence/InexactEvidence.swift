/// The figures the rule needs could not be computed exactly: the finding fails closed.
public struct InexactEvidence: RuleEvidence {
    /// Which figure could not be computed exactly, and why.
    public internal(set) var inexact: String
}
