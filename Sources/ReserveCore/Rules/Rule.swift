import Foundation

/// A rule of the attestation stage: a small pure value that reads a verified attestation through a ``RuleContext`` and
/// returns one finding. A failed rule is a returned value, never a throw.
public protocol Rule: RuleDescription {
    func evaluate(_ context: RuleContext) -> Finding
}
