import Foundation

/// One input's outcome: checked (with its evaluation) or not checkable (an error).
public struct AttestationReport: Sendable {
    public enum Outcome: Sendable {
        case checked(VerifiedAttestation, Evaluation)
        case error(VerifierError)
    }

    public var source: String
    public var outcome: Outcome
    /// Ledger notes for this input (recorded, replay), filled by the CLI when recording.
    public var ledger: JSONObject?

    public init(source: String, outcome: Outcome, ledger: JSONObject? = nil) {
        self.source = source
        self.outcome = outcome
        self.ledger = ledger
    }
}
