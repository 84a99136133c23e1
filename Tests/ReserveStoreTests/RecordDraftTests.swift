import Foundation
import ReserveCore
import ReserveCrypto
import TestSupport
import Testing

@testable import ReserveStore

/// Issue 13: a record prepared on a worker (``RecordDraft``) before the history is read stores
/// the same bytes as one the writer makes whole, and its prepared evidence is used only for an
/// evaluation that starts with the very findings it was prepared from.
@Suite struct RecordDraftTests {
    let coin: CoinFactory
    let nov5 = Timestamp.parse("2026-11-05T00:00:00Z")!  // constant

    init() throws {
        coin = try CoinFactory()
    }

    /// kizuna-yen 12, 13, an equivocating twin of 13 (history findings fail), then 12 again (a replay).
    func inputs() throws -> [(RecordItem, Assessment, Evaluator)] {
        let evaluator = Evaluator(profile: .bcbs)
        let envelopes = [
            try coin.envelope(sequence: 12),
            try coin.envelope(sequence: 13, asOf: "2026-11-01T15:00:00Z"),
            try coin.envelope(sequence: 13, asOf: "2026-11-01T16:00:00Z", variant: "twin"),
            try coin.envelope(sequence: 12),
        ]
        return try envelopes.map { envelope in
            let item = try coin.input(envelope, at: nov5).item
            return (item, evaluator.assess(item.verified, at: nov5), evaluator)
        }
    }

    func record(_ inputs: [(RecordItem, Assessment, Evaluator)], drafted: Bool, in dir: TemporaryDirectory) throws
        -> (String, [RecordOutcome])
    {
        let path = dir.path(drafted ? "drafted.sqlite" : "whole.sqlite")
        let ledger = try Ledger.open(path: path, hasher: OpenSSLProvider())
        let items = inputs.map { item, assessment, _ in
            var item = item
            if drafted {
                item.draft = RecordDraft(
                    assessment, envelope: item.envelope, envelopeSHA256: nil, detachedSignature: nil,
                    timestampToken: nil, hasher: OpenSSLProvider())
            }
            return item
        }
        let outcomes = try ledger.record(batch: items) { i, history in
            inputs[i].2.decide(inputs[i].1, history: history)
        }
        return (path, outcomes)
    }

    @Test func aDraftedBatchStoresTheSameBytesAsAWholeOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inputs = try inputs()
        let (whole, wholeOutcomes) = try record(inputs, drafted: false, in: dir)
        let (drafted, draftedOutcomes) = try record(inputs, drafted: true, in: dir)
        #expect(draftedOutcomes.map(\.rowHash) == wholeOutcomes.map(\.rowHash))
        #expect(draftedOutcomes.map(\.recorded) == [true, true, true, false])
        #expect(draftedOutcomes[2].evaluation.status(.equivocation) == .fail)
        #expect(try sqlite3(drafted, ".dump") == (try sqlite3(whole, ".dump")))
        let ledger = try Ledger.open(path: drafted, hasher: OpenSSLProvider())
        #expect(try ledger.verifyChain() == ChainReport(rows: 4, broken: nil))
    }

    @Test func thePreparedEvidenceIsUsedForTheAssessmentsOwnFindingsOnly() throws {
        let (item, assessment, evaluator) = try inputs()[0]
        let draft = RecordDraft(
            assessment, envelope: item.envelope, envelopeSHA256: nil, detachedSignature: nil, timestampToken: nil,
            hasher: OpenSSLProvider())
        #expect(draft.envelopeSHA256 == OpenSSLProvider().sha256(item.envelope).hex)
        // Its evidence is written from the typed evidence (no fallback), as the JSON objects encode.
        var tree = EvidenceCoding.Encoder()
        for finding in assessment.recordedFindings { tree.value(finding.evidenceJSON) }
        #expect(draft.evidence.fallbacks == 0)
        #expect(draft.evidence.bytes == tree.bytes && draft.evidence.table == tree.table)
        #expect(draft.evidence.ends == tree.ends)
        let evaluation = evaluator.decide(assessment, history: HistorySnapshot())
        let prepared = try #require(draft.preparedEvidence(for: evaluation.findings))
        #expect(prepared.count == assessment.recordedFindings.count)
        #expect(prepared.count > 0 && prepared.count < evaluation.findings.count)
        // The same figures assessed again are other evidence objects: encoded by the writer, not taken.
        let again = evaluator.decide(evaluator.assess(item.verified, at: nov5), history: HistorySnapshot())
        #expect(draft.preparedEvidence(for: again.findings) == nil)
        #expect(draft.coverageText(evaluation.coverage) == evaluation.coverage.map { Amount.canonical($0) })
        #expect(draft.coverageText(nil) == nil)
        // Whichever way, the record's bytes are the same.
        let record = CompactRecord.fixture(
            signatures: draft.signatures, findings: evaluation.findings, evidence: { .object($0.evidenceJSON) })
        #expect(record.encoded(prepared: prepared) == record.encoded())
        #expect(CompactRecord.decode(record.encoded(prepared: prepared)) == record)
    }

    /// The prepared entries are copied only while a finding's columns are the draft's: a column
    /// the profile changed (gating, a tentative rule's status and message) is written again
    /// around the prepared evidence, and the bytes are those of a record encoded whole.
    @Test func preparedEntriesWhoseColumnsDifferAreWrittenAgain() throws {
        let (item, assessment, evaluator) = try inputs()[0]
        let draft = RecordDraft(
            assessment, envelope: item.envelope, envelopeSHA256: nil, detachedSignature: nil, timestampToken: nil,
            hasher: OpenSSLProvider())
        let evaluation = evaluator.decide(assessment, history: HistorySnapshot())
        let prepared = try #require(draft.preparedEvidence(for: evaluation.findings))
        var record = CompactRecord.fixture(findings: evaluation.findings, evidence: { .finding($0) })
        let same = record.encoded(prepared: prepared)
        #expect(same == record.encoded())
        // Changed columns in the first, a middle and the last prepared finding.
        let last = prepared.count - 1
        record.findings[0].gating.toggle()
        record.findings[2].message += " (tentative rule: warn only)"
        record.findings[2].status = "warn"
        record.findings[last].basis = "other"
        let changed = record.encoded(prepared: prepared)
        #expect(changed != same)
        #expect(changed == record.encoded())
        #expect(CompactRecord.decode(changed) == record)
    }

    /// An encoder that goes on from another's table without copying it writes the bytes the
    /// other would have written; its table holds only the new strings.
    @Test func aContinuingEncoderWritesWhatTheWholeOneWould() throws {
        let (_, assessment, evaluator) = try inputs()[0]
        let evaluation = evaluator.decide(assessment, history: HistorySnapshot())
        let count = assessment.recordedFindings.count
        var base = EvidenceCoding.Encoder()
        for finding in evaluation.findings[..<count] { base.value(finding) }
        var whole = base
        var tail = EvidenceCoding.Encoder(continuing: base)
        for finding in evaluation.findings[count...] {
            whole.value(finding)
            tail.value(finding)
        }
        #expect(tail.tableCount == whole.table.count)
        #expect(Array(whole.table[base.table.count...]) == tail.table)
        #expect(Array(whole.bytes[base.bytes.count...]) == tail.bytes)
        #expect(tail.ends == whole.ends[count...].map { $0 - base.bytes.count })
        // New strings are added to the tail's table; the base's are referred to, not added again.
        let known = try #require(base.table.first)
        let value = JSONObject(["zz-not-in-the-table": .string(known)])
        var fresh = EvidenceCoding.Encoder(continuing: base)
        fresh.value(value)
        var copy = base
        copy.value(value)
        #expect(fresh.table == ["zz-not-in-the-table"])
        #expect(fresh.bytes == Array(copy.bytes[base.bytes.count...]))
        #expect(base.table.count == copy.table.count - 1)
    }
}
