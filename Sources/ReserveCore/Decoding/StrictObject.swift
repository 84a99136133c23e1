/// An object's entries (a JSON object's or a YAML mapping's) read against its declared fields,
/// the part the strict readers share: the value of a field, and what does not fit the declaration
/// (an unknown key, a key given twice, a required field missing), in a fixed order. Each reader
/// words a problem its own way (a JSON path and a stable code, or a file and line).
public struct StrictObject<Field: StrictFields, Value> {
    public let entries: [(key: String, value: Value)]
    /// The fields this object may hold (nil: every declared field), as when a reserve line's
    /// class decides which of the line's fields it may carry.
    public let allowed: Set<Field>?

    public init(_ entries: [(key: String, value: Value)], allowing allowed: Set<Field>? = nil) {
        self.entries = entries
        self.allowed = allowed
    }

    /// Whether `key` names a field this object may hold.
    public func allows(_ key: String) -> Bool {
        guard let field = Field(rawValue: key) else { return false }
        return allowed?.contains(field) ?? true
    }

    /// What does not fit the declaration.
    public enum Problem: Equatable, Sendable {
        /// The entry at `index` has a key the object does not declare.
        case unknown(index: Int)
        /// The entry at `index` repeats an earlier entry's key.
        case duplicate(index: Int)
        /// A required field is absent.
        case missing(Field)
    }

    /// The value of `field` (its first entry's).
    public subscript(field: Field) -> Value? {
        let name = field.rawValue
        for entry in entries where entry.key == name { return entry.value }
        return nil
    }

    /// The keys the object does not declare, in document order.
    public var unknownKeys: [String] {
        entries.compactMap { allows($0.key) ? nil : $0.key }
    }

    /// Every problem: each entry in document order (unknown, else a repeat), then the missing
    /// required fields in the declared order.
    public var problems: [Problem] {
        var out: [Problem] = []
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            if !allows(entry.key) {
                out.append(.unknown(index: index))
            } else if !seen.insert(entry.key).inserted {
                out.append(.duplicate(index: index))
            }
        }
        for field in Field.allCases where Field.required.contains(field) && self[field] == nil {
            out.append(.missing(field))
        }
        return out
    }
}

extension StrictObject: Sendable where Value: Sendable {}
