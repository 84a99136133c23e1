import Foundation

/// The shape a finding's evidence must have to be written straight from its typed form: one top
/// object; each member a key, after the previous key in UTF-8 byte order, then one value; arrays
/// of values; every container closed; and the bank policy's replacement
/// (`bankPolicyReplacement`) among the top object's members where its key sorts.
///
/// The two writers of the ledger's formats share it: ``EvidenceJSONText`` (the JSON text of the
/// `finding` index rows) and the compact record's encoder (`EvidenceCoding.Encoder` in
/// `ReserveStore`). Each asks it before writing anything; once the typed evidence breaks the shape
/// (``broken``), the writer stops, and its caller writes the evidence's JSON object instead.
public struct EvidenceShape: Sendable {
    /// The key of the bank policy's replacement.
    public static let extraKey = "bankPolicyReplacement"

    /// Where a value or member may start.
    public enum Start: Sendable {
        /// It breaks the shape: write nothing more.
        case broken
        /// The first of its container (or the top object, or a member's value).
        case first
        /// An array element or object member after the first (JSON puts a comma before it).
        case next
    }

    /// Whether the typed evidence broke the shape.
    public private(set) var broken = false
    /// Whether the top object was closed (one object, nothing after it).
    public private(set) var closed = false
    /// The replacement still to be written among the top object's members.
    private var extra: String?
    /// The open containers: whether each is an object, its members or elements so far, and, for
    /// an object, its last key and whether a member's value is due.
    private var frames: [(isObject: Bool, count: Int, lastKey: String?, valueDue: Bool)] = []

    public init() {}

    /// Starts a finding's evidence, with its bank policy replacement (if any) still to be written.
    public mutating func reset(extra: String?) {
        frames.removeAll(keepingCapacity: true)
        self.extra = extra
        broken = false
        closed = false
    }

    /// A value starts: the one top object, a member's value after its key, or an array's element.
    /// For an opening container, call ``push(object:)`` after it.
    public mutating func startValue(object: Bool) -> Start {
        guard !broken else { return .broken }
        guard let top = frames.indices.last else {
            if !object || closed { broken = true }
            return broken ? .broken : .first
        }
        if frames[top].isObject {
            guard frames[top].valueDue else {
                broken = true
                return .broken
            }
            frames[top].valueDue = false
            return .first
        }
        frames[top].count += 1
        return frames[top].count == 1 ? .first : .next
    }

    /// A container opens (after ``startValue(object:)`` allowed it).
    public mutating func push(object: Bool) {
        frames.append((object, 0, nil, false))
    }

    /// A member's key starts: after the previous key, not where a value is due, only in an object.
    public mutating func memberKey(_ key: String) -> Start {
        guard !broken else { return .broken }
        guard let top = frames.indices.last, frames[top].isObject, !frames[top].valueDue,
            frames[top].lastKey.map({ Self.precedes($0, key) }) ?? true
        else {
            broken = true
            return .broken
        }
        frames[top].lastKey = key
        frames[top].count += 1
        frames[top].valueDue = true
        return frames[top].count == 1 ? .first : .next
    }

    /// The replacement to write as a member before the top object's member `key`, where its key
    /// sorts; nil when there is none to write now.
    public mutating func extra(before key: String) -> String? {
        guard !broken, frames.count == 1, let text = extra,
            Self.precedes(Self.extraKey, key)
        else { return nil }
        extra = nil
        return text
    }

    /// A container is about to close: checks that it may, and returns the replacement to write as
    /// its last member first when it is the top object and the replacement is not written yet.
    public mutating func closing(object: Bool) -> String? {
        guard !broken else { return nil }
        guard let frame = frames.last, frame.isObject == object, !frame.valueDue else {
            broken = true
            return nil
        }
        guard object, frames.count == 1, let text = extra else { return nil }
        extra = nil
        return text
    }

    /// The container closes (after ``closing(object:)`` and the replacement): its count of
    /// members or elements, or nil when the shape is broken.
    public mutating func pop() -> Int? {
        guard !broken, let frame = frames.popLast() else { return nil }
        if frames.isEmpty { closed = true }
        return frame.count
    }

    /// Whether `a` comes before `b` in UTF-8 byte order (the order of an object's keys): one
    /// `memcmp` of the two strings' bytes, not a walk of their UTF-8 views.
    public static func precedes(_ a: String, _ b: String) -> Bool {
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
}
