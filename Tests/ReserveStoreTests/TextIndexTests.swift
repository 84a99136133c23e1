import Foundation
import Testing

@testable import ReserveStore

/// Issue 13: the compact record's string table is indexed by ``TextIndex`` (an open-addressing
/// table over the strings' UTF-8 bytes), not by a `Dictionary` of `String`s: an entry is found
/// only by the same bytes, whatever the hashes, and positions follow first insertion.
@Suite struct TextIndexTests {
    /// Looks `text` up, inserting it when absent; its position either way.
    static func intern(_ text: String, in index: inout TextIndex, hash: ((UnsafeRawBufferPointer) -> UInt64)? = nil)
        -> Int
    {
        var text = text
        return text.withUTF8 { p in
            let bytes = UnsafeRawBufferPointer(p)
            let h = hash?(bytes) ?? TextIndex.hash(bytes)
            if let i = index.position(of: bytes, hash: h) { return i }
            index.insert(bytes, hash: h)
            return index.count - 1
        }
    }

    static func position(of text: String, in index: TextIndex, hash: ((UnsafeRawBufferPointer) -> UInt64)? = nil)
        -> Int?
    {
        var text = text
        return text.withUTF8 { p in
            let bytes = UnsafeRawBufferPointer(p)
            return index.position(of: bytes, hash: hash?(bytes) ?? TextIndex.hash(bytes))
        }
    }

    static let texts = [
        "", "margin", "ä", "e\u{301}", "\u{E9}", "Caf\u{E9}", "Cafe\u{301}", "Z", "a\"b\\c\n\u{1}", "日本円", "🪙",
        "x", "1.000000", "0.1", "0.10", "a much longer text than sixteen bytes, crossing several words",
    ]

    @Test func positionsFollowFirstInsertionAndRepeatsFindThem() {
        var index = TextIndex()
        let first = Self.texts.map { Self.intern($0, in: &index) }
        #expect(first == Array(Self.texts.indices))
        #expect(index.count == Self.texts.count)
        // Again, in reverse: the same positions, nothing added.
        for (i, text) in Self.texts.enumerated().reversed() { #expect(Self.intern(text, in: &index) == i) }
        #expect(index.count == Self.texts.count)
        #expect(Self.position(of: "absent", in: index) == nil)
    }

    /// Canonically equal texts of different bytes are two entries; so are texts that differ in
    /// one byte or in length only.
    @Test func canonicallyEqualTextsOfDifferentBytesAreTwoEntries() {
        #expect("Caf\u{E9}" == "Cafe\u{301}", "Swift's String equality is canonical equivalence")
        var index = TextIndex()
        #expect(Self.intern("Caf\u{E9}", in: &index) == 0)
        #expect(Self.intern("Cafe\u{301}", in: &index) == 1)
        #expect(Self.intern("Caf", in: &index) == 2)
        #expect(Self.intern("Cafe", in: &index) == 3)
        #expect(Self.position(of: "Caf\u{E9}", in: index) == 0)
        #expect(Self.position(of: "Cafe\u{301}", in: index) == 1)
        #expect(Self.position(of: "Cafe\u{300}", in: index) == nil)
    }

    /// Every text hashed alike (a total collision): each is still its own entry, found by its
    /// bytes, past the table's growth.
    @Test func collidingHashesAreResolvedByTheBytes() {
        let same: (UnsafeRawBufferPointer) -> UInt64 = { _ in 42 }
        var index = TextIndex(capacity: 2)
        let many = Self.texts + (0..<100).map { "line-\($0)" }
        for (i, text) in many.enumerated() { #expect(Self.intern(text, in: &index, hash: same) == i) }
        for (i, text) in many.enumerated() { #expect(Self.position(of: text, in: index, hash: same) == i) }
        #expect(Self.position(of: "line-100", in: index, hash: same) == nil)
        #expect(Self.position(of: "Cafe\u{300}", in: index, hash: same) == nil)
    }

    /// The last entries are removed (the encoder's undo of a broken typed writing): the rest keep
    /// their positions, the removed ones are absent and come back at the next positions.
    @Test func removingTheLastEntriesKeepsTheOthers() {
        var index = TextIndex()
        for text in Self.texts { _ = Self.intern(text, in: &index) }
        index.removeAll(from: 5)
        #expect(index.count == 5)
        for (i, text) in Self.texts.enumerated() {
            #expect(Self.position(of: text, in: index) == (i < 5 ? i : nil), "\(text)")
        }
        #expect(Self.intern(Self.texts[9], in: &index) == 5)
        index.removeAll(from: 6)
        #expect(index.count == 6)
        index.removeAll(from: 0)
        #expect(index.count == 0 && Self.position(of: "", in: index) == nil)
    }

    /// The hash depends on every byte and on the length (the standard library's seeded `Hasher`).
    @Test func theHashReadsEveryByteAndTheLength() {
        let message = Array(UInt8(0)..<UInt8(15))
        let value = message.withUnsafeBytes { TextIndex.hash($0) }
        #expect(message.withUnsafeBytes { TextIndex.hash($0) } == value)
        #expect(message.dropLast().withUnsafeBytes { TextIndex.hash($0) } != value)
        var changed = message
        changed[14] ^= 1
        #expect(changed.withUnsafeBytes { TextIndex.hash($0) } != value)
    }
}
