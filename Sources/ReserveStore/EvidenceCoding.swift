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
        /// Each table string's position, found by its UTF-8 bytes (``TextIndex``), not by `String`.
        private var index = TextIndex(capacity: 128)
        /// Where each value written by ``value(_:)`` ends in ``bytes``.
        var ends: [Int] = []

        /// The order and nesting of the typed evidence being written (``EvidenceWriter``); when it
        /// breaks them, its JSON object is written instead.
        private var shape = EvidenceShape()
        /// Where the count of each container open in ``shape`` goes in ``bytes``.
        private var countPositions: [Int] = []
        /// How many findings' evidence was written from the JSON object because the typed writing broke.
        private(set) var fallbacks = 0
        /// The table of the encoder this one continues (``init(continuing:)``): read, never copied
        /// or changed; its strings keep their positions and ``table`` holds only the ones after them.
        private var baseIndex = TextIndex(capacity: 0)
        private var baseCount = 0

        init() {
            bytes.reserveCapacity(1024)
        }

        /// An encoder that goes on from `base`'s table without copying it: the values it writes
        /// refer to `base`'s strings by their positions there, and its ``table`` holds only the
        /// strings `base` lacks (their positions follow `base`'s). Its ``bytes`` and ``ends`` are
        /// its own values only. The bytes are those `base` itself would write for the same values.
        /// `base` is a whole encoder, not itself a continuation (the writer continues a draft's).
        init(continuing base: Encoder) {
            precondition(base.baseCount == 0, "an encoder continues a whole encoder only")
            baseIndex = base.index
            baseCount = base.table.count
            index = TextIndex(capacity: 16)
            bytes.reserveCapacity(256)
        }

        /// How many strings the table has in all (``table`` after those of the encoder this one continues).
        var tableCount: Int { baseCount + table.count }

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
            shape.reset(extra: finding.bankPolicyReplacement)
            countPositions.removeAll(keepingCapacity: true)
            finding.evidence.write(to: &self)
            if shape.broken || !shape.closed {
                index.removeAll(from: mark.table)
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
            var utf8 = text
            let i = utf8.withUTF8 { p in
                let bytes = UnsafeRawBufferPointer(p)
                let hash = TextIndex.hash(bytes)
                if baseCount > 0, let i = baseIndex.position(of: bytes, hash: hash) { return i }
                if let i = index.position(of: bytes, hash: hash) { return baseCount + i }
                index.insert(bytes, hash: hash)
                return -1
            }
            if i >= 0 {
                varint(i)
            } else {
                varint(baseCount + table.count)
                table.append(text)
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

    /// Whether `a` comes before `b` in UTF-8 byte order (the order of an object's keys).
    static func precedes(_ a: String, _ b: String) -> Bool { EvidenceShape.precedes(a, b) }

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
    private mutating func open(_ tag: EvidenceCoding.Tag) {
        guard shape.startValue(object: tag == .object) != .broken else { return }
        bytes.append(tag.rawValue)
        // One byte for the count, widened when the container is closed with 128 or more.
        countPositions.append(bytes.count)
        bytes.append(0)
        shape.push(object: tag == .object)
    }

    private mutating func close(object: Bool) {
        if let text = shape.closing(object: object) {
            memberKey(EvidenceShape.extraKey)
            string(text)
        }
        guard let count = shape.pop(), let countAt = countPositions.popLast() else { return }
        if count < 0x80 {
            bytes[countAt] = UInt8(count)
        } else {
            var wide: [UInt8] = []
            var v = UInt64(count)
            while v >= 0x80 {
                wide.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            wide.append(UInt8(v))
            bytes.replaceSubrange(countAt..<(countAt + 1), with: wide)
        }
    }

    private mutating func memberKey(_ key: String) {
        guard shape.memberKey(key) != .broken else { return }
        reference(key)
    }

    mutating func beginObject() { open(.object) }
    mutating func endObject() { close(object: true) }
    mutating func beginArray() { open(.array) }
    mutating func endArray() { close(object: false) }

    mutating func key(_ key: String) {
        if let text = shape.extra(before: key) {
            memberKey(EvidenceShape.extraKey)
            string(text)
        }
        memberKey(key)
    }

    mutating func null() {
        guard shape.startValue(object: false) != .broken else { return }
        bytes.append(EvidenceCoding.Tag.null.rawValue)
    }

    mutating func bool(_ value: Bool) {
        guard shape.startValue(object: false) != .broken else { return }
        bytes.append(value ? EvidenceCoding.Tag.true.rawValue : EvidenceCoding.Tag.false.rawValue)
    }

    mutating func number(_ text: String) {
        guard shape.startValue(object: false) != .broken else { return }
        bytes.append(EvidenceCoding.Tag.number.rawValue)
        reference(text)
    }

    mutating func string(_ text: String) {
        guard shape.startValue(object: false) != .broken else { return }
        bytes.append(EvidenceCoding.Tag.string.rawValue)
        reference(text)
    }
}
