/// A JSON object with unique keys in document order.
public struct JSONObject: Sendable, Hashable {
    public private(set) var entries: [(key: String, value: JSONValue)]
    /// Key -> position, built only for objects of more than ``linearLimit`` keys: most objects
    /// are small, and a scan of a few short keys costs less than hashing into a dictionary.
    private var index: [String: Int]?
    static let linearLimit = 16

    public init() {
        entries = []
        index = nil
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        index =
            entries.count > Self.linearLimit
            ? Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) }) : nil
    }

    /// An object of entries whose keys are known to be distinct (``JSONValueEncoder``'s members),
    /// in their order, without a look-up per key.
    init(uniqueEntries: [(key: String, value: JSONValue)]) {
        entries = uniqueEntries
        index = nil
        rebuildIndex()
    }

    /// Builds an object from pairs; a later duplicate key replaces the earlier value (for writing).
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    /// Inserts a key that must be new. Returns false when the key is already present.
    @discardableResult
    public mutating func insertNew(_ key: String, _ value: JSONValue) -> Bool {
        if position(of: key) != nil { return false }
        entries.append((key, value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Self.linearLimit {
            rebuildIndex()
        }
        return true
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                insertNew(key, newValue)
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}
