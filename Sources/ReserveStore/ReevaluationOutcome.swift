import ReserveCore

/// What appending one re-evaluation did.
public struct ReevaluationOutcome: Sendable {
    /// The evaluation, with its history findings, as decided.
    public var evaluation: Evaluation
    /// A withdrawal was appended with it: the attestation left its coin's accepted history.
    public var withdrawn: Bool
    /// The appended evaluation row's hash.
    public var rowHash: String
}
