/// A closed set of names (an object's field names, an enumeration's raw values) matched against
/// UTF-8 bytes without making a `String`: the ``DirectDecoder`` reads a key or an enumerated value
/// in place and finds which name it is, if any, by its length and then its bytes.
struct ByteNames<Value> {
    /// Every name's bytes, one after another, in the order of ``entries``.
    private let blob: [UInt8]
    /// Per name, shortest first (names of one length in the order given): its length, where it
    /// starts in ``blob``, and its value.
    private let entries: [(length: Int, start: Int, value: Value)]
    /// The names `n` bytes long are `entries[byLength[n]..<byLength[n + 1]]`.
    private let byLength: [Int]

    init(_ names: [(String, Value)]) {
        // A stable sort by length: a name is compared only with names of its own length.
        let sorted = names.enumerated().sorted {
            ($0.element.0.utf8.count, $0.offset) < ($1.element.0.utf8.count, $1.offset)
        }.map(\.element)
        var blob: [UInt8] = []
        var entries: [(length: Int, start: Int, value: Value)] = []
        for (name, value) in sorted {
            entries.append((name.utf8.count, blob.count, value))
            blob += name.utf8
        }
        let longest = entries.last?.length ?? 0
        var byLength = [Int](repeating: 0, count: longest + 2)
        for n in 0...(longest + 1) { byLength[n] = entries.firstIndex { $0.length >= n } ?? entries.count }
        self.blob = blob
        self.entries = entries
        self.byLength = byLength
    }

    /// The value whose name is exactly `bytes`, or nil.
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let n = bytes.count
        guard n + 1 < byLength.count else { return nil }
        var i = byLength[n]
        let end = byLength[n + 1]
        guard i < end else { return nil }
        return blob.withUnsafeBufferPointer { names -> Value? in
            while i < end {
                let start = entries[i].start
                var k = 0
                while k < n && names[start + k] == bytes[k] { k += 1 }
                if k == n { return entries[i].value }
                i += 1
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
