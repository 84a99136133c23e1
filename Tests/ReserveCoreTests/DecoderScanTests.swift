import Testing

@testable import ReserveCore

/// The direct decoder's word-at-a-time and bucketed readings against the byte-by-byte ones they
/// replace: ``JSONParserState/plainString()``, ``ByteNames/match(_:)`` and ``Amount/parse(utf8:)``'s
/// digits in 64 bits.
@Suite struct DecoderScanTests {
    /// The plain string at `position` (its opening quote), byte by byte, as `plainString` read it
    /// before it read eight bytes at a time: the characters' range, or nil.
    static func referencePlain(_ bytes: [UInt8], at position: Int) -> Range<Int>? {
        let start = position + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { return start..<end }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        return nil
    }

    static func plain(_ bytes: [UInt8], at position: Int) -> Range<Int>? {
        bytes.withUnsafeBufferPointer { buffer -> Range<Int>? in
            var s = JSONParserState(bytes: buffer, maxDepth: 64)
            s.position = position
            guard let text = s.plainString() else { return nil }
            let start = text.baseAddress.map { $0 - buffer.baseAddress! } ?? position + 1
            return start..<(start + text.count)
        }
    }

    /// Every byte value at every position of a word (and of the tail read byte by byte), with and
    /// without a closing quote and bytes after it, then random strings with rare odd bytes.
    @Test func aPlainStringIsFoundAsByteByByte() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:_/@&()~".utf8)
        for prefix in 0..<17 {
            for byte in 0...255 {
                for suffix in 0..<10 {
                    var text = [UInt8(ascii: "\"")] + (0..<prefix).map { letters[$0 % letters.count] }
                    text.append(UInt8(byte))
                    text += (0..<suffix).map { letters[($0 * 7) % letters.count] }
                    for after in [[], [UInt8(ascii: "\"")], Array(#"",  "next": 1}"#.utf8)] {
                        let bytes = text + after
                        #expect(
                            Self.plain(bytes, at: 0) == Self.referencePlain(bytes, at: 0),
                            "\(prefix) \(byte) \(suffix) \(after.count)")
                    }
                }
            }
        }
        var g = MoneyTests.Generator(state: 7)
        for _ in 0..<20_000 {
            let bytes =
                [UInt8(ascii: "\"")]
                + (0..<g.below(40)).map { _ in
                    switch g.below(40) {
                    case 0: UInt8(g.below(256))
                    case 1: UInt8(ascii: "\"")
                    default: letters[g.below(letters.count)]
                    }
                }
            #expect(Self.plain(bytes, at: 0) == Self.referencePlain(bytes, at: 0))
        }
        // Refused outright: an escape, a control byte, a byte over 0x7E, no closing quote.
        for refused in [#""abcdefgh\"ij""#, "\"abcdefghijk\u{1}\"", "\"abcdefghijé\"", "\"abcdefghijklmnop"] {
            #expect(Self.plain(Array(refused.utf8), at: 0) == nil, "\(refused)")
        }
        #expect(Self.plain(Array(#""abcdefghijklmnop", 1"#.utf8), at: 0) == 1..<17)
    }

    /// The names matched by length, then bytes: the same value as a scan of every name in order,
    /// for every name, every name with one byte changed, cut or extended, and the empty name.
    @Test func namesMatchAsAScanOfEveryName() {
        func check<F: StrictFields>(_ fields: F.Type) {
            let names = ByteNames(fields: fields)
            let all = F.allCases.map(\.rawValue)
            func reference(_ bytes: [UInt8]) -> String? { all.first { Array($0.utf8) == bytes } }
            var probes: [[UInt8]] = [[]]
            for name in all {
                let bytes = Array(name.utf8)
                probes.append(bytes)
                probes.append(bytes + [UInt8(ascii: "s")])
                probes.append(Array(bytes.dropLast()))
                for i in bytes.indices {
                    var changed = bytes
                    changed[i] ^= 0x20
                    probes.append(changed)
                }
            }
            for probe in probes {
                let found = probe.withUnsafeBufferPointer { names.match($0) }
                #expect(found?.field.rawValue == reference(probe), "\(String(decoding: probe, as: UTF8.self))")
                if let found { #expect(F.allCases.firstIndex(of: found.field) == found.position) }
            }
        }
        check(AttestationFields.Top.self)
        check(AttestationFields.Line.self)
        check(AttestationFields.Party.self)
        check(AttestationFields.Counterparty.self)
        check(AttestationFields.Collateral.self)
        let classes = ByteNames(cases: ReserveClass.self)
        for cls in ReserveClass.allCases {
            #expect(Array(cls.rawValue.utf8).withUnsafeBufferPointer { classes.match($0) } == cls)
        }
        #expect(Array("bank-deposits".utf8).withUnsafeBufferPointer { classes.match($0) } == nil)
        let none = ByteNames<Int>([])
        #expect(Array("x".utf8).withUnsafeBufferPointer { none.match($0) } == nil)
        #expect([UInt8]().withUnsafeBufferPointer { none.match($0) } == nil)
    }

    /// Amounts of 1 to 38 digits, around the 19 digits kept in 64 bits, give the same money as
    /// `Money`'s own reading of the text; 39 digits are refused.
    @Test func amountsAroundNineteenDigitsAreExact() throws {
        var g = MoneyTests.Generator(state: 19)
        for digits in 1...38 {
            for _ in 0..<40 {
                var text = String(1 + g.below(9)) + (1..<digits).map { _ in String(g.below(10)) }.joined()
                let point = g.below(digits + 1)
                if point > 0 && point < digits {
                    text.insert(".", at: text.index(text.startIndex, offsetBy: point))
                }
                guard case .success(let amount) = Amount.parse(text) else {
                    Issue.record("refused \(text)")
                    continue
                }
                #expect(amount.description == Self.canonical(text), "\(text)")
            }
        }
        #expect(Amount.parse("9999999999999999999").map(\.description) == .success("9999999999999999999"))
        #expect(Amount.parse("10000000000000000000").map(\.description) == .success("10000000000000000000"))
        #expect(Amount.parse("18446744073709551616.5").map(\.description) == .success("18446744073709551616.5"))
        #expect(Amount.parse(String(repeating: "9", count: 39)) == .failure(.tooManyDigits))
        #expect(Amount.parse("12345678901234567890x") == .failure(.notADecimal))
    }

    /// Canonical text of a plain decimal written without a sign: no trailing zeros after the
    /// point, no point without digits after it.
    static func canonical(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
