/// No figures: a finding that stops before any (`{}` in the JSON).
public struct NoEvidence: RuleEvidence {
    public init() {}
}
