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
}
