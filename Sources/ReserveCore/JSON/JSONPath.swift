/// A location inside a JSON document, rendered the way people write it: `reserves[3].value`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private var components: [Component]

    public static let root = JSONPath(components: [])

    public func key(_ name: String) -> JSONPath { JSONPath(components: components + [.key(name)]) }
    public func index(_ position: Int) -> JSONPath { JSONPath(components: components + [.index(position)]) }

    public var isRoot: Bool { components.isEmpty }

    public var description: String {
        if components.isEmpty { return "(document)" }
        var out = ""
        for component in components {
            switch component {
            case .index(let i):
                out += "[\(i)]"
            case .key(let name):
                // Long keys go through quotedForMessage, which truncates: a 10 MB key must not
                // become a 10 MB message.
                if name.utf8.allSatisfy({ $0.isIdentifierByte }) && !name.isEmpty && name.utf8.count <= 64 {
                    out += out.isEmpty ? name : ".\(name)"
                } else {
                    out += "[\(quotedForMessage(name))]"
                }
            }
        }
        return out
    }
}

extension UInt8 {
    fileprivate var isIdentifierByte: Bool {
        (self >= 0x61 && self <= 0x7a) || (self >= 0x41 && self <= 0x5a) || (self >= 0x30 && self <= 0x39)
            || self == 0x5f
    }
}

/// Quotes a string taken from input for an error message: control characters escaped, at most
/// 64 characters, so a hostile value cannot flood or forge a message.
public func quotedForMessage(_ text: String, limit: Int = 64) -> String {
    var out = "\""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            out += "…"
            break
        }
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value)
                || (0x202a...0x202e).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        count += 1
    }
    return out + "\""
}
