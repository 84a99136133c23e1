import Foundation
import ReserveCore

/// Everything the hash of a chain-version-4 to -6 evaluation row covers, in one compact,
/// deterministic binary encoding stored on the row itself (`evaluation.record`, schema
/// `v6-compact-records`; format 5 from `v7-compact-evidence`; format 6 from `v8-narrow-heads`,
/// whose row stores only the head and the SHA-256 of the body, the body in `evaluation_body`:
/// ``stored(prepared:hasher:)``).
///
/// The row hash is `SHA-256(prev_hash + "\n" + record)`: the bytes are hashed as stored, so
/// checking a row is one SHA-256 and a decode, with no canonical JSON rebuilt from several tables.
/// The columns of the `evaluation`, `attestation`, `signature_check`, `withdrawal` and `finding`
/// (failed findings only) tables are copies that queries index and select on; each check compares
/// the columns it relies on with the decoded record (see docs/LEDGER.md).
///
/// Layout (every integer and count a zigzag LEB128 varint, every string its UTF-8 length (a plain
/// LEB128 varint) then bytes, an
/// optional a 0/1 tag then the value, a bool one byte 0/1):
/// the format byte (`0x04`, `0x05` or `0x06`, the row's chain version), the header (kind, profile, tool
/// version, evaluation time, eligible, group, blocking,
/// coverage?, stressed coverage?, freshness days, issuer, token, sequence, asOf, attestation
/// ref, OpenSSL?, SQLite?), the attestation row (digest, attestation id, issued at, envelope
/// kind, envelope SHA-256, detached signature SHA-256?, source, received at, trusted, accepted,
/// timestamp token SHA-256?), the withdrawals recorded with the evaluation, the attestation's
/// signature checks, then every finding (rule, status, message, basis, gating, evidence).
/// Counts are varints before their items. The header, attestation and withdrawals come first so
/// that reads decode only them.
///
/// A finding's evidence is, in format 4, its canonical JSON text; in format 5 (chain version 5) a
/// compact value (``EvidenceCoding``): the record's distinct evidence strings (keys, strings and
/// numbers as their decimal text) once, in a table before the findings, then each value as a tag
/// byte with table indexes, object keys in the JSON writer's order. It reads back to the same
/// JSON object, so every output written from it is the same bytes.
struct CompactRecord: Equatable {
    /// The format new records are written in (the chain version of their rows).
    static let formatByte: UInt8 = 6
    /// The formats this version reads: 4 (evidence as JSON text), 5 (evidence as compact values)
    /// and 6 (format 5 split into a narrow head and a body, ``stored(prepared:hasher:)``).
    static let formats: ClosedRange<UInt8> = 4...6
    /// The first format whose row stores only the head and the SHA-256 of the body.
    static let narrowFormat: UInt8 = 6
    /// The length of the body's SHA-256 at the end of a format-6 head.
    static let bodyDigestLength = 32

    /// A finding as the record holds it.
    struct FindingEntry: Equatable {
        var rule: String
        var status: String
        var message: String
        var basis: String
        var gating: Bool
        var evidence: Evidence

        /// The row a `finding` table row (or a chain-version-1 to -3 hash) holds for it.
        var row: ChainRow.FindingRow {
            ChainRow.FindingRow(
                rule: rule, status: status, message: message, basis: basis, gating: gating, evidence: evidence.text)
        }
    }

    /// A finding's evidence: JSON text (format 4), the JSON object itself (format 5, as read
    /// back), or the finding whose evidence it is (a record being written: its evidence is
    /// encoded from the typed evidence, ``EvidenceCoding/Encoder/value(_:)-(Finding)``, and made a
    /// JSON object only when asked for its text or object).
    enum Evidence: Equatable {
        case text(String)
        case object(JSONObject)
        case finding(Finding)

        /// The canonical JSON text (as the `finding` index rows and the outputs write it).
        var text: String {
            switch self {
            case .text(let text): text
            case .object(let object): JSONWriter.write(.object(object), pretty: false)
            case .finding(let finding): finding.evidenceText
            }
        }

        /// The JSON object (an empty one when format-4 text does not parse to an object).
        var object: JSONObject {
            switch self {
            case .object(let object): return object
            case .finding(let finding): return finding.evidenceJSON
            case .text(let text):
                if case .object(let o)? = try? JSONParser().parse(Array(text.utf8)) { return o }
                return JSONObject()
            }
        }

        /// Equal as written (the same canonical JSON), whatever the form.
        static func == (a: Evidence, b: Evidence) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): x == y
            default: a.text == b.text
            }
        }
    }

    /// The record's format byte: `formatByte` for new records; a record read back keeps its own.
    var format: UInt8 = CompactRecord.formatByte

    struct Header: Equatable {
        var kind: String
        var profile: String
        var toolVersion: String
        var evaluatedAt: String
        var eligible: Bool
        var group: String
        /// The blocking rules as the `blocking` column holds them (a JSON array of strings).
        var blocking: String
        var coverage: String?
        var stressedCoverage: String?
        var freshnessDays: Int
        var issuer: String
        var token: String
        var sequence: Int
        var asOf: String
        var attestationRef: Int64
        var openssl: String?
        var sqlite: String?
    }

    /// The attestation row's own columns (issuer, token, sequence and asOf are the header's).
    struct AttestationRow: Equatable {
        var digest: String
        var attestationId: String
        var issuedAt: String
        var envelopeKind: String
        var envelopeSHA256: String
        var detachedSignatureSHA256: String?
        var source: String
        var receivedAt: String
        var trusted: Bool
        var accepted: Bool
        var timestampTokenSHA256: String?
    }

    struct SignatureRow: Equatable {
        var position: Int
        var keyID: String?
        var role: String?
        var algorithm: String?
        var status: String
        var reason: String
        var duplicate: Bool
    }

    struct WithdrawalRow: Equatable {
        var kind: String
        var reason: String
        var recordedAt: String
        var statementSHA256: String?
    }

    var header: Header
    var attestation: AttestationRow
    var signatures: [SignatureRow]
    var withdrawals: [WithdrawalRow]
    var findings: [FindingEntry]

    /// The `signature_check` rows of an envelope's signature checks, in the envelope's order.
    static func signatureRows(_ checks: [SignatureCheck]) -> [SignatureRow] {
        checks.map {
            SignatureRow(
                position: $0.index, keyID: $0.keyID, role: $0.role?.rawValue, algorithm: $0.algorithm?.rawValue,
                status: $0.status.rawValue, reason: $0.reason, duplicate: $0.duplicate)
        }
    }

    /// Signature rows in the order a record holds them and reads return them: by position, ties
    /// in insertion order.
    static func inRecordOrder(_ rows: [SignatureRow]) -> [SignatureRow] {
        rows.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    /// The row hash: SHA-256 over `previous + "\n" + bytes`.
    static func hash(previous: String, bytes: [UInt8], hasher: any CryptoProvider) -> String {
        var input = [UInt8]()
        input.reserveCapacity(previous.utf8.count + 1 + bytes.count)
        input += previous.utf8
        input.append(0x0A)
        input += bytes
        return hasher.sha256(input).hex
    }

    /// What the row hash covers, `previous + "\n" + record`, in one buffer, and where the record
    /// starts in it (``decode(_:from:)`` and ``decodeHead(_:from:)`` read it there, uncopied).
    static func hashInput(previous: String, record: Data) -> (bytes: [UInt8], recordStart: Int) {
        var input = [UInt8]()
        input.reserveCapacity(previous.utf8.count + 1 + record.count)
        input += previous.utf8
        input.append(0x0A)
        let start = input.count
        input += record
        return (input, start)
    }

    /// The first findings of a format-5 record, encoded before the record (a ``RecordDraft``'s,
    /// on a worker): their evidence, the string table it made as record bytes, and each
    /// finding's whole entry as record bytes, written from ``heads``.
    struct Prepared {
        /// The evidence of the first ``count`` findings, encoded in order.
        let evidence: EvidenceCoding.Encoder
        let count: Int
        /// `evidence.table` as the record writes it (each string's length, then its bytes).
        let tableBytes: [UInt8]
        /// The entries of the first ``count`` findings as the record writes them (rule, status,
        /// message, basis, gating, evidence), from ``heads``, one after another; ``entryEnds``
        /// says where each ends.
        let entries: [UInt8]
        let entryEnds: [Int]
        let heads: [Head]

        /// A finding's columns other than its evidence.
        struct Head: Equatable {
            var rule: String
            var status: String
            var message: String
            var basis: String
            var gating: Bool

            /// Whether `entry`'s columns other than its evidence are these.
            func matches(_ entry: FindingEntry) -> Bool {
                gating == entry.gating && rule == entry.rule && status == entry.status && basis == entry.basis
                    && message == entry.message
            }
        }

        /// Prepares the encoding of the findings whose evidence `evidence` holds, with their `heads`.
        init(evidence: EvidenceCoding.Encoder, heads: [Head]) {
            precondition(heads.count == evidence.ends.count, "one head for each encoded value")
            self.evidence = evidence
            self.heads = heads
            count = heads.count
            var table = Writer()
            for text in evidence.table { table.string(text) }
            tableBytes = table.bytes
            var w = Writer()
            w.bytes.reserveCapacity(evidence.bytes.count + heads.count * 96)
            var ends: [Int] = []
            ends.reserveCapacity(heads.count)
            var offset = 0
            for (head, end) in zip(heads, evidence.ends) {
                w.head(head)
                w.bytes += evidence.bytes[offset..<end]
                offset = end
                ends.append(w.bytes.count)
            }
            entries = w.bytes
            entryEnds = ends
        }
    }

    /// The record's bytes.
    ///
    /// - Parameter prepared: the first `count` findings already encoded (a ``RecordDraft``'s):
    ///   the encoding goes on from its evidence with the remaining findings, and takes its
    ///   string table and entries as they are (an entry whose columns differ from the
    ///   finding's, as a profile's gating makes them, is written again around its evidence).
    func encoded(prepared: Prepared? = nil) -> [UInt8] {
        encodedWithHeadEnd(prepared: prepared).bytes
    }

    /// What a row stores: for format 6, its `record` column (the head: format byte, header,
    /// attestation row and withdrawals, then the 32 raw bytes of the body's SHA-256) and its
    /// `evaluation_body` row (the rest, byte for byte as format 5 writes it); for formats 4 and 5
    /// the whole record and no body. ``joined(_:from:body:hasher:)`` puts them back together.
    func stored(prepared: Prepared? = nil, hasher: any CryptoProvider) -> (record: [UInt8], body: [UInt8]?) {
        let (bytes, headEnd) = encodedWithHeadEnd(prepared: prepared)
        guard format >= Self.narrowFormat else { return (bytes, nil) }
        let body = Array(bytes[headEnd...])
        var head = Array(bytes[..<headEnd])
        head += hasher.sha256(body)
        return (head, body)
    }

    /// The record's bytes (a format-6 record's head and body as one, as ``decode(_:from:)`` reads
    /// them) and where its head (format byte to the end of the withdrawals) ends.
    private func encodedWithHeadEnd(prepared: Prepared?) -> (bytes: [UInt8], headEnd: Int) {
        var w = Writer()
        w.bytes.reserveCapacity(512 + findings.count * 160)
        w.bytes.append(format)
        let h = header
        w.string(h.kind)
        w.string(h.profile)
        w.string(h.toolVersion)
        w.string(h.evaluatedAt)
        w.bool(h.eligible)
        w.string(h.group)
        w.string(h.blocking)
        w.optional(h.coverage)
        w.optional(h.stressedCoverage)
        w.int(Int64(h.freshnessDays))
        w.string(h.issuer)
        w.string(h.token)
        w.int(Int64(h.sequence))
        w.string(h.asOf)
        w.int(h.attestationRef)
        w.optional(h.openssl)
        w.optional(h.sqlite)
        let a = attestation
        w.string(a.digest)
        w.string(a.attestationId)
        w.string(a.issuedAt)
        w.string(a.envelopeKind)
        w.string(a.envelopeSHA256)
        w.optional(a.detachedSignatureSHA256)
        w.string(a.source)
        w.string(a.receivedAt)
        w.bool(a.trusted)
        w.bool(a.accepted)
        w.optional(a.timestampTokenSHA256)
        w.int(Int64(withdrawals.count))
        for x in withdrawals {
            w.string(x.kind)
            w.string(x.reason)
            w.string(x.recordedAt)
            w.optional(x.statementSHA256)
        }
        let headEnd = w.bytes.count
        w.int(Int64(signatures.count))
        for s in signatures {
            w.int(Int64(s.position))
            w.optional(s.keyID)
            w.optional(s.role)
            w.optional(s.algorithm)
            w.string(s.status)
            w.string(s.reason)
            w.bool(s.duplicate)
        }
        if format == 4 {
            w.int(Int64(findings.count))
            for f in findings {
                w.string(f.rule)
                w.string(f.status)
                w.string(f.message)
                w.string(f.basis)
                w.bool(f.gating)
                w.string(f.evidence.text)
            }
            return (w.bytes, headEnd)
        }
        if let prepared, prepared.count <= findings.count {
            encodeFindings(prepared, &w)
            return (w.bytes, headEnd)
        }
        // Format 5: the evidence values, each string once in a table written before them.
        var evidence = EvidenceCoding.Encoder()
        for f in findings {
            if case .finding(let finding) = f.evidence {
                evidence.value(finding)
            } else {
                evidence.value(f.evidence.object)
            }
        }
        w.int(Int64(evidence.table.count))
        for text in evidence.table { w.string(text) }
        w.int(Int64(findings.count))
        var offset = 0
        for (f, end) in zip(findings, evidence.ends) {
            w.head(of: f)
            w.bytes += evidence.bytes[offset..<end]
            offset = end
        }
        return (w.bytes, headEnd)
    }

    /// The format-5 string table and findings, the first `prepared.count` findings taken from
    /// `prepared`: the same bytes as encoding them all here.
    private func encodeFindings(_ prepared: Prepared, _ w: inout Writer) {
        // The findings are read in place (iterating or subscripting the array copies each entry).
        findings.withUnsafeBufferPointer { findings in
            // The remaining findings' evidence, going on from the prepared table (which is not copied).
            var tail = EvidenceCoding.Encoder(continuing: prepared.evidence)
            for i in prepared.count..<findings.count {
                if case .finding(let finding) = findings[i].evidence {
                    tail.value(finding)
                } else {
                    tail.value(findings[i].evidence.object)
                }
            }
            w.int(Int64(tail.tableCount))
            w.bytes += prepared.tableBytes
            for text in tail.table { w.string(text) }
            w.int(Int64(findings.count))
            // Runs of prepared entries whose columns are the finding's are copied whole.
            var run = 0
            var entryStart = 0
            var evidenceStart = 0
            for i in 0..<prepared.count {
                if !prepared.heads[i].matches(findings[i]) {
                    w.bytes += prepared.entries[run..<entryStart]
                    w.head(of: findings[i])
                    w.bytes += prepared.evidence.bytes[evidenceStart..<prepared.evidence.ends[i]]
                    run = prepared.entryEnds[i]
                }
                entryStart = prepared.entryEnds[i]
                evidenceStart = prepared.evidence.ends[i]
            }
            w.bytes += prepared.entries[run..<entryStart]
            var offset = 0
            for (i, end) in zip(prepared.count..<findings.count, tail.ends) {
                w.head(of: findings[i])
                w.bytes += tail.bytes[offset..<end]
                offset = end
            }
        }
    }

    /// The header, attestation row and withdrawals only (what `status` and `history` compare), or
    /// nil when the bytes from `start` on are not a well-formed record.
    /// A format-6 record must end right after its head and the body's SHA-256.
    static func decodeHead(_ bytes: [UInt8], from start: Int = 0) -> (Header, AttestationRow, [WithdrawalRow])? {
        var r = Reader(bytes: bytes, offset: start)
        guard let format = r.byte(), formats.contains(format), let head = try? r.head() else { return nil }
        if format >= narrowFormat && r.offset + bodyDigestLength != bytes.count { return nil }
        return head
    }

    /// A format-6 head (`bytes` from `start` on: a `record` column, its body's SHA-256 last)
    /// joined with its body as ``decode(_:from:)`` reads them (the bytes before `start` kept), or
    /// nil when the head is not well-formed or the body's SHA-256 is not the head's.
    static func joined(_ bytes: [UInt8], from start: Int, body: [UInt8], hasher: any CryptoProvider) -> [UInt8]? {
        guard start < bytes.count, bytes[start] >= narrowFormat, decodeHead(bytes, from: start) != nil else {
            return nil
        }
        let headEnd = bytes.count - bodyDigestLength
        guard bytes[headEnd...].elementsEqual(hasher.sha256(body)) else { return nil }
        var whole = Array(bytes[..<headEnd])
        whole += body
        return whole
    }

    /// The head and the signature checks of a record, without its findings (what a re-evaluation
    /// copies from the attestation it judges): formats 4 and 5 from `bytes` (from `start` on) as
    /// they are; format 6 from its head and `body`, whose SHA-256 must be the head's. Nil when the
    /// head or the signature checks are not well-formed, or the body is missing or another one.
    /// The bytes after the signature checks are not decoded: the body's SHA-256, in the head the
    /// row hash covers, fixes them.
    static func signatures(_ bytes: [UInt8], from start: Int, body: [UInt8]?, hasher: any CryptoProvider) -> (
        head: (Header, AttestationRow, [WithdrawalRow]), signatures: [SignatureRow]
    )? {
        guard start < bytes.count, formats.contains(bytes[start]) else { return nil }
        var r = Reader(bytes: bytes, offset: start + 1)
        guard let head = try? r.head() else { return nil }
        if bytes[start] >= narrowFormat {
            guard r.offset + bodyDigestLength == bytes.count, let body,
                bytes[r.offset...].elementsEqual(hasher.sha256(body))
            else { return nil }
            r = Reader(bytes: body, offset: 0)
        }
        guard let signatures = try? r.signatures() else { return nil }
        return (head, signatures)
    }

    /// The whole record, or nil when the bytes from `start` on are not a well-formed record
    /// (trailing bytes included). A format-6 record is read from its head and body joined
    /// (``joined(_:from:body:hasher:)``), never from its `record` column alone.
    static func decode(_ bytes: [UInt8], from start: Int = 0) -> CompactRecord? {
        var r = Reader(bytes: bytes, offset: start)
        guard let format = r.byte(), formats.contains(format) else { return nil }
        do {
            let (header, attestation, withdrawals) = try r.head()
            let signatures = try r.signatures()
            var table: [String] = []
            if format >= 5 {
                for _ in 0..<(try r.count()) { table.append(try r.string()) }
            }
            var findings: [FindingEntry] = []
            for _ in 0..<(try r.count()) {
                let (rule, status, message, basis, gating) = (
                    try r.string(), try r.string(), try r.string(), try r.string(), try r.bool()
                )
                let evidence: Evidence
                if format >= 5 {
                    guard case .object(let object) = try EvidenceCoding.value(&r, table: table, depth: 0) else {
                        return nil
                    }
                    evidence = .object(object)
                } else {
                    evidence = .text(try r.string())
                }
                findings.append(
                    FindingEntry(
                        rule: rule, status: status, message: message, basis: basis, gating: gating, evidence: evidence))
            }
            guard r.offset == bytes.count else { return nil }
            return CompactRecord(
                format: format, header: header, attestation: attestation, signatures: signatures,
                withdrawals: withdrawals, findings: findings)
        } catch {
            return nil
        }
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func int(_ value: Int64) {
            varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            let utf8 = value.utf8
            varint(UInt64(utf8.count))
            // A native string's UTF-8 is contiguous: one copy instead of a byte-by-byte append.
            if utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes += utf8
            }
        }

        /// A finding's columns before its evidence.
        mutating func head(_ head: Prepared.Head) {
            string(head.rule)
            string(head.status)
            string(head.message)
            string(head.basis)
            bool(head.gating)
        }

        mutating func head(of f: FindingEntry) {
            string(f.rule)
            string(f.status)
            string(f.message)
            string(f.basis)
            bool(f.gating)
        }

        mutating func optional(_ value: String?) {
            if let value {
                bytes.append(1)
                string(value)
            } else {
                bytes.append(0)
            }
        }
    }

    struct Malformed: Error {}

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard let b = byte(), shift < 64 else { throw Malformed() }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }

        mutating func int() throws(Malformed) -> Int64 {
            let v = try varint()
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }

        mutating func intValue() throws(Malformed) -> Int {
            Int(try int())
        }

        mutating func count() throws(Malformed) -> Int {
            let n = try int()
            guard n >= 0, n <= Int64(bytes.count) else { throw Malformed() }
            return Int(n)
        }

        mutating func bool() throws(Malformed) -> Bool {
            switch byte() {
            case 0: return false
            case 1: return true
            default: throw Malformed()
            }
        }

        mutating func string() throws(Malformed) -> String {
            let length = try varint()
            guard length <= UInt64(bytes.count - offset) else { throw Malformed() }
            let n = Int(length)
            let text = String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
            offset += n
            return text
        }

        mutating func optional() throws(Malformed) -> String? {
            switch byte() {
            case 0: return nil
            case 1: return try string()
            default: throw Malformed()
            }
        }

        /// The signature checks (after the head; at the start of a format-6 body).
        mutating func signatures() throws(Malformed) -> [SignatureRow] {
            var signatures: [SignatureRow] = []
            for _ in 0..<(try count()) {
                signatures.append(
                    SignatureRow(
                        position: try intValue(), keyID: try optional(), role: try optional(),
                        algorithm: try optional(), status: try string(), reason: try string(),
                        duplicate: try bool()))
            }
            return signatures
        }

        mutating func head() throws(Malformed) -> (Header, AttestationRow, [WithdrawalRow]) {
            let header = Header(
                kind: try string(), profile: try string(), toolVersion: try string(), evaluatedAt: try string(),
                eligible: try bool(), group: try string(), blocking: try string(), coverage: try optional(),
                stressedCoverage: try optional(), freshnessDays: try intValue(), issuer: try string(),
                token: try string(), sequence: try intValue(), asOf: try string(), attestationRef: try int(),
                openssl: try optional(), sqlite: try optional())
            let attestation = AttestationRow(
                digest: try string(), attestationId: try string(), issuedAt: try string(), envelopeKind: try string(),
                envelopeSHA256: try string(), detachedSignatureSHA256: try optional(), source: try string(),
                receivedAt: try string(), trusted: try bool(), accepted: try bool(),
                timestampTokenSHA256: try optional())
            var withdrawals: [WithdrawalRow] = []
            for _ in 0..<(try count()) {
                withdrawals.append(
                    WithdrawalRow(
                        kind: try string(), reason: try string(), recordedAt: try string(),
                        statementSHA256: try optional()))
            }
            return (header, attestation, withdrawals)
        }
    }
}
