import GRDB
import GRDBSQLite
import ReserveCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The current row of a stepped statement, read through SQLite's C API: no `Row` subscripts, no
/// generic decoding, no `String` made to compare a column.
///
/// Every accessor is strict about the column's storage class (text only as `TEXT`, numbers only as
/// `INTEGER`, the record only as `BLOB`) and refuses text holding a NUL byte, so that a value it
/// accepts reads the same through GRDB (which converts between classes and stops text at a NUL).
struct RawColumns {
    let statement: SQLiteStatement

    func isNull(_ column: Int) -> Bool { sqlite3_column_type(statement, CInt(column)) == SQLITE_NULL }

    /// An `INTEGER` column's value; nil for any other storage class.
    func integer(_ column: Int) -> Int64? {
        guard sqlite3_column_type(statement, CInt(column)) == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(statement, CInt(column))
    }

    /// A `TEXT` column's UTF-8 bytes (valid until the statement steps); nil for any other storage
    /// class or for text that holds a NUL byte.
    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        let index = CInt(column)
        guard sqlite3_column_type(statement, index) == SQLITE_TEXT else { return nil }
        let pointer = sqlite3_column_text(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        guard let pointer, count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return memchr(pointer, 0, count) == nil ? UnsafeBufferPointer(start: pointer, count: count) : nil
    }

    /// Whether the `TEXT` column holds exactly `bytes` (a `TEXT` value without NUL, ``text(_:)``).
    func text(_ column: Int, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let text = text(column), text.count == bytes.count else { return false }
        return bytes.count == 0 || memcmp(text.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }

    /// A `TEXT` column as a `String` (the value GRDB reads from it when ``text(_:)`` accepts it).
    func string(_ column: Int) -> String? { text(column).map { String(decoding: $0, as: UTF8.self) } }

    /// A `BLOB` column's bytes (valid until the statement steps); nil for any other storage class.
    func blob(_ column: Int) -> UnsafeRawBufferPointer? {
        let index = CInt(column)
        guard sqlite3_column_type(statement, index) == SQLITE_BLOB else { return nil }
        let pointer = sqlite3_column_blob(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        guard let pointer, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }
}

extension CompactRecord.Reader {
    /// The next string's bytes, as a range of ``bytes`` (no `String` made).
    mutating func span() throws(CompactRecord.Malformed) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw CompactRecord.Malformed() }
        let start = offset
        offset += Int(length)
        return start..<offset
    }

    /// The next optional string's bytes; nil when absent.
    mutating func optionalSpan() throws(CompactRecord.Malformed) -> Range<Int>? {
        switch byte() {
        case 0: return nil
        case 1: return try span()
        default: throw CompactRecord.Malformed()
        }
    }
}

extension CompactCheck {
    /// Whether a row of ``select`` or ``historySelect``, the statement's current row, passes every
    /// test of ``problem(_:depth:attestationTail:written:_:hasher:)`` at the `head` depth, proved from the
    /// raw column bytes: the record hashed with the row's `prev_hash` (into `input`, reused)
    /// against its row hash, `prev_hash` against the row before's hash, the record's head decoded
    /// in place and every column compared byte for byte with it.
    ///
    /// It only ever says yes when ``problem`` would find nothing: it is stricter (bytes, not
    /// `String`s, compared; storage classes checked) and declines what it does not handle (chain
    /// versions before 4, withdrawals recorded with the row). False is not a verdict: the caller
    /// then runs ``problem`` (or `checkRead`) on the row, which decides and names the damage.
    static func quickMatch(
        _ c: RawColumns, attestationTail: Bool, input: inout [UInt8], hasher: any CryptoProvider
    ) -> Bool {
        typealias C = Column
        guard let version = c.integer(C.chainVersion), version >= 4, let previous = c.text(C.prevHash),
            let record = c.blob(C.record), let rowHash = c.text(C.rowHash),
            // ASCII, so that the bytes hashed are those of the `String` `problem` hashes.
            previous.allSatisfy({ $0 < 0x80 })
        else { return false }
        // The link: prev_hash is the row before's hash (the genesis hash for the first row).
        if c.isNull(C.expectedPrevious) {
            guard previous.elementsEqual(Ledger.genesisHash.utf8) else { return false }
        } else {
            guard c.text(C.expectedPrevious, equals: previous) else { return false }
        }
        input.removeAll(keepingCapacity: true)
        input.reserveCapacity(previous.count + 1 + record.count)
        input.append(contentsOf: previous)
        input.append(0x0A)
        let start = input.count
        input.append(contentsOf: record)
        guard matchesHex(hasher.sha256(input), rowHash) else { return false }
        var r = CompactRecord.Reader(bytes: input, offset: start)
        return input.withUnsafeBufferPointer { bytes in
            quickMatchHead(c, &r, bytes, version: version, attestationTail: attestationTail)
        }
    }

    /// ``quickMatch(_:attestationTail:input:hasher:)`` past the hash: the record's head read by
    /// `r` from its format byte on, over `bytes` (the same buffer), against the columns.
    private static func quickMatchHead(
        _ c: RawColumns, _ r: inout CompactRecord.Reader, _ bytes: UnsafeBufferPointer<UInt8>, version: Int64,
        attestationTail: Bool
    ) -> Bool {
        typealias C = Column
        do {
            guard let format = r.byte(), CompactRecord.formats.contains(format), Int64(format) == version else {
                return false
            }
            func same(_ column: Int, _ span: Range<Int>) -> Bool {
                c.text(column, equals: UnsafeBufferPointer(rebasing: bytes[span]))
            }
            func same(_ column: Int, _ span: Range<Int>?) -> Bool {
                guard let span else { return c.isNull(column) }
                return same(column, span)
            }
            func same(_ column: Int, _ value: Int64) -> Bool { c.integer(column) == value }
            func same(_ column: Int, _ flag: Bool) -> Bool { c.integer(column) == (flag ? 1 : 0) }
            // The header, in record order (CompactRecord.Reader.head).
            guard same(C.kind, try r.span()), same(C.profile, try r.span()), same(C.toolVersion, try r.span()),
                same(C.evaluatedAt, try r.span()), same(C.eligible, try r.bool()), same(C.group, try r.span()),
                same(C.blocking, try r.span()), same(C.coverage, try r.optionalSpan()),
                same(C.stressedCoverage, try r.optionalSpan()), same(C.freshnessDays, Int64(try r.intValue()))
            else { return false }
            let issuer = try r.span()
            let token = try r.span()
            let sequence = Int64(try r.intValue())
            let asOf = try r.span()
            guard same(C.issuer, issuer), same(C.aIssuer, issuer), same(C.token, token), same(C.aToken, token),
                same(C.sequence, sequence), same(C.aSequence, sequence), same(C.asOf, asOf), same(C.aAsOf, asOf),
                same(C.attestationRef, try r.int()), same(C.openssl, try r.optionalSpan()),
                same(C.sqlite, try r.optionalSpan())
            else { return false }
            // The attestation row.
            guard same(C.aDigest, try r.span()), same(C.aAttestationId, try r.span()),
                same(C.aIssuedAt, try r.span()), same(C.aEnvelopeKind, try r.span())
            else { return false }
            let envelopeSHA256 = try r.span()
            _ = try r.optionalSpan()  // the detached signature's SHA-256: not a column a read selects
            let source = try r.span()
            let receivedAt = try r.span()
            let trusted = try r.bool()
            guard same(C.aAccepted, try r.bool()) else { return false }
            _ = try r.optionalSpan()  // the timestamp token's SHA-256: neither
            if attestationTail {
                guard same(C.aEnvelopeSHA256, envelopeSHA256), same(C.aSource, source),
                    same(C.aReceivedAt, receivedAt), same(C.aTrusted, trusted)
                else { return false }
            }
            // Withdrawals recorded with the row are compared with their table by `problem`.
            guard try r.count() == 0, same(C.withdrawalRows, 0), same(C.strayWithdrawals, 0) else { return false }
            // A format-6 head ends with its body's SHA-256 (the body itself is not read here).
            if format >= CompactRecord.narrowFormat {
                return r.offset + CompactRecord.bodyDigestLength == bytes.count
            }
            return true
        } catch {
            return false
        }
    }

    /// Whether `hex` is the lowercase hex of `digest` (as `[UInt8].hex` writes it).
    static func matchesHex(_ digest: [UInt8], _ hex: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hex.count == digest.count * 2 else { return false }
        func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        for (i, byte) in digest.enumerated()
        where hex[2 * i] != digit(byte >> 4) || hex[2 * i + 1] != digit(byte & 0x0F) {
            return false
        }
        return true
    }
}
