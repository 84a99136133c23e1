import Foundation
import ReserveCore

/// The compact encoding of findings' evidence in a format-5 record (chain version 5,
/// ``CompactRecord``): JSON values with every string kept once per record.
///
/// A record's evidence strings (object keys, string values, and numbers as their decimal text)
/// form one table, in order of first use, written before the findings; each value is then a tag
/// byte and, for a string or number, its table index (a LEB128 varint): `0` null, `1` false,
/// `2` true, `3` number, `4` string, `5` array (count, elements), `6` object (count, then key
/// index and value per member, keys in ascending UTF-8 byte order, as ``JSONWriter`` writes
/// them). A reader refuses keys out of that order (so a value has one encoding), an index outside
/// the table, an unknown tag and nesting deeper than ``maxDepth``.
///
/// Built on the evidence as a JSON object (``Finding/evidenceJSON``): whatever produces that
/// object, the record reads back to the same object and so to the same JSON bytes.
enum EvidenceCoding {
    static let maxDepth = 64

    enum Tag: UInt8 {
        case null = 0
        case `false` = 1
        case `true` = 2
        case number = 3
        case string = 4
        case array = 5
        case object = 6
    }

    /// Encodes a record's evidence values one after another, collecting the string table.
    struct Encoder {
        var bytes: [UInt8] = []
        var table: [String] = []
        var index: [String: Int] = [:]
        /// Where each value written by ``value(_:)`` ends in ``bytes``.
        var ends: [Int] = []

        init() {
            bytes.reserveCapacity(1024)
            index.reserveCapacity(256)
        }

        mutating func value(_ object: JSONObject) {
            write(object)
            ends.append(bytes.count)
        }

        private mutating func varint(_ value: Int) {
            var v = UInt64(value)
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        private mutating func reference(_ text: String) {
            if let i = index[text] {
                varint(i)
            } else {
                let i = table.count
                table.append(text)
                index[text] = i
                varint(i)
            }
        }

        private mutating func write(_ object: JSONObject) {
            bytes.append(Tag.object.rawValue)
            varint(object.count)
            let entries = object.entries
            if zip(entries, entries.dropFirst()).allSatisfy({ EvidenceCoding.precedes($0.key, $1.key) }) {
                for entry in entries {
                    reference(entry.key)
                    write(entry.value)
                }
            } else {
                // Sort positions, not the entries (no key or value moved or retained per swap).
                for i in entries.indices.sorted(by: { EvidenceCoding.precedes(entries[$0].key, entries[$1].key) }) {
                    reference(entries[i].key)
                    write(entries[i].value)
                }
            }
        }

        private mutating func write(_ value: JSONValue) {
            switch value {
            case .null: bytes.append(Tag.null.rawValue)
            case .bool(let flag): bytes.append(flag ? Tag.true.rawValue : Tag.false.rawValue)
            case .number(let text):
                bytes.append(Tag.number.rawValue)
                reference(text)
            case .string(let text):
                bytes.append(Tag.string.rawValue)
                reference(text)
            case .array(let elements):
                bytes.append(Tag.array.rawValue)
                varint(elements.count)
                for element in elements { write(element) }
            case .object(let object): write(object)
            }
        }
    }

    /// Whether `a` comes before `b` in UTF-8 byte order (the order of an object's keys): one
    /// `memcmp` of the two strings' bytes, not a walk of their UTF-8 views.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
    }

    /// One value, read with the record's string table.
    static func value(_ r: inout CompactRecord.Reader, table: [String], depth: Int) throws(CompactRecord.Malformed)
        -> JSONValue
    {
        guard depth < maxDepth, let byte = r.byte(), let tag = Tag(rawValue: byte) else {
            throw CompactRecord.Malformed()
        }
        // Counts are plain varints, at most one element a remaining byte.
        func count() throws(CompactRecord.Malformed) -> Int {
            let n = try r.varint()
            guard n <= UInt64(r.bytes.count - r.offset) else { throw CompactRecord.Malformed() }
            return Int(n)
        }
        func text() throws(CompactRecord.Malformed) -> String {
            let i = try r.varint()
            guard i < UInt64(table.count) else { throw CompactRecord.Malformed() }
            return table[Int(i)]
        }
        switch tag {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number: return .number(try text())
        case .string: return .string(try text())
        case .array:
            let n = try count()
            var elements: [JSONValue] = []
            elements.reserveCapacity(n)
            for _ in 0..<n { elements.append(try value(&r, table: table, depth: depth + 1)) }
            return .array(elements)
        case .object:
            let n = try count()
            var object = JSONObject()
            var previous: String?
            for _ in 0..<n {
                let key = try text()
                if let previous, !precedes(previous, key) { throw CompactRecord.Malformed() }
                object.insertNew(key, try value(&r, table: table, depth: depth + 1))
                previous = key
            }
            return .object(object)
        }
    }
}
