import ReserveCore
import ReserveStore

/// What recording a run did: each input's report, in input order, whether anything reached the
/// ledger, and the ledger failure, if any (the results are judged all the same).
public struct RecordedRun: Sendable {
    public var results: [AttestationReport]
    public var recorded: Bool
    public var failure: VerifierError?
}
