/// A closed set of names (an object's field names, an enumeration's raw values) matched against
/// UTF-8 bytes without making a `String`: the ``DirectDecoder`` reads a key or an enumerated value
/// in place and finds which name it is, if any, by its length and then its bytes.
struct ByteNames<Value> {
    /// Every name's bytes, one after another.
    private let blob: [UInt8]
    /// Per name: its length, where it starts in ``blob``, and its value.
    private let entries: [(length: Int, start: Int, value: Value)]

    init(_ names: [(String, Value)]) {
        var blob: [UInt8] = []
        var entries: [(length: Int, start: Int, value: Value)] = []
        for (name, value) in names {
            entries.append((name.utf8.count, blob.count, value))
            blob += name.utf8
        }
        self.blob = blob
        self.entries = entries
    }

    /// The value whose name is exactly `bytes`, or nil.
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        blob.withUnsafeBufferPointer { names -> Value? in
            for entry in entries where entry.length == bytes.count {
                var i = 0
                while i < entry.length && names[entry.start + i] == bytes[i] { i += 1 }
                if i == entry.length { return entry.value }
            }
            return nil
        }
    }
}

extension ByteNames {
    /// The fields of an object, each with its position in the declared order.
    init<F: StrictFields>(fields: F.Type) where Value == (field: F, position: Int) {
        self.init(F.allCases.enumerated().map { ($1.rawValue, ($1, $0)) })
    }
}

extension ByteNames where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// The cases of an enumeration by their raw values.
    init(cases: Value.Type) {
        self.init(Value.allCases.map { ($0.rawValue, $0) })
    }
}

extension ByteNames: Sendable where Value: Sendable {}
