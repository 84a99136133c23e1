/// The PEM blocks of a file and whether anything else is in it, found before OpenSSL sees it.
///
/// OpenSSL's PEM readers skip text before a block and ignore everything after the first
/// matching one, so a file holding a private key next to a public key, or a key followed by
/// garbage, would load silently. Key files are small and checked once, so this scan looks at
/// every byte and lets the callers reject such files with a precise message.
struct PEMEnvelope: Sendable, Hashable {
    /// One `-----BEGIN X-----` … `-----END X-----` block.
    struct Block: Sendable, Hashable {
        /// The label between `BEGIN ` and `-----`, for example `PUBLIC KEY`.
        let label: String
        /// Byte offsets of the block, from the first `-` of BEGIN to the last `-` of END.
        let range: Range<Int>
    }

    /// What makes a file not a sequence of well-formed PEM blocks.
    enum Problem: Sendable, Hashable {
        /// A BEGIN line with no matching END line.
        case unterminated(label: String)
        /// A BEGIN line whose label is not closed by `-----` on the same line.
        case malformedBoundary
    }

    let blocks: [Block]
    /// True if any byte outside the blocks is not ASCII whitespace.
    let hasTextOutsideBlocks: Bool
    let problem: Problem?

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)

    init(scanning bytes: [UInt8]) {
        var blocks: [Block] = []
        var outside = false
        var problem: Problem?
        var cursor = 0
        while cursor < bytes.count {
            guard let start = Self.find(Self.begin, in: bytes, from: cursor) else {
                outside = outside || !Self.isWhitespace(bytes[cursor...])
                break
            }
            outside = outside || !Self.isWhitespace(bytes[cursor..<start])
            let labelStart = start + Self.begin.count
            guard let labelEnd = Self.find(Self.dashes, in: bytes, from: labelStart),
                !bytes[labelStart..<labelEnd].contains(where: { $0 == 0x0A || $0 == 0x0D })
            else {
                problem = .malformedBoundary
                break
            }
            let label = Self.printable(bytes[labelStart..<labelEnd])
            let endLine = Array("-----END \(label)-----".utf8)
            guard let endStart = Self.find(endLine, in: bytes, from: labelEnd + Self.dashes.count) else {
                problem = .unterminated(label: label)
                break
            }
            // A BEGIN inside this block (before its END) means the previous block never ended.
            if let nested = Self.find(Self.begin, in: bytes, from: labelEnd), nested < endStart {
                problem = .unterminated(label: label)
                break
            }
            let blockEnd = endStart + endLine.count
            blocks.append(Block(label: label, range: start..<blockEnd))
            cursor = blockEnd
        }
        self.blocks = blocks
        self.hasTextOutsideBlocks = outside
        self.problem = problem
    }

    /// Space, tab, CR, LF (and vertical tab, form feed): what may surround a PEM block.
    static func isWhitespace(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
    }

    /// The label as printable ASCII (other bytes become `?`), at most 64 characters, so that
    /// a hostile file cannot put control characters into an error message.
    private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        let cleaned = bytes.prefix(64).map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }
        return String(decoding: cleaned, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
