import Foundation
import GRDB
import ReserveCore

/// For benchmark fixtures only (`@_spi(Fixtures)`, Benchmarks/Fixtures/ScaleLedger.swift): the
/// chain content of a recorded evaluation row, from which the hashes of copies of that row are
/// computed with the ledger's own chain code (``ChainRow/hash(previous:hasher:)``), so that a
/// ledger grown by SQL copies is a valid chain (version 2 or later) that `status`, `history`, recording
/// and `ledger verify` accept.
@_spi(Fixtures)
public struct ChainRowTemplate: Sendable {
    /// The content of a row of chain version 2 or 3 (nil for version 4 or later).
    let chain: ChainRow?
    /// The record of a row of chain version 4 or later (the current version, ``ChainRow/currentVersion``;
    /// for version 6 its head and body joined: a copy's body row is the template's body row).
    let compact: CompactRecord?
    public let evaluationID: Int64
    public let attestationRef: Int64
    public let issuer: String
    public let token: String
    public let sequence: Int
    public let asOf: String
    /// The attestation row's digest and attestation id.
    public let digest: String
    public let attestationId: String

    /// The hash of a copy of this evaluation row whose attestation row is a copy of this row's
    /// attestation with a new id, digest, attestation id and sequence (everything else, the
    /// signature checks and the findings, copied unchanged; no withdrawals).
    public func copyHash(
        previous: String, attestationRef ref: Int64, digest: String, attestationId: String, sequence seq: Int,
        hasher: any CryptoProvider
    ) -> String {
        copyRecord(
            previous: previous, attestationRef: ref, digest: digest, attestationId: attestationId, sequence: seq,
            hasher: hasher
        ).hash
    }

    /// The hash of such a copy, and (chain version 4 or later) the record to store with it (for
    /// version 6 the head; the copy's `evaluation_body` row is a copy of the template's).
    public func copyRecord(
        previous: String, attestationRef ref: Int64, digest: String, attestationId: String, sequence seq: Int,
        hasher: any CryptoProvider
    ) -> (hash: String, record: [UInt8]?) {
        if var record = compact {
            record.header.attestationRef = ref
            record.header.sequence = seq
            record.attestation.digest = digest
            record.attestation.attestationId = attestationId
            // Chain version 6: the head only (the body, unchanged by a copy, is the template's).
            let bytes = record.stored(hasher: hasher).record
            return (CompactRecord.hash(previous: previous, bytes: bytes, hasher: hasher), bytes)
        }
        let hash = copy(attestationRef: ref, digest: digest, attestationId: attestationId, sequence: seq).hash(
            previous: previous, hasher: hasher)
        return (hash, nil)
    }

    func copy(attestationRef ref: Int64, digest: String, attestationId: String, sequence seq: Int) -> ChainRow {
        guard var row = chain else { preconditionFailure("a chain-version-4 template has no ChainRow") }
        row.digest = digest
        row.coin = ChainContent.coin(issuer: issuer, token: token, sequence: seq, asOf: asOf, attestationRef: ref)
        if case .object(var a) = row.attestation {
            a["id"] = .number(String(ref))
            a["digest"] = .string(digest)
            a["attestationId"] = .string(attestationId)
            a["sequence"] = .int(seq)
            row.attestation = .object(a)
        }
        return row
    }

    /// The same hash as ``copyHash(previous:attestationRef:digest:attestationId:sequence:hasher:)``
    /// without building the row's JSON again: the canonical JSON of the row is written once with
    /// markers in place of the values a copy changes, and each copy's JSON is those pieces with
    /// its values between them. Checked against the full computation on its first use (and
    /// whenever a value would need escaping, the full computation is used). One thread at a time.
    public final class Splicer {
        public let template: ChainRowTemplate
        /// Literal UTF-8 pieces, and between each two the value that goes there.
        var pieces: [[UInt8]] = []
        var slots: [Slot] = []
        var checked = false

        /// False once a spliced hash differed from the full computation: then only the latter is used.
        var spliceWorks = true

        enum Slot { case digest, attestationId, ref, sequence }

        public init(_ template: ChainRowTemplate) {
            self.template = template
            // A version-4 or -5 record is encoded per copy (no JSON to splice).
            guard template.compact == nil else {
                spliceWorks = false
                return
            }
            // Markers that the writer keeps as they are (numbers are written raw; strings escape
            // control characters, so string markers are plain words unlikely in the content).
            var row = template.copy(attestationRef: 0, digest: "", attestationId: "", sequence: 0)
            row.digest = "@@digest@@"
            row.coin = [
                "issuer": .string(template.issuer), "token": .string(template.token),
                "sequence": .number("@@sequence@@"),
                "asOf": .string(template.asOf), "attestationRef": .number("@@ref@@"),
            ]
            if case .object(var a) = row.attestation {
                a["id"] = .number("@@ref@@")
                a["digest"] = .string("@@digest@@")
                a["attestationId"] = .string("@@attestationId@@")
                a["sequence"] = .number("@@sequence@@")
                row.attestation = .object(a)
            }
            let text = Array(row.canonicalJSON().utf8)
            let markers: [(Slot, [UInt8])] = [
                (.digest, Array("@@digest@@".utf8)), (.attestationId, Array("@@attestationId@@".utf8)),
                (.ref, Array("@@ref@@".utf8)), (.sequence, Array("@@sequence@@".utf8)),
            ]
            var current: [UInt8] = []
            var i = 0
            scan: while i < text.count {
                if text[i] == UInt8(ascii: "@") {
                    for (slot, marker) in markers
                    where text.count - i >= marker.count && Array(text[i..<(i + marker.count)]) == marker {
                        pieces.append(current)
                        slots.append(slot)
                        current = []
                        i += marker.count
                        continue scan
                    }
                }
                current.append(text[i])
                i += 1
            }
            pieces.append(current)
        }

        static func plain(_ text: String) -> Bool {
            text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }

        /// The copy's hash and, for chain version 4 or 5, its record.
        public func record(
            previous: String, attestationRef ref: Int64, digest: String, attestationId: String, sequence seq: Int,
            hasher: any CryptoProvider
        ) -> (hash: String, record: [UInt8]?) {
            if template.compact != nil {
                return template.copyRecord(
                    previous: previous, attestationRef: ref, digest: digest, attestationId: attestationId,
                    sequence: seq, hasher: hasher)
            }
            return (
                hash(
                    previous: previous, attestationRef: ref, digest: digest, attestationId: attestationId,
                    sequence: seq, hasher: hasher), nil
            )
        }

        public func hash(
            previous: String, attestationRef ref: Int64, digest: String, attestationId: String, sequence seq: Int,
            hasher: any CryptoProvider
        ) -> String {
            guard spliceWorks, Self.plain(digest), Self.plain(attestationId) else {
                return template.copyHash(
                    previous: previous, attestationRef: ref, digest: digest, attestationId: attestationId,
                    sequence: seq, hasher: hasher)
            }
            var bytes = Array(previous.utf8)
            bytes.append(0x0A)
            let refText = Array(String(ref).utf8)
            let seqText = Array(String(seq).utf8)
            let digestText = Array(digest.utf8)
            let idText = Array(attestationId.utf8)
            for (i, piece) in pieces.enumerated() {
                bytes += piece
                guard i < slots.count else { break }
                switch slots[i] {
                case .digest: bytes += digestText
                case .attestationId: bytes += idText
                case .ref: bytes += refText
                case .sequence: bytes += seqText
                }
            }
            let hash = hasher.sha256(bytes).hex
            if !checked {
                checked = true
                let full = template.copyHash(
                    previous: previous, attestationRef: ref, digest: digest, attestationId: attestationId,
                    sequence: seq, hasher: hasher)
                if full != hash {
                    spliceWorks = false
                    return full
                }
            }
            return hash
        }
    }

    /// The templates of evaluation rows `ids` (chain version 2 or later; older rows are skipped).
    public static func load(_ db: Database, ids: ClosedRange<Int64>, hasher: any CryptoProvider) throws
        -> [ChainRowTemplate]
    {
        var templates: [ChainRowTemplate] = []
        for id in ids {
            var chain: ChainRow?
            var compact: CompactRecord?
            if let data = try Data.fetchOne(
                db, sql: "SELECT record FROM evaluation WHERE id = ? AND chain_version >= 4", arguments: [id])
            {
                compact = try CompactCheck.wholeRecord([UInt8](data), id: id, db, hasher: hasher)
                if compact == nil { continue }
            } else {
                guard let (row, _, _) = try ChainContent.row(db, id: id, hasher: hasher), row.version >= 2 else {
                    continue
                }
                chain = row
            }
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT e.attestation_ref, e.issuer, e.token, e.sequence, e.as_of, a.digest, a.attestation_id
                        FROM evaluation e JOIN attestation a ON a.id = e.attestation_ref WHERE e.id = ?
                        """, arguments: [id])
            else { continue }
            templates.append(
                ChainRowTemplate(
                    chain: chain, compact: compact, evaluationID: id, attestationRef: row["attestation_ref"],
                    issuer: row["issuer"],
                    token: row["token"], sequence: row["sequence"], asOf: row["as_of"], digest: row["digest"],
                    attestationId: row["attestation_id"]))
        }
        return templates
    }
}
