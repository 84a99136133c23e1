import Foundation
import ReserveCore
import ReserveCrypto
import ReservePipeline
import ReserveStore
import TestSupport
import Testing

/// `reevaluate` on the one pipeline (``VerifyPipeline/reevaluate(_:at:tool:workers:page:makeWorker:consume:)``:
/// workers re-check, assess and draft each stored envelope, the one writer records each page while
/// they check the next) stores the same bytes as the page loop before it, and fails as it did.
@Suite struct ReevaluatePipelineTests {
    let sakura: SakuraFactory
    let later = nov22.adding(seconds: 3600)
    let evaluator = Evaluator(profile: .hkma)

    init() throws { sakura = try SakuraFactory() }

    /// Ledgers in `dirs` with the same rows (the same envelope bytes recorded at the same time):
    /// seven coins with one accepted attestation each, two of them with a second, and a refused
    /// rollback that `reevaluate` does not run again.
    func makeLedgers(_ dirs: [TemporaryDirectory]) throws -> [Ledger] {
        let store = try reevaluationStore()
        var envelopes = try reevaluationIssuers.map { try sakura.envelope(sequence: 37, issuer: $0) }
        envelopes.append(try sakura.envelope(sequence: 36, issuer: "coin-0"))
        for issuer in ["coin-1", "coin-4"] {
            envelopes.append(try sakura.envelope(sequence: 38, asOf: "2026-11-01T15:00:00Z", issuer: issuer))
        }
        return try dirs.map { dir in
            let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
            for envelope in envelopes { _ = try ledger.record(try sakura.input(envelope, at: nov22, store: store)) }
            return ledger
        }
    }

    /// The new path: 2 workers (each further one its own trust store, as the CLI's), pages of `page`.
    func pipeline(_ ledger: Ledger, revoked: Set<String>, page: Int) throws -> [Reevaluated] {
        let pipeline = VerifyPipeline(
            verifier: AttestationVerifier(store: try reevaluationStore(revoked: revoked), provider: OpenSSLProvider()),
            evaluator: evaluator)
        let evaluator = evaluator
        var results: [Reevaluated] = []
        try pipeline.reevaluate(
            ledger, at: later, tool: "test", workers: 2, page: page,
            makeWorker: { worker in
                guard worker > 0, let own = try? reevaluationStore(revoked: revoked) else { return pipeline }
                return VerifyPipeline(
                    verifier: AttestationVerifier(store: own, provider: OpenSSLProvider()), evaluator: evaluator)
            }, consume: { results += $0 })
        return results
    }

    /// The page loop before it: a page re-checked on this thread, then recorded without drafts.
    func pageLoop(_ ledger: Ledger, revoked: Set<String>, page: Int) throws -> [ReevaluationOutcome] {
        let verifier = AttestationVerifier(store: try reevaluationStore(revoked: revoked), provider: OpenSSLProvider())
        var outcomes: [ReevaluationOutcome] = []
        var after: Int64 = 0
        while case let stored = try ledger.acceptedEnvelopes(after: after, limit: page), let last = stored.last {
            after = last.attestationRef
            var assessments: [Assessment] = []
            for s in stored {
                let verified = try verifier.verify(
                    s.envelope, detachedSignature: s.detachedSignature, timestampToken: s.timestampToken, at: later,
                    firstSeen: s.firstSeen)
                assessments.append(evaluator.assess(verified, at: later))
            }
            let items = zip(stored, assessments).map {
                ReevaluationItem(attestationRef: $0.attestationRef, verified: $1.verified)
            }
            outcomes += try ledger.reevaluate(batch: items, evaluatedAt: later, toolVersion: "test") { k, history in
                evaluator.decide(assessments[k], history: history)
            }
        }
        return outcomes
    }

    @Test(arguments: [3, 256])
    func thePipelineStoresTheBytesThePageLoopStores(page: Int) throws {
        let dirs = [try TemporaryDirectory(), try TemporaryDirectory()]
        defer { for dir in dirs { dir.remove() } }
        let ledgers = try makeLedgers(dirs)
        #expect(try sqlite3(ledgers[0].path, ".dump") == sqlite3(ledgers[1].path, ".dump"))
        let accepted = try ledgers[0].acceptedEnvelopes().map(\.attestationRef)
        #expect(accepted.count >= 7)
        // coin-2's key turns out revoked before the ledger first saw its attestation: withdrawn.
        let reevaluated = try pipeline(ledgers[0], revoked: ["coin-2"], page: page)
        let expected = try pageLoop(ledgers[1], revoked: ["coin-2"], page: page)

        #expect(reevaluated.map(\.stored.attestationRef) == accepted)
        #expect(reevaluated.map(\.evaluation) == expected.map(\.evaluation))
        #expect(reevaluated.map(\.withdrawn) == expected.map(\.withdrawn))
        #expect(reevaluated.filter(\.withdrawn).map(\.verified.attestation.issuer.id) == ["coin-2"])
        let dump = try sqlite3(ledgers[0].path, ".dump")
        #expect(dump == (try sqlite3(ledgers[1].path, ".dump")))
        #expect(dump.contains("key-revoked"))
        #expect(try ledgers[0].verifyChain() == ChainReport(rows: 10 + accepted.count, broken: nil))
    }

    @Test func aStoredEnvelopeThatCanNoLongerBeVerifiedStopsTheRunAfterThePagesBeforeIt() throws {
        let dirs = [try TemporaryDirectory(), try TemporaryDirectory()]
        defer { for dir in dirs { dir.remove() } }
        let paths = try makeLedgers(dirs).map(\.path)
        // Attestation 5 (the second page of three) no longer opens as an envelope.
        for path in paths {
            _ = try sqlite3(
                path, "DROP TRIGGER attestation_no_update; UPDATE attestation SET envelope = x'00' WHERE id = 5")
        }
        let ledgers = try paths.map { try Ledger.open(path: $0, hasher: OpenSSLProvider()) }
        let before = try sqlite3(paths[0], "SELECT count(*) FROM evaluation")
        let error = #expect(throws: VerifierError.self) { try pipeline(ledgers[0], revoked: [], page: 3) }
        let expected = #expect(throws: VerifierError.self) { try pageLoop(ledgers[1], revoked: [], page: 3) }
        #expect(error?.code == expected?.code)
        #expect(error?.message == expected?.message)
        // The first page (attestations 1-3) is recorded, nothing of the second page or after it.
        #expect(Int(try sqlite3(paths[0], "SELECT count(*) FROM evaluation")) == Int(before)! + 3)
        #expect(
            try sqlite3(paths[0], "SELECT group_concat(attestation_ref) FROM evaluation WHERE kind = 'reevaluate'")
                == "1,2,3")
        #expect(try sqlite3(paths[0], ".dump") == sqlite3(paths[1], ".dump"))
    }

    @Test func anEmptyLedgerRecordsNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = try Ledger.open(path: dir.path("l.sqlite"), hasher: OpenSSLProvider())
        #expect(try pipeline(ledger, revoked: [], page: 3).isEmpty)
        #expect(try sqlite3(ledger.path, "SELECT count(*) FROM evaluation") == "0")
    }
}

/// The coins of these tests: sakura-pay under other names.
private let reevaluationIssuers = (0..<7).map { "coin-\($0)" }

/// The sakura-pay folder under each test coin's name; the keys of those in `revoked` revoked
/// on Nov 21, before the ledger first saw anything.
private func reevaluationStore(revoked: Set<String> = []) throws -> TrustStore {
    let folder = packageRoot.appendingPathComponent("keys/sakura-pay")
    let trust = try String(contentsOf: folder.appendingPathComponent("trust.json"), encoding: .utf8)
    var pems: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".pem") {
        pems[name] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
    return try TrustStore.load(
        reevaluationIssuers.map { name in
            var renamed = trust.replacingOccurrences(
                of: "\"issuer\": \"sakura-pay\"", with: "\"issuer\": \"\(name)\"")
            if revoked.contains(name) {
                renamed = renamed.replacingOccurrences(
                    of: "\"role\":", with: "\"revokedAt\": \"2026-11-21T00:00:00Z\", \"role\":")
            }
            return TrustStore.Folder(name: name, trustJSON: Array(renamed.utf8), pemFiles: pems)
        }, provider: OpenSSLProvider())
}
