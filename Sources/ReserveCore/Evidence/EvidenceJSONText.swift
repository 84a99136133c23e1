/// Writes a finding's evidence as its compact JSON text (``JSONWriter`` with `pretty: false`)
/// straight from the typed evidence, with no JSON object: the text the ledger's `finding` index
/// rows hold (``Finding/evidenceText``). The bank policy's replacement is written among the top
/// object's members where its key sorts; when the typed writing breaks the order or nesting,
/// ``text`` is nil and the caller writes the JSON object instead.
struct EvidenceJSONText: EvidenceWriter {
    private var out = ""
    /// The order and nesting the text may have (shared with the compact record's encoder).
    private var shape = EvidenceShape()

    /// The text of `evidence` with `bankPolicyReplacement` among its members, or nil when its
    /// typed writing breaks the format.
    static func text(of evidence: any RuleEvidence, bankPolicyReplacement: String?) -> String? {
        var writer = EvidenceJSONText()
        writer.out.reserveCapacity(256)
        writer.shape.reset(extra: bankPolicyReplacement)
        evidence.write(to: &writer)
        return writer.shape.broken || !writer.shape.closed ? nil : writer.out
    }

    /// Starts a value, with the comma before an array's later element; false when the shape broke.
    private mutating func startValue(object: Bool) -> Bool {
        switch shape.startValue(object: object) {
        case .broken: return false
        case .first: return true
        case .next:
            out += ","
            return true
        }
    }

    private mutating func open(object: Bool) {
        guard startValue(object: object) else { return }
        out += object ? "{" : "["
        shape.push(object: object)
    }

    private mutating func close(object: Bool) {
        if let text = shape.closing(object: object) { member(EvidenceShape.extraKey, text) }
        guard shape.pop() != nil else { return }
        out += object ? "}" : "]"
    }

    private mutating func memberKey(_ key: String) {
        switch shape.memberKey(key) {
        case .broken: return
        case .first: break
        case .next: out += ","
        }
        JSONWriter.writeString(key, into: &out)
        out += ":"
    }

    /// The bank policy's replacement, a string member.
    private mutating func member(_ key: String, _ text: String) {
        memberKey(key)
        string(text)
    }

    mutating func beginObject() { open(object: true) }
    mutating func endObject() { close(object: true) }
    mutating func beginArray() { open(object: false) }
    mutating func endArray() { close(object: false) }

    mutating func key(_ key: String) {
        if let text = shape.extra(before: key) { member(EvidenceShape.extraKey, text) }
        memberKey(key)
    }

    mutating func null() {
        if startValue(object: false) { out += "null" }
    }

    mutating func bool(_ value: Bool) {
        if startValue(object: false) { out += value ? "true" : "false" }
    }

    mutating func number(_ text: String) {
        if startValue(object: false) { out += text }
    }

    mutating func string(_ text: String) {
        if startValue(object: false) { JSONWriter.writeString(text, into: &out) }
    }
}
