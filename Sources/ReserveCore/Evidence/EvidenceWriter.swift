/// Where evidence is written without a JSON tree (issue 13): a ``RuleEvidence`` writes itself
/// member by member (``WritableEvidence/write(to:)``) into the ledger's compact encoding.
///
/// The calls describe one JSON value: ``beginObject()``, then for each member its ``key(_:)``
/// and its value, then ``endObject()``; ``beginArray()``, the elements, ``endArray()``. An
/// object's keys come in ascending UTF-8 byte order (the order ``JSONWriter`` writes them in)
/// and an absent member is left out, so that the value is the one ``RuleEvidence/json`` holds.
/// A writer checks the order and the nesting; when they are wrong it writes nothing of it and
/// its user writes the JSON object instead, so a mistake here costs time, never different bytes.
public protocol EvidenceWriter {
    mutating func beginObject()
    /// The next member's key: after the previous key in UTF-8 byte order.
    mutating func key(_ key: String)
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    mutating func null()
    mutating func bool(_ value: Bool)
    /// A number, as its decimal text.
    mutating func number(_ text: String)
    mutating func string(_ text: String)
}

/// A value of evidence that writes itself to an ``EvidenceWriter``, as its `Encodable`
/// conformance encodes it through ``JSONValueEncoder`` (the same keys, values and absences).
public protocol WritableEvidence {
    func write<W: EvidenceWriter>(to writer: inout W)
}
