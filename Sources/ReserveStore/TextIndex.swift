import Foundation

/// The positions of a string table's strings, found by their exact UTF-8 bytes (the index of
/// ``EvidenceCoding/Encoder``'s table).
///
/// Two strings are the same entry only when their bytes are the same: Swift's `String` equality
/// and hashing are canonical equivalence ("\u{E9}" equals "e\u{301}"), and a table keyed by
/// `String` would store the second of two such texts as a reference to the first, so that the
/// record read back text that was never evaluated or signed.
///
/// An open-addressing table (linear probing, at most half full) over a copy of the strings' bytes.
/// A lookup hashes the bytes once (``hash(_:)``, the standard library's per-process seeded
/// `Hasher`, so that a crafted attestation cannot choose which of its texts collide), and an entry matches only when its hash, length and bytes are
/// equal: a hash collision costs a comparison, never a wrong position. Positions are in order of
/// insertion, whatever the hashes, so the table's order (and so the record's bytes) does not
/// depend on the key.
struct TextIndex {
    struct Entry {
        var start: Int
        var count: Int
        var hash: UInt64
    }

    /// Every entry's bytes, one after another.
    private var storage: [UInt8] = []
    private var entries: [Entry] = []
    /// `0` an empty slot, `n` the entry at position `n - 1`; a power of two long.
    private var slots: [UInt32]

    /// How many strings the index holds (their positions are `0..<count`).
    var count: Int { entries.count }

    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        entries.reserveCapacity(capacity)
        storage.reserveCapacity(capacity * 12)
    }

    /// The position of the entry whose bytes are `text` (hashed to `hash` by ``hash(_:)``), or nil.
    func position(of text: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                storage.withUnsafeBytes { storage in
                    while true {
                        let slot = slots[i]
                        if slot == 0 { return nil }
                        let entry = entries[Int(slot) - 1]
                        if entry.hash == hash && entry.count == text.count
                            && (text.isEmpty
                                || memcmp(storage.baseAddress! + entry.start, text.baseAddress!, text.count) == 0)
                        {
                            return Int(slot) - 1
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// Adds `text` (not yet in the index) at position ``count``.
    mutating func insert(_ text: UnsafeRawBufferPointer, hash: UInt64) {
        entries.append(Entry(start: storage.count, count: text.count, hash: hash))
        storage.append(contentsOf: text)
        if 2 * entries.count > slots.count {
            rebuild(size: 2 * slots.count)
        } else {
            place(entries.count - 1)
        }
    }

    /// Removes the entries at `position` and after (the last ones inserted).
    mutating func removeAll(from position: Int) {
        guard position < entries.count else { return }
        storage.removeSubrange(entries[position].start...)
        entries.removeSubrange(position...)
        rebuild(size: slots.count)
    }

    private mutating func place(_ position: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: entries[position].hash) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = UInt32(position + 1)
    }

    private mutating func rebuild(size: Int) {
        slots = Array(repeating: 0, count: size)
        for position in entries.indices { place(position) }
    }

    /// The hash of `bytes`: the standard library's `Hasher` (SipHash-1-3 under a seed drawn at
    /// random once per process, the hash `Dictionary` uses), run once over the bytes.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }
}
