import Foundation

/// Encodes an `Encodable` value into a ``JSONValue``, so that typed evidence is written by the
/// one canonical ``JSONWriter`` (keys sorted there, not here).
///
/// Only what evidence needs: strings, booleans, integers, arrays and objects. A bare `Money` or
/// `Decimal` is written as a canonical amount (`Money.description`, `Amount.canonical`: the same text); ratios and
/// stressed figures carry their format in ``Ratio`` and ``Stressed``. Floating-point numbers are refused: money is
/// exact.
public enum JSONValueEncoder {
    public static func encode<T: Encodable>(_ value: T) -> JSONValue {
        let node = Node()
        do {
            try node.store(value, codingPath: [])
        } catch {
            preconditionFailure("evidence that cannot be encoded: \(error)")
        }
        return node.json
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

    /// One value under construction; containers hold their children as nodes.
    final class Node {
        enum Kind {
            case unset
            case value(JSONValue)
            case object([(String, Node)])
            case array([Node])
        }
        var kind = Kind.unset

        var json: JSONValue {
            switch kind {
            case .unset: return .object(JSONObject())
            case .value(let value): return value
            case .object(let members):
                var object = JSONObject()
                for (key, node) in members { object[key] = node.json }
                return .object(object)
            case .array(let elements): return .array(elements.map(\.json))
            }
        }

        func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
            if let money = value as? Money {
                kind = .value(.string(money.description))
            } else if let decimal = value as? Decimal {
                kind = .value(.string(Amount.canonical(decimal)))
            } else if value is Double || value is Float {
                throw Refused(description: "a floating-point number at \(codingPath.map(\.stringValue))")
            } else {
                try value.encode(to: ValueEncoder(node: self, codingPath: codingPath))
            }
        }

        func append(_ key: String) -> Node {
            let child = Node()
            if case .object(var members) = kind {
                members.removeAll { $0.0 == key }
                members.append((key, child))
                kind = .object(members)
            } else {
                kind = .object([(key, child)])
            }
            return child
        }

        func appendElement() -> Node {
            let child = Node()
            if case .array(var elements) = kind {
                elements.append(child)
                kind = .array(elements)
            } else {
                kind = .array([child])
            }
            return child
        }
    }

    struct ValueEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.kind {} else { node.kind = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array = node.kind {} else { node.kind = .array([]) }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(node: node, codingPath: codingPath)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.append(key.stringValue).kind = .value(.null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.bool(value))
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.string(value))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: Int8, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: Int16, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: Int32, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: UInt, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: UInt8, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: UInt16, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: UInt32, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: UInt64, forKey key: Key) throws {
            node.append(key.stringValue).kind = .value(.number(String(value)))
        }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try node.append(key.stringValue).store(value, codingPath: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = node.append(key.stringValue)
            child.kind = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = node.append(key.stringValue)
            child.kind = .array([])
            return Unkeyed(node: child, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder {
            ValueEncoder(node: node.append("super"), codingPath: codingPath)
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            ValueEncoder(node: node.append(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int {
            if case .array(let elements) = node.kind { return elements.count }
            return 0
        }

        mutating func encodeNil() throws { node.appendElement().kind = .value(.null) }
        mutating func encode(_ value: Bool) throws { node.appendElement().kind = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { node.appendElement().kind = .value(.string(value)) }
        mutating func encode(_ value: Int) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { node.appendElement().kind = .value(.number(String(value))) }
        mutating func encode(_ value: Double) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try node.appendElement().store(value, codingPath: codingPath)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            let child = node.appendElement()
            child.kind = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(node: child, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = node.appendElement()
            child.kind = .array([])
            return Unkeyed(node: child, codingPath: codingPath)
        }
        mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.appendElement(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.kind = .value(.null) }
        mutating func encode(_ value: Bool) throws { node.kind = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { node.kind = .value(.string(value)) }
        mutating func encode(_ value: Int) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { node.kind = .value(.number(String(value))) }
        mutating func encode(_ value: Double) throws { throw Refused(description: "a Double") }
        mutating func encode(_ value: Float) throws { throw Refused(description: "a Float") }
        mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
    }
}
