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
/// A lookup hashes the bytes once (``hash(_:)``, SipHash-1-3 with a key drawn at random once per
/// process, the keyed hash Swift's `Dictionary` uses, so that a crafted attestation cannot choose
/// which of its texts collide), and an entry matches only when its hash, length and bytes are
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

    /// The process's SipHash key: random, drawn once.
    private static let key: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()

    /// SipHash-1-3 of `bytes` under the process's random key.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        hash(bytes, key: key)
    }

    /// SipHash-1-3 of `bytes` under `key` (one compression round a word, three to finalise).
    static func hash(_ bytes: UnsafeRawBufferPointer, key: (UInt64, UInt64)) -> UInt64 {
        var s = SipState(key: key)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            s.compress(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var last = UInt64(truncatingIfNeeded: n) &<< 56
        var shift: UInt64 = 0
        while i < n {
            last |= UInt64(bytes[i]) &<< shift
            shift += 8
            i += 1
        }
        s.compress(last)
        return s.finalize()
    }

    private struct SipState {
        var v0: UInt64
        var v1: UInt64
        var v2: UInt64
        var v3: UInt64

        init(key: (UInt64, UInt64)) {
            v0 = key.0 ^ 0x736f_6d65_7073_6575
            v1 = key.1 ^ 0x646f_7261_6e64_6f6d
            v2 = key.0 ^ 0x6c79_6765_6e65_7261
            v3 = key.1 ^ 0x7465_6462_7974_6573
        }

        @inline(__always) mutating func round() {
            v0 &+= v1
            v1 = v1.rotatedLeft(13) ^ v0
            v0 = v0.rotatedLeft(32)
            v2 &+= v3
            v3 = v3.rotatedLeft(16) ^ v2
            v0 &+= v3
            v3 = v3.rotatedLeft(21) ^ v0
            v2 &+= v1
            v1 = v1.rotatedLeft(17) ^ v2
            v2 = v2.rotatedLeft(32)
        }

        @inline(__always) mutating func compress(_ m: UInt64) {
            v3 ^= m
            round()
            v0 ^= m
        }

        @inline(__always) mutating func finalize() -> UInt64 {
            v2 ^= 0xff
            round()
            round()
            round()
            return v0 ^ v1 ^ v2 ^ v3
        }
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotatedLeft(_ n: UInt64) -> UInt64 { (self &<< n) | (self &>> (64 - n)) }
}
