/// Writes a finding's evidence as its compact JSON text (``JSONWriter`` with `pretty: false`)
/// straight from the typed evidence, with no JSON object: the text the ledger's `finding` index
/// rows hold (``Finding/evidenceText``). The bank policy's replacement is written among the top
/// object's members where its key sorts; when the typed writing breaks the order or nesting,
/// ``text`` is nil and the caller writes the JSON object instead.
struct EvidenceJSONText: EvidenceWriter {
    private static let extraKey = "bankPolicyReplacement"

    private var out = ""
    /// The open containers: whether each is an object, has a member yet, its last key, and
    /// whether a member's value is due.
    private var frames: [(isObject: Bool, hasMember: Bool, lastKey: String?, valueDue: Bool)] = []
    private var extra: String?
    private var broken = false
    private var closed = false

    /// The text of `evidence` with `bankPolicyReplacement` among its members, or nil when its
    /// typed writing breaks the format.
    static func text(of evidence: any RuleEvidence, bankPolicyReplacement: String?) -> String? {
        var writer = EvidenceJSONText()
        writer.out.reserveCapacity(256)
        writer.extra = bankPolicyReplacement
        evidence.write(to: &writer)
        return writer.broken || !writer.closed ? nil : writer.out
    }

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
            if frames[top].hasMember { out += "," }
            frames[top].hasMember = true
        }
    }

    private mutating func open(object: Bool) {
        startValue(object: object)
        guard !broken else { return }
        out += object ? "{" : "["
        frames.append((object, false, nil, false))
    }

    private mutating func close(object: Bool) {
        guard !broken else { return }
        guard let frame = frames.last, frame.isObject == object, !frame.valueDue else {
            broken = true
            return
        }
        if object && frames.count == 1, let text = extra {
            extra = nil
            memberKey(Self.extraKey)
            string(text)
        }
        guard !broken else { return }
        frames.removeLast()
        out += object ? "}" : "]"
        if frames.isEmpty { closed = true }
    }

    private mutating func memberKey(_ key: String) {
        guard !broken else { return }
        let top = frames.count - 1
        guard top >= 0, frames[top].isObject, !frames[top].valueDue else {
            broken = true
            return
        }
        if let last = frames[top].lastKey, !last.utf8.lexicographicallyPrecedes(key.utf8) {
            broken = true
            return
        }
        if frames[top].hasMember { out += "," }
        JSONWriter.writeString(key, into: &out)
        out += ":"
        frames[top].hasMember = true
        frames[top].lastKey = key
        frames[top].valueDue = true
    }

    mutating func beginObject() { open(object: true) }
    mutating func endObject() { close(object: true) }
    mutating func beginArray() { open(object: false) }
    mutating func endArray() { close(object: false) }

    mutating func key(_ key: String) {
        guard !broken else { return }
        if frames.count == 1, let text = extra, Self.extraKey.utf8.lexicographicallyPrecedes(key.utf8) {
            extra = nil
            memberKey(Self.extraKey)
            string(text)
        }
        memberKey(key)
    }

    mutating func null() {
        startValue(object: false)
        if !broken { out += "null" }
    }

    mutating func bool(_ value: Bool) {
        startValue(object: false)
        if !broken { out += value ? "true" : "false" }
    }

    mutating func number(_ text: String) {
        startValue(object: false)
        if !broken { out += text }
    }

    mutating func string(_ text: String) {
        startValue(object: false)
        if !broken { JSONWriter.writeString(text, into: &out) }
    }
}
