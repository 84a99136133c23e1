/// Writes JSON deterministically: object keys sorted by their UTF-8 bytes, two-space indent,
/// `\n` line ends, no trailing spaces, strings escaped minimally (`"`, `\`, control characters).
/// Same value, same bytes: the tool's JSON output is a contract.
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(1024)
        write(value, into: &out, indent: 0, pretty: pretty)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int, pretty: Bool) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent + 1, pretty)
                write(element, into: &out, indent: indent + 1, pretty: pretty)
            }
            newline(&out, indent, pretty)
            out += "]"
        case .object(let object):
            if object.count == 0 {
                out += "{}"
                return
            }
            out += "{"
            let sorted = object.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, entry) in sorted.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent + 1, pretty)
                writeString(entry.key, into: &out)
                out += pretty ? ": " : ":"
                write(entry.value, into: &out, indent: indent + 1, pretty: pretty)
            }
            newline(&out, indent, pretty)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int, _ pretty: Bool) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
