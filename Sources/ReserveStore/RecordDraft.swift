import Foundation
import ReserveCore

/// The parts of an evaluation record that do not depend on the coin's history, prepared where
/// the envelope was verified and assessed (a worker), so that the one writer adds only what the
/// history decides: the history and capital findings, the verdict columns, the chain link.
///
/// A draft holds the SHA-256 texts of the stored bytes (the envelope's as it was hashed when
/// read), the signature rows, the coverage texts, and the compact encoding (``EvidenceCoding``)
/// of the evidence of the assessment's findings, which are the first findings of every
/// evaluation decided from that assessment and whose strings come first in the record's string
/// table. It decides nothing: the writer uses the prepared evidence only when the evaluation it
/// records starts with those very findings (the same evidence objects, the same bank policy
/// replacements), and the coverage texts only for the same values; otherwise it encodes
/// everything itself. Either way the record's bytes are the same.
public struct RecordDraft: Sendable {
    /// The envelope's SHA-256 (lowercase hex).
    let envelopeSHA256: String
    let detachedSignatureSHA256: String?
    let timestampTokenSHA256: String?
    /// The signature checks' rows in the envelope's order (as they are inserted), and in the
    /// order the record holds them (by position).
    let signatureRows: [CompactRecord.SignatureRow]
    let signatures: [CompactRecord.SignatureRow]
    let coverage: Decimal?
    let coverageText: String?
    let stressedCoverage: Decimal?
    let stressedCoverageText: String?
    /// The assessment's findings (kept, so their evidence objects stay the ones compared).
    let findings: [Finding]
    /// The evidence of `findings`, encoded in order, with the string table and the findings'
    /// entries as the record writes them.
    let prepared: CompactRecord.Prepared
    var evidence: EvidenceCoding.Encoder { prepared.evidence }

    /// Prepares the record of `assessment`'s envelope.
    ///
    /// - Parameters:
    ///   - envelopeSHA256: the SHA-256 of `envelope` when it was computed as it was read (lowercase
    ///     hex); nil hashes it here.
    public init(
        _ assessment: Assessment, envelope: [UInt8], envelopeSHA256: String?, detachedSignature: [UInt8]?,
        timestampToken: [UInt8]?, hasher: any CryptoProvider
    ) {
        self.envelopeSHA256 = envelopeSHA256 ?? hasher.sha256(envelope).hex
        detachedSignatureSHA256 = detachedSignature.map { hasher.sha256($0).hex }
        timestampTokenSHA256 = timestampToken.map { hasher.sha256($0).hex }
        signatureRows = CompactRecord.signatureRows(assessment.verified.signatures)
        signatures = CompactRecord.inRecordOrder(signatureRows)
        coverage = assessment.recordedCoverage
        coverageText = coverage.map { Amount.canonical($0) }
        stressedCoverage = assessment.recordedStressedCoverage
        stressedCoverageText = stressedCoverage.map { Amount.canonical($0) }
        findings = assessment.recordedFindings
        var encoder = EvidenceCoding.Encoder()
        var heads: [CompactRecord.Prepared.Head] = []
        heads.reserveCapacity(findings.count)
        // Straight from the typed evidence: no JSON object is made for recording. By index: each
        // finding is read in place (iterating or mapping would copy every finding).
        for i in findings.indices {
            encoder.value(findings[i])
            heads.append(
                CompactRecord.Prepared.Head(
                    rule: findings[i].rule.rawValue, status: findings[i].status.rawValue, message: findings[i].message,
                    basis: findings[i].basis.rawValue, gating: findings[i].gating))
        }
        prepared = CompactRecord.Prepared(evidence: encoder, heads: heads)
    }

    /// The prepared encoding, when `findings` starts with the draft's findings (each with the
    /// same evidence object and bank policy replacement); its `count` is how many it covers.
    func preparedEvidence(for findings: [Finding]) -> CompactRecord.Prepared? {
        guard findings.count >= self.findings.count else { return nil }
        // By index: each field is read in place (iterating would copy every finding).
        for i in self.findings.indices
        where self.findings[i].evidenceIdentity != findings[i].evidenceIdentity
            || self.findings[i].bankPolicyReplacement != findings[i].bankPolicyReplacement
        {
            return nil
        }
        return prepared
    }

    /// The canonical text of `value` (``Amount/canonical(_:)``), from the draft when it is the
    /// same value bit for bit (the evaluation's coverage is the assessment's).
    func coverageText(_ value: Decimal?) -> String? {
        Self.text(value, prepared: coverage, coverageText)
    }

    func stressedCoverageText(_ value: Decimal?) -> String? {
        Self.text(value, prepared: stressedCoverage, stressedCoverageText)
    }

    private static func text(_ value: Decimal?, prepared: Decimal?, _ text: String?) -> String? {
        guard let value else { return nil }
        if let prepared, let text, sameBits(value, prepared) { return text }
        return Amount.canonical(value)
    }

    private static func sameBits(_ a: Decimal, _ b: Decimal) -> Bool {
        withUnsafeBytes(of: a) { x in withUnsafeBytes(of: b) { y in x.elementsEqual(y) } }
    }
}
