import Foundation
import ReserveCore
import ReserveStore

/// One stored envelope run again: the attestation as re-checked, the evaluation the ledger's
/// history decided, and whether a withdrawal was appended with it.
public struct Reevaluated: Sendable {
    public var stored: StoredEnvelope
    public var verified: VerifiedAttestation
    public var evaluation: Evaluation
    public var withdrawn: Bool
}
