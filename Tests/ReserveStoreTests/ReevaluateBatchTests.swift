import Foundation
import ReserveCore
import ReserveCrypto
import ReserveStore
import TestSupport
import Testing

/// `reevaluate` reads the ledger in pages and appends each page's re-evaluations in one transaction.
@Suite struct ReevaluateBatchTests {
    let sakura: SakuraFactory

    init() throws { sakura = try SakuraFactory() }

    /// A ledger of `count` coins (sakura-pay under other names), one accepted attestation each,
    /// plus a refused one (a rollback) that `reevaluate` does not run again.
    func ledger(coins count: Int, in dir: TemporaryDirectory) throws -> (Ledger, TrustStore) {
        let issuers = (0..<count).map { "coin-\($0)" }
        let store = try SakuraFactory.trustStore(freshnessDays: nil, issuers: issuers)
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        for issuer in issuers {
            _ = try ledger.record(
                try sakura.input(try sakura.envelope(sequence: 37, issuer: issuer), at: nov22, store: store))
        }
        let rollback = try ledger.record(
            try sakura.input(try sakura.envelope(sequence: 36, issuer: "coin-0"), at: nov22, store: store))
        #expect(!rollback.accepted)
        return (ledger, store)
    }

    func items(_ page: [StoredEnvelope], _ store: TrustStore) throws -> [ReevaluationItem] {
        let verifier = AttestationVerifier(store: store, provider: OpenSSLProvider())
        return try page.map {
            ReevaluationItem(
                attestationRef: $0.attestationRef,
                verified: try verifier.verify($0.envelope, at: nov22, firstSeen: $0.firstSeen))
        }
    }

    @Test func pagesListWhatOneReadLists() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, _) = try ledger(coins: 7, in: dir)
        let all = try ledger.acceptedEnvelopes()
        #expect(all.count == 7)
        var paged: [StoredEnvelope] = []
        var after: Int64 = 0
        while case let page = try ledger.acceptedEnvelopes(after: after, limit: 3), let last = page.last {
            #expect(page.count <= 3)
            paged += page
            after = last.attestationRef
        }
        #expect(paged.map(\.attestationRef) == all.map(\.attestationRef))
        #expect(paged.map(\.digest) == all.map(\.digest))
        #expect(paged.map(\.envelope) == all.map(\.envelope))
        #expect(paged.map(\.previousProfile) == all.map(\.previousProfile))
    }

    @Test func aBatchAppendsInOrderAndMatchesOneAtATime() throws {
        let dirs = (try TemporaryDirectory(), try TemporaryDirectory())
        defer {
            dirs.0.remove()
            dirs.1.remove()
        }
        let (batched, store) = try ledger(coins: 5, in: dirs.0)
        let (single, _) = try ledger(coins: 5, in: dirs.1)
        let evaluator = Evaluator(profile: .hkma)
        let later = nov22.adding(seconds: 3600)

        let page = try batched.acceptedEnvelopes(after: 0, limit: 100)
        let items = try items(page, store)
        let outcomes = try batched.reevaluate(batch: items, evaluatedAt: later, toolVersion: "test") { k, history in
            evaluator.evaluate(items[k].verified, history: history, at: later)
        }
        var expected: [Evaluation] = []
        for item in try self.items(try single.acceptedEnvelopes(), store) {
            let (evaluation, withdrawn) = try single.reevaluate(
                attestationRef: item.attestationRef, verified: item.verified, evaluatedAt: later, toolVersion: "test"
            ) { evaluator.evaluate(item.verified, history: $0, at: later) }
            #expect(!withdrawn)
            expected.append(evaluation)
        }
        #expect(outcomes.map(\.evaluation) == expected)
        #expect(outcomes.allSatisfy { !$0.withdrawn })
        // The same rows (not the same hashes: ECDSA signatures are randomized, so the envelopes differ).
        let rows = "SELECT group_concat(kind || profile || eligible || sequence, ',') FROM evaluation"
        #expect(try sqlite3(batched.path, rows) == sqlite3(single.path, rows))
        #expect(
            outcomes.last?.rowHash
                == (try sqlite3(batched.path, "SELECT row_hash FROM evaluation ORDER BY id DESC LIMIT 1")))
        #expect(try batched.verifyChain() == ChainReport(rows: 11, broken: nil))
    }

    @Test func aFailureInABatchAppendsNothingOfIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, store) = try ledger(coins: 3, in: dir)
        let before = try sqlite3(ledger.path, "SELECT count(*) FROM evaluation")
        var items = try items(try ledger.acceptedEnvelopes(), store)
        // The last item names an attestation row the ledger does not have.
        items[2].attestationRef = 9_999
        let evaluator = Evaluator(profile: .bcbs)
        #expect(throws: VerifierError.self) {
            try ledger.reevaluate(batch: items, evaluatedAt: nov22, toolVersion: "test") { k, history in
                evaluator.evaluate(items[k].verified, history: history, at: nov22)
            }
        }
        #expect(try sqlite3(ledger.path, "SELECT count(*) FROM evaluation") == before)
        #expect(try sqlite3(ledger.path, "SELECT count(*) FROM withdrawal") == "0")
        #expect(try ledger.verifyChain().broken == nil)
    }

    /// A page's items carry the stored rows as the page read them (`ReevaluationItem.stored`), so
    /// the writer does not read those columns again; whether a row is withdrawn is still read in
    /// the transaction. A withdrawal appended after the page was read is seen, and the rows written
    /// are byte for byte those of items without the page's columns (a copy of the same ledger).
    @Test func thePageColumnsRecordWhatAReadInTheTransactionRecords() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (ledger, store) = try ledger(coins: 3, in: dir)
        let page = try ledger.acceptedEnvelopes(after: 0, limit: 100)
        #expect(page.count == 3)
        let plain = try items(page, store)
        let withPage = zip(plain, page).map { item, stored in
            var item = item
            item.stored = stored
            return item
        }
        // coin-1 is withdrawn after the page was read (an operator's correction).
        _ = try ledger.reevaluate(
            attestationRef: page[1].attestationRef, verified: plain[1].verified, evaluatedAt: nov22,
            toolVersion: "test", correction: Withdrawal(kind: .correction, reason: "typo", statement: Array("s".utf8))
        ) { Evaluator(profile: .bcbs).evaluate(plain[1].verified, history: $0, at: nov22) }
        let copyPath = dir.path("copy.sqlite")
        _ = try sqlite3(ledger.path, "VACUUM INTO '\(copyPath)'")
        let copy = try Ledger.open(path: copyPath, hasher: OpenSSLProvider())
        let before = try sqlite3(ledger.path, "SELECT max(id) FROM evaluation")
        let evaluator = Evaluator(profile: .hkma)
        let later = nov22.adding(seconds: 3600)
        let outcomes = try ledger.reevaluate(batch: withPage, evaluatedAt: later, toolVersion: "test") { k, history in
            evaluator.evaluate(withPage[k].verified, history: history, at: later)
        }
        let expected = try copy.reevaluate(batch: plain, evaluatedAt: later, toolVersion: "test") { k, history in
            evaluator.evaluate(plain[k].verified, history: history, at: later)
        }
        #expect(outcomes.map(\.evaluation) == expected.map(\.evaluation))
        #expect(outcomes.map(\.rowHash) == expected.map(\.rowHash))
        #expect(outcomes.map(\.withdrawn) == [false, false, false])
        let rows = "SELECT group_concat(hex(record) || row_hash, ',') FROM evaluation WHERE id > \(before)"
        #expect(try sqlite3(ledger.path, rows) == sqlite3(copy.path, rows))
        #expect(try ledger.verifyChain().broken == nil)

        // An item whose page entry is another row's, naming a row the ledger does not have: refused,
        // nothing of its batch appended.
        var wrong = withPage
        wrong[0].attestationRef = 9_999
        let count = try sqlite3(ledger.path, "SELECT count(*) FROM evaluation")
        #expect(throws: VerifierError.self) {
            try ledger.reevaluate(batch: wrong, evaluatedAt: later, toolVersion: "test") { k, history in
                evaluator.evaluate(wrong[k].verified, history: history, at: later)
            }
        }
        #expect(try sqlite3(ledger.path, "SELECT count(*) FROM evaluation") == count)
    }
}
