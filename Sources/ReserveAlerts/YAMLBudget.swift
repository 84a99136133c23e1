// libyaml itself, as Yams builds it: the event stream is the only place where an alias is still
// an alias and not a copy. Yams exposes no event API, so this reaches the C module it carries.
import CYaml

/// The cost of composing a YAML document, measured on libyaml's event stream before Yams builds
/// a tree. Yams resolves an alias by sharing the anchored node, which is cheap, but it checks every
/// mapping for duplicate keys by hashing each key in full: a key that is an alias of an alias of…
/// (the "billion laughs" shape) costs exponential time in the file's length. Found by the
/// `fuzz-jobfile` target (a 15-second libFuzzer timeout inside `Node.hash(into:)`).
///
/// `expandedNodes` counts every node as if each alias were written out; `keyHashing` counts the
/// nodes Yams hashes for its duplicate-key checks (each key's expanded size; a key nested in a
/// key is hashed again with the outer one, which its size already counts). Both are exact for the composer Yams runs. A
/// document libyaml rejects is left to Yams, whose error names the line.
struct YAMLBudget: Sendable {
    static let maxExpandedNodes = 100_000
    static let maxKeyHashing = 1_000_000

    enum Verdict: Equatable, Sendable {
        case withinBudget
        /// Over a limit: what, and the line (1-based) of the event that crossed it.
        case over(String, line: Int)
    }

    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var size = 1
        var children = 0
    }

    static func check(_ text: String) -> Verdict {
        var text = text
        return text.withUTF8 { bytes in check(bytes) }
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .withinBudget }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var anchors: [String: Int] = [:]
        var stack: [Frame] = []
        var expanded = 0
        var keyHashing = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return .withinBudget }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            var finished: (size: Int, anchor: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .withinBudget
            case YAML_SCALAR_EVENT:
                expanded += 1
                finished = (1, string(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                // An undefined alias is Yams' error to report; it costs nothing here.
                let size = anchors[string(event.data.alias.anchor) ?? ""] ?? 1
                expanded = min(expanded + size, Int.max / 4)
                finished = (size, nil)
            case YAML_SEQUENCE_START_EVENT:
                expanded += 1
                stack.append(Frame(isMapping: false, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                expanded += 1
                stack.append(Frame(isMapping: true, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let frame = stack.popLast() { finished = (frame.size, frame.anchor) }
            default:
                break
            }
            if expanded > maxExpandedNodes {
                return .over("more than \(maxExpandedNodes) nodes once its aliases are expanded", line: line)
            }
            guard let (size, anchor) = finished else { continue }
            if let anchor { anchors[anchor] = size }
            guard !stack.isEmpty else { continue }
            let isKey = stack[stack.count - 1].isMapping && stack[stack.count - 1].children % 2 == 0
            stack[stack.count - 1].children += 1
            // Sizes saturate: the limits are far below Int.max, so the first crossing stops the scan.
            stack[stack.count - 1].size = min(stack[stack.count - 1].size + size, Int.max / 4)
            if isKey { keyHashing = min(keyHashing + size, Int.max / 4) }
            if keyHashing > maxKeyHashing {
                return .over(
                    "mapping keys of more than \(maxKeyHashing) nodes in all once aliases are expanded", line: line)
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
