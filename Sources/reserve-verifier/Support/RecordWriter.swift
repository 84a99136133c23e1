import ArgumentParser
import Foundation
import ReserveCore
import ReserveCrypto
import ReserveIO
import ReservePipeline
import ReserveStore

/// Builds, signs and writes verification records.
enum RecordWriter {
    /// Where `evaluation` sits in `ledger`, the chain head, and the latest checkpoint.
    static func position(
        _ ledger: Ledger, path: String, rowHash: String
    ) throws(VerifierError)
        -> (VerificationRecord.LedgerPosition?, VerificationRecord.CheckpointReference?)
    {
        let head = try ledger.head()
        var position: VerificationRecord.LedgerPosition?
        if let id = try ledger.evaluationID(rowHash: rowHash) {
            position = .init(
                path: path, evaluation: id, rowHash: rowHash, headEvaluations: head.evaluations, headHash: head.hash)
        }
        return (position, try checkpoint(ledger))
    }

    /// The ledger's latest stored checkpoint, as a reference.
    static func checkpoint(_ ledger: Ledger) throws(VerifierError) -> VerificationRecord.CheckpointReference? {
        try DossierPages.latestCheckpoint(ledger, hasher: OpenSSLProvider())
    }

    /// The signed envelope of `record`.
    static func sign(_ record: VerificationRecord, key: PrivateKey) throws(VerifierError) -> [UInt8] {
        let signature = try key.sign(record.signingInput, algorithm: key.defaultAlgorithm)
        return record.envelope(keyID: key.publicKey.id, signature: signature)
    }

    /// A time-stamping authority and the trusted certificates its tokens must chain to.
    struct TSA {
        var url: String
        var authorities: [TimestampAuthority]
    }

    /// The signed envelope of `record` and, with a TSA, its checked RFC 3161 token.
    static func sign(
        _ record: VerificationRecord, key: PrivateKey, tsa: TSA?
    ) throws(VerifierError)
        -> (envelope: [UInt8], token: [UInt8]?)
    {
        let envelope = try sign(record, key: key)
        let token = try tsa.map { (tsa) throws(VerifierError) in
            try RecordTimestamp.stamp(envelope, url: tsa.url, authorities: tsa.authorities).token
        }
        return (envelope, token)
    }

    /// One record file per item in `folder` (created when missing), named `<attestationId>.record.json`
    /// (`-2`, `-3`… when one run holds the same id twice), with `<record>.tsr` beside each when a
    /// TSA is given. - Returns: the paths written.
    static func write(
        _ records: [VerificationRecord], key: PrivateKey, into folder: String, tsa: TSA? = nil
    ) throws(VerifierError) -> [String] {
        // Signed (and timestamped) first, then written (each file atomically): a failure writes nothing.
        var used: [String: Int] = [:]
        var files: [(String, [UInt8], [UInt8]?)] = []
        for record in records {
            let count = (used[record.subjectName] ?? 0) + 1
            used[record.subjectName] = count
            let name = count == 1 ? "\(record.subjectName).record.json" : "\(record.subjectName)-\(count).record.json"
            let signed = try sign(record, key: key, tsa: tsa)
            files.append(((folder as NSString).appendingPathComponent(name), signed.envelope, signed.token))
        }
        if !Files.isDirectory(folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw VerifierError(
                    .unreadableInput, "\(folder): the record folder could not be created: \(error.localizedDescription)"
                )
            }
        }
        for (path, envelope, token) in files {
            try Files.writeAtomically(envelope, to: path)
            if let token { try Files.writeAtomically(token, to: path + ".tsr") }
        }
        return files.map(\.0)
    }
}
