import Foundation

/// Encodes an `Encodable` value into a ``JSONValue``, so that typed evidence is written by the
/// one canonical ``JSONWriter`` (keys sorted there, not here).
///
/// Only what evidence needs: strings, booleans, integers, arrays and objects. A bare `Money` or
/// `Decimal` is written as a canonical amount (`Money.description`, `Amount.canonical`: the same
/// text); ratios and stressed figures carry their format in ``Ratio`` and ``Stressed``.
/// Floating-point numbers are refused: money is exact.
///
/// Recording encodes every finding's evidence (issue 13), so this is on the hot path: a figure
/// (a string, an amount, a ratio, an integer) becomes its value at once, with no encoder, no node
/// and no coding path of its own (``scalar(_:codingPath:)``); only objects and arrays get a
/// ``Node``, which holds its members in place (no copy per member).
public enum JSONValueEncoder {
    public static func encode<T: Encodable>(_ value: T) -> JSONValue {
        do {
            if let scalar = try scalar(value, codingPath: []) { return scalar }
            let node = Node()
            try value.encode(to: ValueEncoder(node: node, codingPath: []))
            return node.json
        } catch {
            preconditionFailure("evidence that cannot be encoded: \(error)")
        }
    }

    /// Encodes a value that must encode to an object (a rule's evidence).
    public static func encodeObject<T: Encodable>(_ value: T) -> JSONObject {
        guard case .object(let object) = encode(value) else {
            preconditionFailure("\(T.self) does not encode to a JSON object")
        }
        return object
    }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// The value of a figure that encodes to one JSON value, or nil for anything else (which goes
    /// through its `encode(to:)`). Types are compared by metatype: a failed `as?` cast costs far more.
    /// `codingPath` is only evaluated for an error.
    static func scalar<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONValue? {
        if T.self == Money.self { return .string((value as! Money).description) }
        if T.self == String.self { return .string(value as! String) }
        if T.self == Decimal.self { return .string(Amount.canonical(value as! Decimal)) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Int.self { return .number(String(value as! Int)) }
        if T.self == Double.self || T.self == Float.self {
            throw Refused(description: "a floating-point number at \(codingPath().map(\.stringValue))")
        }
        if let figure = value as? any EvidenceFigure { return figure.figureJSON }
        return nil
    }

    /// One member of an object or element of an array: a value, or a container under construction.
    enum Slot {
        case value(JSONValue)
        case node(Node)

        var json: JSONValue {
            switch self {
            case .value(let value): value
            case .node(let node): node.json
            }
        }
    }

    /// One container (or single value) under construction; its members are kept in place.
    final class Node {
        enum Kind { case unset, value, object, array }
        var kind = Kind.unset
        var value = JSONValue.null
        /// An object's keys, parallel to ``slots`` (empty for an array).
        var keys: [String] = []
        var slots: [Slot] = []

        var json: JSONValue {
            switch kind {
            case .unset: return .object(JSONObject())
            case .value: return value
            case .object:
                var entries: [(key: String, value: JSONValue)] = []
                entries.reserveCapacity(keys.count)
                for i in keys.indices { entries.append((keys[i], slots[i].json)) }
                return .object(JSONObject(uniqueEntries: entries))
            case .array: return .array(slots.map(\.json))
            }
        }

        func becomeObject() {
            guard kind != .object else { return }
            kind = .object
            keys = []
            slots = []
        }

        func becomeArray() {
            guard kind != .array else { return }
            kind = .array
            keys = []
            slots = []
        }

        func set(_ value: JSONValue) {
            kind = .value
            self.value = value
            keys = []
            slots = []
        }

        /// A member; a later one under the same key replaces the earlier (and moves last).
        func set(_ key: String, _ slot: Slot) {
            becomeObject()
            if let i = keys.firstIndex(of: key) {
                keys.remove(at: i)
                slots.remove(at: i)
            }
            keys.append(key)
            slots.append(slot)
        }

        func append(_ slot: Slot) {
            becomeArray()
            slots.append(slot)
        }
    }

    struct ValueEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.becomeObject()
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.becomeArray()
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(node: node, codingPath: codingPath)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        private func set(_ key: Key, _ value: JSONValue) { node.set(key.stringValue, .value(value)) }

        mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, .number(String(value))) }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let scalar = try JSONValueEncoder.scalar(value, codingPath: codingPath + [key]) {
                set(key, scalar)
                return
            }
            let child = Node()
            node.set(key.stringValue, .node(child))
            try value.encode(to: ValueEncoder(node: child, codingPath: codingPath + [key]))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            child.becomeObject()
            node.set(key.stringValue, .node(child))
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = Node()
            child.becomeArray()
            node.set(key.stringValue, .node(child))
            return Unkeyed(node: child, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder {
            let child = Node()
            node.set("super", .node(child))
            return ValueEncoder(node: child, codingPath: codingPath)
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = Node()
            node.set(key.stringValue, .node(child))
            return ValueEncoder(node: child, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.kind == .array ? node.slots.count : 0 }

        private func append(_ value: JSONValue) { node.append(.value(value)) }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: Bool) throws { append(.bool(value)) }
        mutating func encode(_ value: String) throws { append(.string(value)) }
        mutating func encode(_ value: Int) throws { append(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { append(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { append(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { append(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { append(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { append(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { append(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { append(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { append(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { append(.number(String(value))) }
        mutating func encode(_ value: Double) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let scalar = try JSONValueEncoder.scalar(value, codingPath: codingPath) {
                append(scalar)
                return
            }
            let child = Node()
            node.append(.node(child))
            try value.encode(to: ValueEncoder(node: child, codingPath: codingPath))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = Node()
            child.becomeObject()
            node.append(.node(child))
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = Node()
            child.becomeArray()
            node.append(.node(child))
            return Unkeyed(node: child, codingPath: codingPath)
        }
        mutating func superEncoder() -> any Encoder {
            let child = Node()
            node.append(.node(child))
            return ValueEncoder(node: child, codingPath: codingPath)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.set(.null) }
        mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
        mutating func encode(_ value: String) throws { node.set(.string(value)) }
        mutating func encode(_ value: Int) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { node.set(.number(String(value))) }
        mutating func encode(_ value: Double) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let scalar = try JSONValueEncoder.scalar(value, codingPath: codingPath) {
                node.set(scalar)
                return
            }
            try value.encode(to: ValueEncoder(node: node, codingPath: codingPath))
        }
    }
}
