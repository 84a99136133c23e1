import Foundation

/// What a finding rests on, as a typed value: each rule declares its own evidence struct (or
/// shares one with rules of the same shape), so code and tests read `evidence.coverage`, never a
/// string key. The JSON written for it (CLI JSON, ledger rows, chain hashes, dossiers) comes from
/// its `Encodable` conformance through ``JSONValueEncoder``: member names are the keys, a nil
/// member is left out, a `Decimal` is a canonical amount, ``Ratio`` and ``Stressed`` figures have
/// six decimals, and ``JSONWriter`` sorts the keys.
///
/// Recording writes the same value without the JSON object, through ``WritableEvidence/write(to:)``
/// (issue 13): each type writes its members there by hand, in key order, next to its members;
/// a test compares the two forms' bytes for every type.
public protocol RuleEvidence: Encodable, Sendable, Hashable, WritableEvidence {}

extension RuleEvidence {
    /// The evidence as a JSON object, as it is written and stored.
    public var json: JSONObject { JSONValueEncoder.encodeObject(self) }

    func isEqual(to other: any RuleEvidence) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
