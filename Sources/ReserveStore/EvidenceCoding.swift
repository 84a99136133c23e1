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
/// A finding's evidence is written straight from its typed evidence (``value(_:)-(Finding)``:
/// ``RuleEvidence`` writes itself through ``EvidenceWriter``, with no JSON object), or, when that
/// writing breaks the order or nesting the format needs, from the evidence as a JSON object
/// (``Finding/evidenceJSON``): the same bytes either way. Whatever produced them, the record reads
/// back to that object and so to the same JSON bytes.
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

        /// The containers open while a typed evidence is written (``EvidenceWriter``).
        private var frames: [Frame] = []
        /// The finding's `bankPolicyReplacement`, still to be written among the top object's members.
        private var extra: String?
        /// Whether the typed evidence broke the format's order or nesting (then its JSON object is written).
        private var broken = false
        /// Whether the top object was written (one object, nothing after it).
        private var closed = false
        /// How many findings' evidence was written from the JSON object because the typed writing broke.
        private(set) var fallbacks = 0

        init() {
            bytes.reserveCapacity(1024)
            index.reserveCapacity(256)
        }

        mutating func value(_ object: JSONObject) {
            write(object)
            ends.append(bytes.count)
        }

        /// A finding's evidence, as ``value(_:)-(JSONObject)`` writes its ``Finding/evidenceJSON``
        /// (the bank policy's replacement among its members): written from the typed evidence,
        /// with no JSON object, unless that writing breaks the format, when it is undone and the
        /// JSON object written instead.
        mutating func value(_ finding: Finding) {
            let mark = (bytes: bytes.count, table: table.count)
            frames.removeAll(keepingCapacity: true)
            extra = finding.bankPolicyReplacement
            broken = false
            closed = false
            finding.evidence.write(to: &self)
            if broken || !closed {
                for text in table[mark.table...] { index[text] = nil }
                table.removeSubrange(mark.table...)
                bytes.removeSubrange(mark.bytes...)
                fallbacks += 1
                write(finding.evidenceJSON)
            }
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

    /// A container being written from typed evidence: where its count goes, how many members or
    /// elements it has so far, and, for an object, its last key and whether a value is due.
    struct Frame {
        var countAt: Int
        var count = 0
        let isObject: Bool
        var lastKey: String?
        var valueDue = false
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

extension EvidenceCoding.Encoder: EvidenceWriter {
    private static let extraKey = "bankPolicyReplacement"

    /// Starts a value: the one top object, a member's value after its key, or an array's element.
    private mutating func startValue(object: Bool) {
        guard !broken else { return }
        if frames.isEmpty {
            if !object || closed { broken = true }
            return
        }
        let top = frames.count - 1
        if frames[top].isObject {
            if !frames[top].valueDue { broken = true }
            frames[top].valueDue = false
        } else {
            frames[top].count += 1
        }
    }

    private mutating func open(_ tag: EvidenceCoding.Tag) {
        startValue(object: tag == .object)
        guard !broken else { return }
        bytes.append(tag.rawValue)
        // One byte for the count, widened when the container is closed with 128 or more.
        frames.append(EvidenceCoding.Frame(countAt: bytes.count, isObject: tag == .object))
        bytes.append(0)
    }

    private mutating func close(object: Bool) {
        guard !broken else { return }
        guard let frame = frames.last, frame.isObject == object, !frame.valueDue else {
            broken = true
            return
        }
        if object && frames.count == 1, extra != nil { writeExtra() }
        guard !broken, let count = frames.popLast()?.count else { return }
        if count < 0x80 {
            bytes[frame.countAt] = UInt8(count)
        } else {
            var wide: [UInt8] = []
            var v = UInt64(count)
            while v >= 0x80 {
                wide.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            wide.append(UInt8(v))
            bytes.replaceSubrange(frame.countAt..<(frame.countAt + 1), with: wide)
        }
        if frames.isEmpty { closed = true }
    }

    /// The bank policy's replacement, a string member of the top object where its key sorts.
    private mutating func writeExtra() {
        guard let text = extra else { return }
        extra = nil
        memberKey(Self.extraKey)
        startValue(object: false)
        guard !broken else { return }
        bytes.append(EvidenceCoding.Tag.string.rawValue)
        reference(text)
    }

    private mutating func memberKey(_ key: String) {
        guard !broken else { return }
        let top = frames.count - 1
        guard top >= 0, frames[top].isObject, !frames[top].valueDue else {
            broken = true
            return
        }
        if let last = frames[top].lastKey, !EvidenceCoding.precedes(last, key) {
            broken = true
            return
        }
        reference(key)
        frames[top].lastKey = key
        frames[top].count += 1
        frames[top].valueDue = true
    }

    mutating func beginObject() { open(.object) }
    mutating func endObject() { close(object: true) }
    mutating func beginArray() { open(.array) }
    mutating func endArray() { close(object: false) }

    mutating func key(_ key: String) {
        guard !broken else { return }
        if frames.count == 1, extra != nil, EvidenceCoding.precedes(Self.extraKey, key) { writeExtra() }
        memberKey(key)
    }

    mutating func null() {
        startValue(object: false)
        guard !broken else { return }
        bytes.append(EvidenceCoding.Tag.null.rawValue)
    }

    mutating func bool(_ value: Bool) {
        startValue(object: false)
        guard !broken else { return }
        bytes.append(value ? EvidenceCoding.Tag.true.rawValue : EvidenceCoding.Tag.false.rawValue)
    }

    mutating func number(_ text: String) {
        startValue(object: false)
        guard !broken else { return }
        bytes.append(EvidenceCoding.Tag.number.rawValue)
        reference(text)
    }

    mutating func string(_ text: String) {
        startValue(object: false)
        guard !broken else { return }
        bytes.append(EvidenceCoding.Tag.string.rawValue)
        reference(text)
    }
}
