import Foundation
import GRDB
import ReserveCore

/// The content of an evaluation row that its hash covers, as stored (text columns exactly).
///
/// Version 1 (ledgers written before schema v4) covers the evaluation's verdict columns and its
/// findings. Version 2 covers every column a decision or a report reads: the evaluation's own
/// columns (issuer, token, sequence, asOf, attestation row), the whole attestation row (trusted,
/// accepted, sequence, asOf, issuer, token, source, first sight...), its signature checks, and
/// the withdrawals recorded with the evaluation. Version 3 (schema v5) adds the libraries the
/// evaluation ran on (OpenSSL, SQLite). Version 4 (schema v6) covers the same content, stored
/// as one compact record on the row and hashed as stored (``CompactRecord``); version 5 (schema
/// v7) the same record with the findings' evidence as compact values instead of JSON text.
/// This type then holds a finding only.
struct ChainRow {
    /// The version new rows are written with.
    static let currentVersion = Int(CompactRecord.formatByte)

    /// Whether a finding of a version-4 or -5 row also gets a `finding` row (the index queries
    /// use): the failed ones.
    static func isIndexed(status: String) -> Bool { status == "fail" }

    struct FindingRow: Equatable {
        var rule: String
        var status: String
        var message: String
        var basis: String
        var gating: Bool
        var evidence: String

        var json: JSONValue {
            [
                "rule": .string(rule), "status": .string(status), "message": .string(message), "basis": .string(basis),
                "gating": .bool(gating), "evidence": .string(evidence),
            ]
        }
    }

    var version: Int
    var digest: String
    var envelopeSHA256: String
    var kind: String
    var profile: String
    var toolVersion: String
    var evaluatedAt: String
    var eligible: Bool
    var group: String
    var blocking: String
    var coverage: String?
    var stressedCoverage: String?
    var freshnessDays: Int
    var findings: [FindingRow]
    /// Version 2: the evaluation's coin columns and the attestation row, signature checks and
    /// withdrawals, as canonical JSON values.
    var coin: JSONValue = .null
    var attestation: JSONValue = .null
    var withdrawals: JSONValue = .null
    /// Version 3: `{"openssl": …, "sqlite": …}`.
    var runtime: JSONValue = .null

    /// SHA-256 over `previous hash + "\n" + canonical JSON of the row` (sorted keys, compact).
    func hash(previous: String, hasher: any CryptoProvider) -> String {
        let bytes = Array((previous + "\n" + canonicalJSON()).utf8)
        return hasher.sha256(bytes).hex
    }

    /// The canonical JSON of the row that its hash covers.
    func canonicalJSON() -> String {
        var content: JSONObject = [
            "digest": .string(digest), "envelopeSha256": .string(envelopeSHA256), "kind": .string(kind),
            "profile": .string(profile),
            "toolVersion": .string(toolVersion), "evaluatedAt": .string(evaluatedAt), "eligible": .bool(eligible),
            "group": .string(group), "blocking": .string(blocking), "coverage": coverage.map(JSONValue.string) ?? .null,
            "stressedCoverage": stressedCoverage.map(JSONValue.string) ?? .null, "freshnessDays": .int(freshnessDays),
            "findings": .array(findings.map(\.json)),
        ]
        if version >= 2 {
            content["chainVersion"] = .int(version)
            content["coin"] = coin
            content["attestation"] = attestation
            content["withdrawals"] = withdrawals
        }
        if version >= 3 { content["runtime"] = runtime }
        return JSONWriter.write(.object(content), pretty: false)
    }
}
